"""Her cv-checklist on a phone without internet: a tick is kept and arrives once."""

from sqlalchemy import select

from tests.browser.conftest import (
    login,
    reload_showing_pending,
    wait_for_service_worker,
    wait_until,
)
from webapp.models import User
from webapp.models.cv import CvChecklistTick


def test_a_tick_made_offline_is_kept_and_sent_once(context, page, live_db):
    ewa = live_db.scalar(select(User).where(User.username == "ewa"))
    login(page, "ewa")
    wait_for_service_worker(page)
    page.goto("/cv/")
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")

    context.set_offline(True)
    page.reload()
    page.click("#item-about_me button")
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '1'")
    live_db.expire_all()
    assert live_db.scalar(select(CvChecklistTick).where(CvChecklistTick.user_id == ewa.id)) is None
    reload_showing_pending(page)  # still offline: the tick she made shows, waiting on her phone
    assert page.locator("#item-about_me button").get_attribute("aria-pressed") == "true"
    assert page.locator("#item-about_me input[name=done]").input_value() == "0"  # a tap undoes
    page.locator("#item-about_me .pending-note").wait_for()

    context.set_offline(False)
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    live_db.expire_all()
    ticks = live_db.scalars(select(CvChecklistTick).where(CvChecklistTick.user_id == ewa.id))
    assert [t.item for t in ticks] == ["about_me"]
    page.goto("/cv/")
    assert "is-done" in page.locator("#item-about_me").get_attribute("class")
