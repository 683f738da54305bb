"""What she changed without internet stays where it belongs after a reload: the page (here from
the phone's cache) shows her waiting value in its form, marked "bewaard op je telefoon, nog niet
verstuurd (14:02)"; once sent, the mark says "verstuurd" and the server has her value."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.browser.conftest import (
    ARTIFACTS,
    login,
    reload_showing_pending,
    save_artifact,
    wait_for_service_worker,
    wait_until,
)
from tests.browser.offline_features import week_reminder
from webapp.models import User, utcnow
from webapp.models.agenda import Meeting, Rsvp
from webapp.models.cv import CvProfile
from webapp.models.plan import PlanStep
from webapp.models.reminders import Reminder
from webapp.services import childcare

TIME = re.compile(r"\(\S*\d{2}:\d{2}\)")


def open_online_once(page, username: str, path: str) -> None:
    login(page, username)
    wait_for_service_worker(page)
    page.goto(path)  # online once, under the worker: now in her phone's cache
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")


def waiting(page, count: int) -> None:
    wait_until(
        page,
        "(n) => document.getElementById('outbox-status')?.dataset.count === String(n)",
        arg=count,
    )


def pending_mark(page, within: str) -> str:
    note = page.locator(f"{within} .pending-note").first
    note.wait_for()
    text = note.inner_text()
    expected = page.evaluate("() => window.ElkeStap.strings.outboxPendingAt").split("(")[0]
    assert text.startswith(expected.strip()) and TIME.search(text), text
    return text


def sent(page) -> None:
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")


@pytest.mark.parametrize("username", ["sara", "amina"])
def test_a_step_status_changed_offline_shows_after_reload(context, page, live_db, username):
    user = live_db.scalar(select(User).where(User.username == username))
    open_online_once(page, username, "/plan/")
    if not page.locator("li.step-nog_niet").count():
        page.click("#add-title ~ details summary")
        page.locator(".template-list button").first.click()
        page.locator("li.step-nog_niet").first.wait_for()
        page.goto("/plan/")
    step = page.locator("li.step-nog_niet").first.get_attribute("id")

    context.set_offline(True)
    page.reload()
    page.click(f"#{step} button[name=status][value=bezig]")
    waiting(page, 1)
    reload_showing_pending(page)  # still offline: the page from her phone's cache
    assert page.locator("#app-banner").is_visible()  # "bijgewerkt om …" stays
    pressed = page.locator(f"#{step} button[name=status][aria-pressed=true]")
    assert pressed.get_attribute("value") == "bezig"
    pending_mark(page, f"#{step}")
    save_artifact(page, f"pending-plan-{username}.png")
    page.locator(f"#{step}").screenshot(path=str(ARTIFACTS / f"pending-plan-{username}-step.png"))
    if username == "amina":
        assert page.locator("html").get_attribute("dir") == "rtl"
        note = page.locator(f"#{step} .pending-note")
        assert note.evaluate("n => getComputedStyle(n).direction") == "rtl"

    context.set_offline(False)
    sent(page)
    note = page.locator(f"#{step} .pending-note")
    wait_until(
        page,
        "(t) => document.querySelector(t)?.textContent === window.ElkeStap.strings.outboxSent",
        arg=f"#{step} .pending-note",
    )
    assert note.is_visible()
    live_db.expire_all()
    saved = live_db.scalar(select(PlanStep).where(PlanStep.uuid == step.removeprefix("stap-")))
    assert saved.status == "bezig" and saved.owner_id == user.id


# A slow phone: pending.js arrives a moment after the page. Held here until the test lets it in.
HOLD_PENDING_SCRIPT = """(() => {
  const append = Element.prototype.append;
  window.heldPending = [];
  Element.prototype.append = function (...nodes) {
    const pending = nodes.some((n) => n.tagName === "SCRIPT" && /pending/.test(n.src));
    if (this !== document.head || !pending) return append.apply(this, nodes);
    window.heldPending.push(() => append.apply(this, nodes));
  };
})();"""


def test_what_she_chooses_before_her_waiting_change_shows_stays_as_she_chose(
    context, page, live_db
):
    """A change waits; she opens the page again and picks another status before pending.js has
    shown the waiting one. Hers, just now, is the newer: it stays in the form."""
    sara = live_db.scalar(select(User).where(User.username == "sara"))
    child = childcare.add_child(sara, "Mila", date.today().year - 3, date.today())
    application = childcare.start_application(sara, child, "gastouder")
    open_online_once(page, "sara", f"/opvang/aanvragen/{application.id}")
    context.set_offline(True)
    page.reload()
    page.select_option("select[name=status]", "offered")
    page.click("form[data-offline] button[type=submit]")
    waiting(page, 1)

    page.add_init_script(HOLD_PENDING_SCRIPT)
    page.reload()
    wait_until(page, "() => window.heldPending.length === 1")
    page.select_option("select[name=status]", "waitlist")
    page.evaluate("() => window.heldPending.forEach((load) => load())")
    page.locator("html[data-pending-shown]").wait_for(state="attached")
    assert page.locator("select[name=status]").input_value() == "waitlist"
    pending_mark(page, "main")  # the waiting change is still said under its form


def noodplan_kept_offline(context, page, text: str) -> None:
    """Elif writes her noodplan without internet: it waits in her outbox."""
    open_online_once(page, "elif", "/opvang/noodplan")
    context.set_offline(True)
    page.reload()
    page.fill("textarea[name=sick_child]", text)
    page.click("form[data-offline] button[type=submit]")
    waiting(page, 1)


def test_what_she_types_into_a_field_before_her_waiting_change_shows_is_all_hers(
    context, page, live_db
):
    """A noodplan waits; she opens the page again, taps into the field and selects its text
    before pending.js has shown the waiting one. What she types then replaces the selection:
    the waiting text is not put in under her cursor, to be added to."""
    noodplan_kept_offline(context, page, "Buurvrouw 1, 06 1234 5601")

    page.add_init_script(HOLD_PENDING_SCRIPT)
    page.reload()
    wait_until(page, "() => window.heldPending.length === 1")
    page.focus("textarea[name=sick_child]")
    page.evaluate("() => document.querySelector('textarea[name=sick_child]').select()")
    page.evaluate("() => window.heldPending.forEach((load) => load())")
    page.locator("html[data-pending-shown]").wait_for(state="attached")
    page.keyboard.insert_text("Buurvrouw 2, 06 1234 5602")
    assert page.locator("textarea[name=sick_child]").input_value() == "Buurvrouw 2, 06 1234 5602"
    pending_mark(page, "main")


def test_a_childcare_change_shows_after_reload_and_says_so_when_it_cannot_be_saved(
    context, page, live_db
):
    """Her waiting change, shown in the form; then the application is removed on another
    phone: the answer says so in plain words, with what she typed to copy."""
    sara = live_db.scalar(select(User).where(User.username == "sara"))
    child = childcare.add_child(sara, "Mila", date.today().year - 3, date.today())
    application = childcare.start_application(sara, child, "gastouder")
    path = f"/opvang/aanvragen/{application.id}"
    open_online_once(page, "sara", path)

    context.set_offline(True)
    page.reload()
    page.select_option("select[name=status]", "offered")
    page.fill("input[name=next_action]", "Gastouder Fatima bellen om 10 uur")
    page.click("form[data-offline] button[type=submit]")
    waiting(page, 1)
    reload_showing_pending(page)
    assert page.locator("select[name=status]").input_value() == "offered"
    assert page.locator("input[name=next_action]").input_value() == (
        "Gastouder Fatima bellen om 10 uur"
    )
    pending_mark(page, "main")
    save_artifact(page, "pending-childcare-sara.png")

    assert childcare.remove_application(sara, live_db.get(type(application), application.id))
    context.set_offline(False)
    sent(page)
    problem = page.locator(".pending-note.outbox-problem")
    problem.wait_for()
    assert "niet bewaard" in problem.inner_text()
    typed = page.locator(".outbox-typed textarea").input_value()
    assert "Gastouder Fatima bellen om 10 uur" in typed
    # The form shows the page's value again, not a change that did not happen.
    assert page.locator("input[name=next_action]").input_value() == ""
    save_artifact(page, "pending-childcare-not-applied.png")


def test_the_noodplan_written_offline_shows_after_reload(context, page, live_db):
    elif_ = live_db.scalar(select(User).where(User.username == "elif"))
    noodplan_kept_offline(context, page, "Komşum Ayşe, 06 12345678")
    reload_showing_pending(page)
    assert page.locator("textarea[name=sick_child]").input_value() == "Komşum Ayşe, 06 12345678"
    pending_mark(page, "main")
    context.set_offline(False)
    sent(page)
    live_db.expire_all()
    assert childcare.calamity_plan_of(elif_).sick_child == "Komşum Ayşe, 06 12345678"


def test_an_rsvp_given_offline_shows_after_reload(context, page, live_db):
    amina = live_db.scalar(select(User).where(User.username == "amina"))
    meeting = live_db.scalars(
        select(Meeting)
        .where(Meeting.starts_at > utcnow() + timedelta(days=2), Meeting.cancelled_at.is_(None))
        .order_by(Meeting.starts_at)
    ).all()[2]
    open_online_once(page, "amina", f"/agenda/{meeting.id}")
    context.set_offline(True)
    page.reload()
    page.click("#rsvp button[name=answer][value=not_coming]")
    waiting(page, 1)
    reload_showing_pending(page)
    pressed = page.locator("#rsvp button[name=answer][aria-pressed=true]")
    assert pressed.get_attribute("value") == "not_coming"
    pending_mark(page, "#rsvp")
    page.locator("#rsvp").screenshot(path=str(ARTIFACTS / "pending-rsvp-amina.png"))
    context.set_offline(False)
    sent(page)
    live_db.expire_all()
    rsvp = live_db.scalar(
        select(Rsvp).where(Rsvp.user_id == amina.id, Rsvp.meeting_id == meeting.id)
    )
    assert rsvp.answer == "not_coming"


def test_her_cv_profile_written_offline_shows_after_reload(context, page, live_db):
    ewa = live_db.scalar(select(User).where(User.username == "ewa"))
    open_online_once(page, "ewa", "/cv/profiel")
    text = "Jestem spokojna i pracowita. Ik zorg graag voor mensen."
    context.set_offline(True)
    page.reload()
    page.fill("textarea[name=profile]", text)
    page.click("form[data-offline] button[type=submit]")
    waiting(page, 1)
    reload_showing_pending(page)
    assert page.locator("textarea[name=profile]").input_value() == text
    pending_mark(page, "main")
    context.set_offline(False)
    sent(page)
    live_db.expire_all()
    assert live_db.scalar(select(CvProfile.profile).where(CvProfile.user_id == ewa.id)) == text


def test_an_inbox_answer_given_offline_shows_after_reload(context, page, live_db):
    amina = live_db.scalar(select(User).where(User.username == "amina"))
    meeting = live_db.scalars(
        select(Meeting).where(Meeting.starts_at > utcnow()).order_by(Meeting.starts_at)
    ).first()
    reminder = week_reminder(live_db, amina, meeting)
    open_online_once(page, "amina", f"/inbox/{reminder.id}")
    context.set_offline(True)
    page.reload()
    page.click("form.answers button[value=not_yet]")
    waiting(page, 1)
    reload_showing_pending(page)
    pressed = page.locator("form.answers button[aria-pressed=true]")
    assert pressed.get_attribute("value") == "not_yet"
    pending_mark(page, "main")
    save_artifact(page, "pending-inbox-amina.png")
    context.set_offline(False)
    sent(page)
    live_db.expire_all()
    assert live_db.get(Reminder, reminder.id).answer == "not_yet"
