"""Her reflection after a meeting she came to, written on a phone without internet: kept on her
phone, sent once when she is back online, and hers alone."""

from sqlalchemy import select

from tests.browser.conftest import login, save_artifact, wait_for_service_worker, wait_until
from webapp.models import User
from webapp.models.agenda import Meeting
from webapp.models.materials import Material, MeetingReflection


def test_a_reflection_written_offline_arrives_once_in_arabic(context, page, live_db):
    amina = live_db.scalar(select(User).where(User.username == "amina"))
    meeting = live_db.scalar(
        select(Meeting).join(Material).limit(1)
    )  # the demo meeting she came to
    live_db.query(MeetingReflection).filter_by(user_id=amina.id).delete()
    live_db.commit()
    login(page, "amina")
    wait_for_service_worker(page)
    page.goto(f"/agenda/{meeting.id}")
    wait_until(page, "() => navigator.serviceWorker.controller !== null")
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")

    context.set_offline(True)
    page.reload()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#reflection-went_well", "تكلمت عن عملي السابق")
    page.fill("#reflection-next_step", "أسأل جارتي عن الحضانة")
    page.click("#terugblik button[type=submit]")
    page.locator("#reflection-kept").wait_for(state="visible")
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '1'")
    save_artifact(page, "reflection-offline-ar.png")
    live_db.expire_all()
    assert live_db.scalar(select(MeetingReflection).filter_by(user_id=amina.id)) is None

    context.set_offline(False)
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    live_db.expire_all()
    rows = live_db.scalars(select(MeetingReflection).filter_by(user_id=amina.id)).all()
    assert [(r.went_well, r.next_step) for r in rows] == [
        ("تكلمت عن عملي السابق", "أسأل جارتي عن الحضانة")
    ]
    page.goto(f"/agenda/{meeting.id}")
    assert page.locator("#reflection-went_well").input_value() == "تكلمت عن عملي السابق"
