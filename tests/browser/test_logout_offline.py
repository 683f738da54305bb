"""Logging out without internet (issue 13): her data goes at once, no page of hers is shown
afterwards (offline, nor online before the server knows), and the server ends the session at
the first connection. Also in Arabic."""

import time

import pytest
from sqlalchemy import func, select

from tests.browser.conftest import login, wait_until
from webapp.models import LoginSession, User

ES_PAGES = "async () => (await caches.keys()).filter(k => k.startsWith('es-pages'))"
MARK = "() => window.ElkeStapGuard.read('logout')"


def her_sessions(live_db, user) -> int:
    live_db.expire_all()
    return live_db.scalar(
        select(func.count(LoginSession.id)).where(LoginSession.user_id == user.id)
    )


def ready_offline(page, username: str) -> None:
    """Logged in, her pages on the phone, the login page kept for offline."""
    login(page, username)
    wait_until(
        page,
        "async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'",
    )
    page.goto("/plan/")
    wait_until(page, "() => navigator.serviceWorker.controller !== null")
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")
    wait_until(page, "async () => Boolean(await (await caches.open('es-public')).match('/login'))")


def shows_nothing_of_hers(page, name: str) -> None:
    assert "/login" in page.url
    assert page.locator("body[data-user]").count() == 0
    assert page.locator("nav.tabs").count() == 0
    assert name not in page.content()
    assert page.locator("form[action$='/login'] input[name=password]").is_visible()


@pytest.mark.parametrize("username", ["sara", "amina"])
def test_logout_offline_wipes_at_once_and_ends_the_session_at_the_first_connection(
    browser, live_server, context, page, live_db, username
):
    her = live_db.scalar(select(User).where(User.username == username))
    ready_offline(page, username)
    sessions_before = her_sessions(live_db, her)
    cookies = context.cookies()

    context.set_offline(True)
    page.goto("/plan/")
    page.click("form[action$='/plan/pauze'] button[type=submit]")  # a change of hers waits
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '1'")
    # Someone else's change, left on this phone for later: not hers to wipe.
    page.evaluate(
        "() => window.ElkeStapOutbox.enqueue('/plan/pauze', [['note', 'theirs']], {user: '999999'})"
    )
    page.goto("/meer")
    warnings = []
    page.once("dialog", lambda d: (warnings.append(d.message), d.accept()))
    page.click("form[data-logout] button[type=submit]")
    page.wait_for_url("**/login*")
    page.wait_for_load_state()

    assert warnings == [page.evaluate("() => window.ElkeStap.strings.outboxUnsent")]
    assert page.evaluate(ES_PAGES) == []
    left = page.evaluate("() => window.ElkeStapOutbox.all()")
    assert [item["user"] for item in left] == ["999999"]
    assert page.evaluate(MARK)["user"] == str(her.id)
    shows_nothing_of_hers(page, her.display_name)
    note = page.locator(
        "main .notice", has_text=page.evaluate("() => window.ElkeStap.strings.loggedOutPending")
    )
    assert note.is_visible()
    if username == "amina":
        assert page.locator("html").get_attribute("lang") == "ar"
        assert page.locator("html").get_attribute("dir") == "rtl"

    for path in ("/plan/", "/", "/meer", "/agenda"):  # offline: nothing of hers
        page.goto(path)
        shows_nothing_of_hers(page, her.display_name)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo-demo")
    page.click("form.card button[type=submit]")
    page.locator(".offline-login").wait_for()  # no login without internet, and she is told
    assert her_sessions(live_db, her) == sessions_before  # the server does not know yet

    context.set_offline(False)  # the first connection ends it
    deadline = time.monotonic() + 20
    while her_sessions(live_db, her) != sessions_before - 1:
        assert time.monotonic() < deadline, "the session was not ended when the phone came online"
        page.wait_for_timeout(200)
    wait_until(page, "async () => !(await window.ElkeStapGuard.read('logout'))")
    page.goto("/plan/")
    shows_nothing_of_hers(page, her.display_name)

    # Her old cookies, copied off the phone, open nothing either.
    other = browser.new_context(base_url=live_server.url)
    other.add_cookies(cookies)
    copy = other.new_page()
    copy.goto("/plan/")
    assert "/login" in copy.url and copy.locator("body[data-user]").count() == 0
    other.close()


def test_online_before_the_server_knew_shows_nothing_of_hers(context, page, live_db):
    """Back online, the first page she opens ends the session before anything is shown."""
    her = live_db.scalar(select(User).where(User.username == "ewa"))
    ready_offline(page, "ewa")
    sessions_before = her_sessions(live_db, her)
    page.goto("/meer")
    context.set_offline(True)
    page.click("form[data-logout] button[type=submit]")
    page.wait_for_url("**/login*")
    context.set_offline(False)
    page.goto("/plan/")
    shows_nothing_of_hers(page, her.display_name)
    assert her_sessions(live_db, her) == sessions_before - 1


def test_a_session_that_expired_while_changes_waited_keeps_them_until_she_logs_in(
    context, page, live_db, plan_going
):
    from tests.browser.test_pin_lock import ready_with_pin
    from webapp.models.plan import Plan

    her = plan_going("sara")
    ready_with_pin(page, "sara")  # her PIN lock does not stand in the way
    page.goto("/plan/")
    context.set_offline(True)
    page.reload()
    page.click("form[action$='/plan/pauze'] button[type=submit]")
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '1'")
    # Meanwhile the server ends her session (a month is over, or the shared-phone time).
    live_db.execute(LoginSession.__table__.delete().where(LoginSession.user_id == her.id))
    live_db.commit()

    context.set_offline(False)  # sent: the server says "log in", and nothing is lost
    login_link = page.locator("#outbox-status a[href^='/login']")
    login_link.wait_for()
    assert len(page.evaluate("() => window.ElkeStapOutbox.all()")) == 1
    live_db.expire_all()
    assert live_db.scalar(select(Plan.paused).where(Plan.owner_id == her.id)) is False

    login_link.click()
    page.wait_for_url("**/login*")
    page.fill("input[name=username]", "sara")
    page.fill("input[name=password]", "demo-demo")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/plan/")
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    live_db.expire_all()
    assert live_db.scalar(select(Plan.paused).where(Plan.owner_id == her.id)) is True
