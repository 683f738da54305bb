"""Every change she can make can wait without internet: removing a step or a child, her
notification settings, "alles gelezen". A removal hides the thing at once (also on the other
pages her phone keeps), and brings it back if the server refuses."""

from datetime import date

from sqlalchemy import select

from tests.browser.conftest import (
    ARTIFACTS,
    login,
    reload_showing_pending,
    wait_for_service_worker,
    wait_until,
)
from webapp.models import User, utcnow
from webapp.models.plan import PlanStep
from webapp.models.reminders import NotificationSettings
from webapp.services import childcare
from webapp.services import plan as plans


def online_once(page, *paths: str) -> None:
    wait_for_service_worker(page)
    for path in paths:
        page.goto(path)
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")


def waiting(page, count: int) -> None:
    wait_until(
        page,
        "(n) => document.getElementById('outbox-status')?.dataset.count === String(n)",
        arg=count,
    )


def sent(page) -> None:
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")


def text_of(page, selector: str) -> str:
    return page.locator(selector).first.inner_text()


def test_a_step_removed_offline_is_gone_at_once_and_on_the_server_once_online(
    context, page, live_db
):
    sara = live_db.scalar(select(User).where(User.username == "sara"))
    uuid = plans.add_step(sara, "Fietsles zoeken voor mezelf", "gezondheid").step.uuid
    login(page, "sara")
    online_once(page, "/plan/", f"/plan/stappen/{uuid}")

    context.set_offline(True)
    page.reload()
    page.click(f"form[action$='/stappen/{uuid}/weg'] button[type=submit]")
    waiting(page, 1)
    removed = page.locator(f"[data-offline-removed-by$='/stappen/{uuid}/weg']")
    assert removed.is_hidden()  # at once, on this page
    strings = page.evaluate("() => window.ElkeStap.strings")
    removal = strings["outboxRemovedAt"].split("(")[0]
    assert text_of(page, ".pending-note").startswith(f"Fietsles zoeken voor mezelf: {removal}")

    page.goto("/plan/")  # her plan, from the phone's cache: the step is not there either
    page.locator("html[data-pending-shown]").wait_for(state="attached")
    assert page.locator(f"#stap-{uuid}").is_hidden()
    assert page.locator("li.step:visible", has_text="Fietsles zoeken").count() == 0
    assert text_of(page, "li.pending-note").startswith(f"Fietsles zoeken voor mezelf: {removal}")

    context.set_offline(False)
    sent(page)
    wait_until(
        page,
        "(t) => document.querySelector('li.pending-note')?.textContent === t",
        arg=strings["outboxRemovedSent"],
    )
    live_db.expire_all()
    assert live_db.scalar(select(PlanStep.id).where(PlanStep.uuid == uuid)) is None


def test_a_child_removed_offline_comes_back_when_a_later_change_wins(context, page, live_db):
    """She removed the child on this phone offline; later, on another phone, she changed its
    application: that later change wins, and the child is back on this phone's page."""
    sara = live_db.scalar(select(User).where(User.username == "sara"))
    child = childcare.add_child(sara, "Yara", date.today().year - 1, date.today())
    application = childcare.start_application(sara, child, "peuteropvang")
    login(page, "sara")
    online_once(page, "/opvang/")

    context.set_offline(True)
    page.reload()
    section = page.locator(f"section[aria-labelledby=child-{child.id}]")
    section.locator("details.remove-child summary").click()
    section.locator("details.remove-child button[type=submit]").click()
    waiting(page, 1)
    assert section.is_hidden()
    reload_showing_pending(page)  # still hidden after a reload
    assert section.is_hidden()
    page.screenshot(path=str(ARTIFACTS / "removed-child-pending.png"))

    childcare.update_application(sara, application, "waitlist", at=utcnow())  # the other phone
    context.set_offline(False)
    sent(page)
    section.wait_for(state="visible")
    problem = page.locator(".pending-note.outbox-problem")
    assert "veranderd" in problem.inner_text()
    live_db.expire_all()
    assert childcare.get_child(sara, child.id) is not None


def test_her_notification_settings_changed_offline_are_kept_and_shown(context, page, live_db):
    ewa = live_db.scalar(select(User).where(User.username == "ewa"))
    login(page, "ewa")
    online_once(page, "/inbox/instellingen")
    context.set_offline(True)
    page.reload()
    page.check("input[name=lock_screen][value=details]")
    page.select_option("select[name=quiet_start]", str(22 * 60))
    page.click("form[action$='/inbox/instellingen'] button[type=submit]")
    waiting(page, 1)
    reload_showing_pending(page)
    assert page.locator("input[name=lock_screen][value=details]").is_checked()
    assert page.locator("select[name=quiet_start]").input_value() == str(22 * 60)
    page.locator(".pending-note").wait_for()

    context.set_offline(False)
    sent(page)
    live_db.expire_all()
    saved = live_db.get(NotificationSettings, ewa.id)
    assert (saved.lock_screen, saved.quiet_start) == ("details", 22 * 60)
    assert set(saved.field_times) == {"push_enabled", "quiet_start", "quiet_end", "lock_screen"}
