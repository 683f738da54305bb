"""Her plan on a phone without internet: read it, change it, and everything arrives exactly once
when the network is back. Also in Arabic; logout wipes the phone; the sharing switch."""

import pytest
from sqlalchemy import func, select

from tests.browser.conftest import login, save_artifact, wait_until
from webapp.models import User
from webapp.models.mutations import AppliedMutation
from webapp.models.plan import PlanStep, StepStatus


def controlled_plan_page(page, username: str) -> None:
    login(page, username)
    wait_until(
        page,
        "async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'",
    )
    page.goto("/plan/")  # online once, under the active worker: now in her phone's cache
    wait_until(page, "() => navigator.serviceWorker.controller !== null")
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")


def outbox(page) -> list[dict]:
    return page.evaluate("() => window.ElkeStapOutbox.all()")


def replay_on_purpose(page, item: dict) -> dict:
    """Send a kept mutation again, as a flaky network might: same id, fresh CSRF token."""
    return page.evaluate(
        """async (item) => {
            const t = await (await fetch('/offline/token', {headers: {Accept: 'application/json'}})).json();
            const body = new URLSearchParams();
            for (const [k, v] of item.body) if (k !== 'csrf_token') body.append(k, v);
            body.append('csrf_token', t.token);
            const r = await fetch(item.url, {method: 'POST', body, headers: {Accept: 'application/json'}});
            return await r.json();
        }""",
        item,
    )


def offline_changes_arrive_exactly_once(context, page, live_db, username, new_action, reflection):
    user = live_db.scalar(select(User).where(User.username == username))
    controlled_plan_page(page, username)
    if not page.locator("li.step-nog_niet").count():
        # An empty plan: take a first step from her group's list, online (htmx).
        page.click("#add-title ~ details summary")
        page.locator(".template-list button").first.click()
        page.locator("li.step-nog_niet").first.wait_for()
        page.goto("/plan/")
    target = page.locator("li.step-nog_niet").first
    step_id = target.get_attribute("id").removeprefix("stap-")

    context.set_offline(True)
    page.reload()
    banner = page.locator("#app-banner")
    banner.wait_for(state="visible")
    assert ":" in banner.inner_text()  # "bijgewerkt om HH:MM"
    assert page.locator(f"#stap-{step_id}").is_visible()

    # 1. Mark the step done (an htmx form).
    page.click(f"#stap-{step_id} button[name=status][value=gedaan]")
    page.locator(f"#stap-{step_id} + .outbox-note, #stap-{step_id} .outbox-note").first.wait_for()
    # The screen agrees with her tap while the change waits on the phone.
    pressed = page.locator(f"#stap-{step_id} button[name=status][aria-pressed=true]")
    assert pressed.get_attribute("value") == "gedaan"
    # 2. The reflection form appears at once; write what she is proud of (a plain form).
    page.locator(f"#trots-{step_id}").wait_for(state="visible")
    page.fill(f"#trots-tekst-{step_id}", reflection)
    page.click(f"#trots-{step_id} button[type=submit]")
    # 3. Add a step of her own (a plain form).
    page.click("#own-step >> xpath=.. >> summary")
    page.fill("#own-step input[name=action]", new_action)
    page.select_option("#own-step select[name=area]", "kinderen")
    page.click("#own-step button[type=submit]")

    status = page.locator("#outbox-status")
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '3'")
    assert status.is_visible()
    assert page.locator(".outbox-note").count() == 3
    save_artifact(page, f"plan-offline-{username}.png")
    kept = outbox(page)
    assert [i["url"].rsplit("/", 1)[-1] for i in kept] == ["status", "trots", "stappen"]
    assert len({i["id"] for i in kept}) == 3
    assert live_db.scalar(select(func.count(PlanStep.id)).where(PlanStep.action == new_action)) == 0

    context.set_offline(False)  # the `online` event sends the outbox
    page.locator("#outbox-status .outbox-sent").wait_for()
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    save_artifact(page, f"plan-sent-{username}.png")

    live_db.expire_all()
    step = live_db.scalar(select(PlanStep).where(PlanStep.uuid == step_id))
    assert step.status == StepStatus.DONE
    assert step.reflection.text == reflection
    added = live_db.scalars(select(PlanStep).where(PlanStep.action == new_action)).all()
    assert len(added) == 1 and added[0].owner_id == user.id and added[0].area == "kinderen"
    for item in kept:
        rows = live_db.scalar(
            select(func.count(AppliedMutation.id)).where(
                AppliedMutation.user_id == user.id, AppliedMutation.mutation_id == item["id"]
            )
        )
        assert rows == 1

    # The add-step mutation sent twice more on purpose: answered, never applied again.
    again = replay_on_purpose(page, kept[2])
    assert again["result"] == "applied" and again["replayed"] is True
    live_db.expire_all()
    assert live_db.scalar(select(func.count(PlanStep.id)).where(PlanStep.action == new_action)) == 1
    return page


def test_offline_changes_arrive_exactly_once(context, page, live_db):
    offline_changes_arrive_exactly_once(
        context, page, live_db, "sara", "Buurvrouw vragen om op te passen", "Ik heb het gedaan!"
    )
    assert "bewaard op je telefoon" in page.evaluate("window.ElkeStap.strings.outboxOne")
    assert page.locator("#outbox-status .outbox-sent").inner_text().strip() == "Verstuurd"
    page.click("#outbox-status a")  # fresh from the server: the step made offline is there
    assert page.locator("li.step", has_text="Buurvrouw vragen om op te passen").count() == 1


def test_offline_changes_in_arabic(context, page, live_db):
    offline_changes_arrive_exactly_once(
        context, page, live_db, "amina", "أسأل جارتي عن رعاية الأطفال", "أنا فخورة بنفسي"
    )
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"


def test_logout_warns_about_unsent_changes_then_wipes_the_phone(context, page, live_db):
    controlled_plan_page(page, "elif")
    page.goto("/meer")
    context.set_offline(True)
    page.goto("/plan/")
    page.click("form[action$='/plan/pauze'] button[type=submit]")
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '1'")
    page.goto("/meer")
    messages = []
    page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    page.click("form[data-logout] button[type=submit]")
    wait_until(page, "() => document.querySelector('form[data-logout]') !== null")
    page.wait_for_timeout(300)
    # elif reads Turkish: the warning is the text the page carries for her language.
    assert messages and messages[0] == page.evaluate("() => window.ElkeStap.strings.outboxUnsent")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert "/meer" in page.url  # she chose to stay: nothing was lost
    assert len(outbox(page)) == 1

    context.set_offline(False)
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    assert page.evaluate("async () => (await caches.keys()).includes('es-pages')")
    page.click("form[data-logout] button[type=submit]")
    page.wait_for_url("**/login*")
    assert not page.evaluate(
        "async () => (await caches.keys()).some(k => k.startsWith('es-pages'))"
    )
    names = page.evaluate("async () => (await indexedDB.databases()).map(d => d.name)")
    assert not [n for n in names if n.startswith("es-")]
    elif_ = live_db.scalar(select(User).where(User.username == "elif"))
    from webapp.models.plan import Plan

    assert live_db.scalar(select(Plan.paused).where(Plan.owner_id == elif_.id)) is True


@pytest.mark.parametrize("username", ["elif", "amina"])
def test_a_step_from_her_groups_list_is_the_one_she_tapped_online_and_offline(
    context, page, live_db, username
):
    """The list is one form with a button per step: the tapped button decides the step."""
    user = live_db.scalar(select(User).where(User.username == username))

    def her_actions() -> list[str]:
        live_db.expire_all()
        return live_db.scalars(select(PlanStep.action).where(PlanStep.owner_id == user.id)).all()

    before = her_actions()
    controlled_plan_page(page, username)
    page.click("#add-title ~ details summary")
    buttons = page.locator(".template-list button")
    second = buttons.nth(1).inner_text().removeprefix("+").strip()
    buttons.nth(1).click()
    page.locator("li.step", has_text=second).first.wait_for()

    context.set_offline(True)
    third = buttons.nth(2).inner_text().removeprefix("+").strip()
    buttons.nth(2).click()
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 1")
    context.set_offline(False)
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")

    actions = her_actions()
    assert actions.count(second) == before.count(second) + 1
    assert actions.count(third) == before.count(third) + 1
    first = buttons.nth(0).inner_text().removeprefix("+").strip()
    assert actions.count(first) == before.count(first)  # not the one above the tapped one
    save_artifact(page, f"plan-list-{username}.png")
