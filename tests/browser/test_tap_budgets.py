"""Her everyday path in one tap, on a 390×844 phone, in Dutch and Arabic: each control she
needs is in the first screen (no scrolling), and one tap does the thing."""

import re

import pytest
from sqlalchemy import delete, select, update

from tests.browser.conftest import PHONE, login, save_artifact
from webapp.models import User
from webapp.models.agenda import Meeting, Rsvp
from webapp.models.plan import PlanStep
from webapp.models.reminders import Reminder
from webapp.services import plan as plans
from webapp.services.reminders.schedule import create_due
from webapp.services.reminders.staff_messages import send_staff_message

PEOPLE = [("sara", "nl"), ("amina", "ar")]


def in_first_screen(page, selector: str) -> None:
    """Visible without scrolling: the whole control lies inside the viewport as the page
    opens, above the bottom tab bar."""
    assert page.evaluate("() => window.scrollY") == 0
    box = page.locator(selector).first.bounding_box()
    tabs = page.locator("nav.tabs").bounding_box()
    bottom = tabs["y"] if tabs else PHONE["height"]
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= bottom, (
        f"{selector} at {box}, first screen ends at {bottom}"
    )


def taps(page):
    """Counts her taps (clicks) from here on."""
    page.evaluate(
        "() => { window.__taps = 0; document.addEventListener('click', () => window.__taps++, true) }"
    )
    return lambda: page.evaluate("() => window.__taps")


@pytest.fixture
def her(live_db, request):
    username, lang = request.param
    user = live_db.scalar(select(User).where(User.username == username))
    return user, lang


def open_step(live_db, user) -> PlanStep:
    """A step of hers that is not done yet (and is her next step on the home)."""
    live_db.execute(
        delete(PlanStep).where(PlanStep.owner_id == user.id, PlanStep.status != "gedaan")
    )
    live_db.commit()
    return plans.add_step(user, "Bellen met de bibliotheek", "taal").step


def unread_message(live_db, user) -> None:
    """At least one message she has not read yet."""
    mine = live_db.scalars(select(Reminder).where(Reminder.user_id == user.id)).all()
    if not mine:
        staff = live_db.scalar(select(User).where(User.username == "medewerker"))
        send_staff_message(staff, "group", "Tot maandag!", group=user.memberships[0].group)
        create_due()
        mine = live_db.scalars(select(Reminder).where(Reminder.user_id == user.id)).all()
    live_db.execute(update(Reminder).where(Reminder.id == mine[0].id).values(read_at=None))
    live_db.commit()


@pytest.mark.parametrize("her", PEOPLE, indirect=True, ids=[p[0] for p in PEOPLE])
def test_a_step_done_from_her_home_in_one_tap(page, live_db, her):
    user, lang = her
    step = open_step(live_db, user)
    unread_message(live_db, user)  # the home as she mostly finds it: something new on top
    login(page, user.username)
    page.goto("/")
    assert page.locator("#new-messages-line").count() == 1
    assert page.locator("html").get_attribute("lang") == lang
    done = "#next-step-card button[value=gedaan]"
    in_first_screen(page, done)
    count = taps(page)
    page.click(done)
    page.locator("#next-step-card .celebrate").wait_for()
    assert count() == 1
    live_db.expire_all()
    assert live_db.get(PlanStep, step.id).status == "gedaan"
    save_artifact(page, f"tap-step-done-{lang}.png")


@pytest.mark.parametrize("her", PEOPLE, indirect=True, ids=[p[0] for p in PEOPLE])
def test_ik_kom_in_the_first_screen_and_from_her_home(page, live_db, her):
    user, lang = her
    meeting = live_db.scalar(select(Meeting).where(Meeting.title == "Startbijeenkomst"))
    live_db.execute(delete(Rsvp).where(Rsvp.user_id == user.id))
    live_db.commit()
    login(page, user.username)

    page.goto("/")
    coming = "#next-meeting-card button[value=coming]"
    in_first_screen(page, coming)
    count = taps(page)
    page.click(coming)
    page.locator("#next-meeting-card button[value=coming][aria-pressed=true]").wait_for()
    assert count() == 1
    live_db.expire_all()
    rsvp = live_db.scalar(
        select(Rsvp).where(Rsvp.user_id == user.id, Rsvp.meeting_id == meeting.id)
    )
    assert rsvp.answer == "coming"

    page.goto(f"/agenda/{meeting.id}")
    not_coming = "#rsvp button[value=not_coming]"
    in_first_screen(page, not_coming)
    count = taps(page)
    page.click(not_coming)
    page.locator("#rsvp button[value=not_coming][aria-pressed=true]").wait_for()
    assert count() == 1
    # Only now, and only because she does not come: may she say why (never required).
    assert page.locator("select[name=reason]").is_visible()
    assert page.locator("select[name=children]").count() == 0
    save_artifact(page, f"tap-meeting-{lang}.png")
    page.click("#rsvp button[value=coming]")
    page.locator("select[name=children]").wait_for()
    assert page.locator("select[name=children]").input_value() == "0"  # nothing assumed
    assert re.search(r"/agenda/\d+$", page.url)


@pytest.mark.parametrize("her", PEOPLE, indirect=True, ids=[p[0] for p in PEOPLE])
def test_meer_has_what_she_needs_most_in_the_first_screen(page, her):
    user, lang = her
    login(page, user.username)
    page.goto("/meer")
    for control in (
        ".more-links a[href$='/inbox']",
        ".more-links a[href$='/inbox/instellingen']",
        f".languages button[lang={lang}]",
        "form[data-logout] button[type=submit]",
    ):
        in_first_screen(page, control)
    save_artifact(page, f"meer-{lang}.png")
