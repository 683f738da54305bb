"""The PIN lock on a shared phone (issue 13): a neutral lock screen after the time she chose,
opened by her PIN online and offline; five wrong PINs log her out and wipe the phone; a
forgotten PIN means logging in again with the password, and nothing waiting is lost."""

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.browser.conftest import login, wait_until
from webapp.models import LoginSession, User
from webapp.models.plan import Plan

SHOTS = Path("/tmp/shots-13")
PIN = "2580"


# Pages that show nothing of anyone: they may stay in the cache after she left.
NOBODYS = {"/login", "/klok", "/offline", "/slot"}
KEPT_PAGES = """async () => {
    const paths = [];
    for (const name of (await caches.keys()).filter(k => k.startsWith('es-pages'))) {
        for (const r of await (await caches.open(name)).keys()) paths.push(new URL(r.url).pathname);
    }
    return paths;
}"""


def left_alone(page) -> None:
    """Six minutes without use: her last use moved back, as the clock would have done (once
    lock.js watches this page, or its first look would count as use)."""
    wait_until(page, "() => window.ElkeStapGuard.lockReady === true")
    page.evaluate(
        "() => window.ElkeStapGuard.write('active', {at: Date.now() - 6 * 60000, hiddenAt: null})"
    )


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def her_sessions(live_db, user) -> int:
    live_db.expire_all()
    return live_db.scalar(
        select(func.count(LoginSession.id)).where(LoginSession.user_id == user.id)
    )


def ready_with_pin(page, username: str, idle: str = "5") -> None:
    login(page, username)
    wait_until(
        page,
        "async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'",
    )
    page.goto("/meer")
    wait_until(page, "() => navigator.serviceWorker.controller !== null")
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")
    wait_until(
        page,
        "async () => Boolean(await (await caches.open('es-pages')).match(location.origin + '/slot'))",
    )
    page.click("a[href='/meer/veilig']")
    page.locator("#pin-form").wait_for()
    page.fill("#pin-new", PIN)
    page.fill("#pin-again", PIN)
    page.select_option("#pin-idle", idle)
    page.click("#pin-form button[type=submit]")
    page.locator("#pin-saved").wait_for()


def locked_and_neutral(page, her: User) -> None:
    page.locator("#unlock").wait_for()
    assert "/slot" in page.url
    assert page.locator("body[data-user]").count() == 0
    assert page.locator("nav.tabs").count() == 0
    assert her.display_name not in page.content()
    assert page.locator("main h1").count() == 1


def unlock(page, pin: str) -> None:
    page.fill("#unlock-pin", pin)
    page.click("#unlock button[type=submit]")


@pytest.mark.parametrize("username", ["sara", "amina"])
def test_the_lock_opens_with_her_pin_online_and_offline(context, page, live_db, username):
    her = live_db.scalar(select(User).where(User.username == username))
    ready_with_pin(page, username)
    page.goto("/plan/")
    assert "/plan/" in page.url  # in use: open

    left_alone(page)
    page.goto("/plan/")  # the service worker serves the lock screen, not her plan
    locked_and_neutral(page, her)
    shot(page, f"lock-{username}.png")
    if username == "amina":
        assert page.locator("html").get_attribute("dir") == "rtl"
    unlock(page, "1397")
    error = page.locator("#unlock-error")
    error.wait_for()
    assert error.inner_text() == page.evaluate(
        "() => window.ElkeStap.strings.pinWrongMany.replace('%(n)s', 4)"
    )
    shot(page, f"lock-wrong-{username}.png")
    unlock(page, PIN)
    page.wait_for_url("**/plan/")
    assert page.locator("body[data-user]").count() == 1

    context.set_offline(True)
    left_alone(page)
    page.goto("/")
    locked_and_neutral(page, her)
    unlock(page, PIN)
    page.wait_for_url(lambda url: url.endswith("/"))
    assert page.locator("body[data-user]").count() == 1  # her home, from the phone
    assert page.locator("body[data-cached-at]").count() == 1

    # An open page locks itself when she leaves it alone, and the back button does not open it.
    page.goto("/plan/")
    left_alone(page)
    page.wait_for_url("**/slot*", timeout=20000)
    page.go_back()
    locked_and_neutral(page, her)


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_five_wrong_pins_log_her_out_and_wipe_the_phone(context, page, live_db, offline):
    her = live_db.scalar(select(User).where(User.username == "ewa"))
    ready_with_pin(page, "ewa")
    sessions_before = her_sessions(live_db, her)
    left_alone(page)
    context.set_offline(offline)
    page.goto("/")
    locked_and_neutral(page, her)
    for attempt in range(4):
        unlock(page, "1397")
        wait_until(
            page,
            "(n) => document.getElementById('unlock-error').textContent.includes(String(n))",
            arg=4 - attempt,
        )
    unlock(page, "1397")
    page.wait_for_url("**/login?bye=pin")
    reason = page.evaluate("() => window.ElkeStap.strings.loggedOutPin")
    assert page.locator("main .notice", has_text=reason).is_visible()
    assert set(page.evaluate(KEPT_PAGES)) <= NOBODYS
    assert not page.evaluate("() => window.ElkeStapGuard.read('pin')")
    if offline:  # the login page kept on the phone; the server hears of it when she is online
        assert page.locator("body[data-cached-at]").count() == 1
        assert her_sessions(live_db, her) == sessions_before
        context.set_offline(False)
    deadline = time.monotonic() + 20
    while her_sessions(live_db, her) != sessions_before - 1:
        assert time.monotonic() < deadline, "five wrong PINs did not end the session"
        page.wait_for_timeout(200)
    page.goto("/")
    assert "/login" in page.url and page.locator("body[data-user]").count() == 0


def test_a_forgotten_pin_means_her_password_and_nothing_waiting_is_lost(
    context, page, live_db, plan_going
):
    her = plan_going("elif")
    ready_with_pin(page, "elif")
    page.goto("/plan/")
    context.set_offline(True)
    page.reload()
    page.click("form[action$='/plan/pauze'] button[type=submit]")  # waits on the phone
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '1'")
    left_alone(page)
    page.goto("/plan/")
    locked_and_neutral(page, her)
    page.click("[data-forgot-box] summary")
    page.click("[data-forgot]")
    page.wait_for_url("**/login*")
    assert page.locator("main .notice", has_text=page.evaluate(
        "() => window.ElkeStap.strings.loggedOutForgot"
    )).is_visible()  # fmt: skip
    assert page.evaluate("() => window.ElkeStapOutbox.all()")  # her change still waits

    context.set_offline(False)
    wait_until(page, "async () => !(await window.ElkeStapGuard.read('logout'))")
    login(page, "elif")
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    live_db.expire_all()
    assert live_db.scalar(select(Plan.paused).where(Plan.owner_id == her.id)) is True
    page.goto("/plan/")
    assert "/plan/" in page.url  # no PIN any more: she chooses a new one on Meer
