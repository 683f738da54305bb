"""The agenda in a real browser: Amina (Arabic) answers with childcare, changes her answer
offline, and the medewerker sees the final answer once the phone is back online."""

import re

from sqlalchemy import select

from tests.browser.conftest import PHONE, login, save_artifact, wait_for_service_worker, wait_until
from webapp.models import User
from webapp.models.agenda import Meeting, Rsvp
from webapp.services import agenda


def _rsvp(live_db, meeting_id, user_id):
    live_db.expire_all()
    return live_db.scalar(
        select(Rsvp).where(Rsvp.meeting_id == meeting_id, Rsvp.user_id == user_id)
    )


def _wait_for(page, live_db, check, timeout=15000):
    waited = 0
    while waited < timeout:
        live_db.expire_all()
        if check():
            return True
        page.wait_for_timeout(250)
        waited += 250
    return False


def background(page, selector: str) -> str:
    return page.eval_on_selector(selector, "(e) => getComputedStyle(e).backgroundColor")


def test_amina_answers_with_childcare_changes_offline_and_staff_sees_it(
    browser, live_server, context, page, live_db
):
    meeting = live_db.scalar(select(Meeting).where(Meeting.title == "Startbijeenkomst"))
    amina = live_db.scalar(select(User).where(User.username == "amina"))
    login(page, "amina")
    page.goto("/agenda")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.click(f"a[href='/agenda/{meeting.id}']")
    page.wait_for_url(re.compile(rf"/agenda/{meeting.id}$"))
    # The Dutch place name and address as they are, and a link for the phone's map app
    assert "Wijkcentrum De Vaart" in page.inner_text("main")
    assert page.locator("a[href^='geo:']").count() == 1

    # One tap to say she comes; then, as a follow-up, her children: the number first, and as
    # many age boxes as children.
    page.click("button[name=answer][value=coming]")
    page.locator("#rsvp .notice").wait_for()  # the answer came back from the server
    chosen_coming = background(page, "button[name=answer][value=coming][aria-pressed=true]")
    assert page.locator("[data-age]:visible").count() == 0
    page.select_option("select[name=children]", "2")
    assert page.locator("[data-age]:visible").count() == 2
    page.select_option("select[name=age_1]", "2")
    page.select_option("select[name=age_2]", "5")
    page.click(".rsvp-children button[type=submit]")
    assert _wait_for(page, live_db, lambda: _rsvp(live_db, meeting.id, amina.id).children_count)
    rsvp = _rsvp(live_db, meeting.id, amina.id)
    assert (rsvp.answer, rsvp.children_count, rsvp.ages) == ("coming", 2, [2, 5])
    save_artifact(page, "agenda-rsvp-ar.png")

    context.set_offline(True)
    try:
        page.click("button[name=answer][value=not_coming]")
        page.locator(".outbox-note").wait_for()  # kept on the phone, to send later
        # Chosen, and not the green of "Ik kom".
        chosen = background(page, "button[name=answer][value=not_coming][aria-pressed=true]")
        assert chosen not in (chosen_coming, background(page, "button[name=answer][value=coming]"))
        assert _rsvp(live_db, meeting.id, amina.id).answer == "coming"
    finally:
        context.set_offline(False)
    assert _wait_for(
        page, live_db, lambda: _rsvp(live_db, meeting.id, amina.id).answer == "not_coming"
    ), "the answer made offline never arrived"
    rsvp = _rsvp(live_db, meeting.id, amina.id)
    assert rsvp.children_count == 0 and not rsvp.childcare_needed

    staff_context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    try:
        staff = staff_context.new_page()
        login(staff, "medewerker")
        staff.goto(f"/medewerker/agenda/{meeting.id}")
        assert "Amina" in staff.inner_text("#not-coming")
        coming = staff.locator("#coming")
        assert coming.count() == 0 or "Amina" not in coming.inner_text()
        live_db.expire_all()
        children = agenda.overview(live_db.get(Meeting, meeting.id)).children
        total = staff.inner_text("#childcare-total")
        assert re.match(rf"^{children} kind", total), total
        save_artifact(staff, "agenda-staff-overview.png")
    finally:
        staff_context.close()


def test_agenda_and_a_visited_meeting_open_offline(context, page, live_db):
    meeting = live_db.scalar(select(Meeting).where(Meeting.title == "Startbijeenkomst"))
    login(page, "sara")
    # After login the agenda is among the pages fetched into the phone's cache
    assert "/agenda" in (page.locator("body").get_attribute("data-offline-pages") or "")
    wait_for_service_worker(page)
    page.goto("/agenda")
    page.goto(f"/agenda/{meeting.id}")  # a visited meeting page is kept too
    wait_until(
        page,
        "(path) => caches.open('es-pages').then(c => c.match(location.origin + path))"
        ".then(Boolean)",
        arg=f"/agenda/{meeting.id}",
    )
    context.set_offline(True)
    try:
        page.goto("/agenda")
        assert "Startbijeenkomst" in page.inner_text("main")
        page.goto(f"/agenda/{meeting.id}")
        assert "Slinge 1, 3085 EK Rotterdam" in page.inner_text("main")
    finally:
        context.set_offline(False)
