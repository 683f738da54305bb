"""A shared phone: a change Sara kept on it is hers. It is never sent as Amina, who logs in on
the same phone before it was sent; it waits, also through Amina's logout, and goes out when
Sara logs in again."""

from sqlalchemy import select

from tests.browser.conftest import login, wait_for_service_worker, wait_until
from webapp.models import User
from webapp.models.plan import PlanStep, StepStatus


def test_a_queue_left_by_sara_is_not_sent_after_amina_logs_in(context, page, live_db):
    sara = live_db.scalar(select(User).where(User.username == "sara"))
    login(page, "sara")
    wait_for_service_worker(page)
    page.goto("/plan/")
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")
    target = page.locator("li.step-nog_niet").first
    step_uuid = target.get_attribute("id").removeprefix("stap-")

    context.set_offline(True)
    page.reload()
    page.click(f"#stap-{step_uuid} button[name=status][value=bezig]")
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '1'")
    [kept] = page.evaluate("() => window.ElkeStapOutbox.all()")
    assert kept["user"] == str(sara.id)

    # Her session ends on this phone before the change was sent (she did not log out).
    context.clear_cookies()
    context.set_offline(False)
    login(page, "amina")
    assert page.locator("html").get_attribute("lang") == "ar"
    outcome = page.evaluate("() => window.ElkeStapOutbox.replay()")  # as Background Sync does
    assert outcome["results"] == [] and outcome["left"] == 0
    page.reload()
    page.wait_for_timeout(500)  # the page load's own attempt
    assert page.locator("#outbox-status").get_attribute("data-count") == "0"
    assert len(page.evaluate("() => window.ElkeStapOutbox.all()")) == 1

    def status():
        live_db.expire_all()
        return live_db.scalar(select(PlanStep.status).where(PlanStep.uuid == step_uuid))

    assert status() == StepStatus.TODO

    # Amina logs out: her things are wiped, Sara's change stays for Sara.
    page.goto("/meer")
    page.click("form[data-logout] button[type=submit]")
    page.wait_for_url("**/login*")
    assert len(page.evaluate("() => window.ElkeStapOutbox.all()")) == 1
    assert status() == StepStatus.TODO

    login(page, "sara")
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    assert status() == StepStatus.BUSY
