"""'Snel weg' (issue 13): on every page of hers, and Escape twice; the page is replaced by a
neutral one at once and the back button leads nowhere of hers: the app is locked (with her
PIN, as she chose) or she is logged out. Also in Arabic."""

import time

from sqlalchemy import func, select

from tests.browser.conftest import login, wait_for_service_worker
from tests.browser.test_pin_lock import (
    KEPT_PAGES,
    NOBODYS,
    locked_and_neutral,
    ready_with_pin,
    shot,
    unlock,
)
from webapp.models import LoginSession, User


def her_sessions(live_db, user) -> int:
    live_db.expire_all()
    return live_db.scalar(
        select(func.count(LoginSession.id)).where(LoginSession.user_id == user.id)
    )


def on_the_clock(page) -> None:
    page.wait_for_url("**/klok")
    page.locator("#clock-time").wait_for()
    assert page.locator("body[data-user], header, nav").count() == 0
    assert "Elke Stap" not in page.content()


def test_quick_exit_logs_her_out_and_the_back_button_shows_nothing_of_hers(page, live_db):
    her = live_db.scalar(select(User).where(User.username == "sara"))
    login(page, "sara")
    wait_for_service_worker(page)
    page.goto("/plan/")
    page.goto("/agenda")
    exit_link = page.locator("header [data-quick-exit]")
    assert exit_link.is_visible() and exit_link.inner_text() == "Snel weg"
    shot(page, "quick-exit-button-sara.png")
    sessions_before = her_sessions(live_db, her)

    exit_link.click()
    on_the_clock(page)
    shot(page, "quick-exit-clock-sara.png")
    deadline = time.monotonic() + 20
    while her_sessions(live_db, her) != sessions_before - 1:
        assert time.monotonic() < deadline, "quick exit did not log her out on the server"
        page.wait_for_timeout(200)
    for _ in range(2):  # back, and back again: the login page, never her plan or agenda
        page.go_back()
        page.wait_for_load_state()
        assert "/login" in page.url or "/klok" in page.url
        assert page.locator("body[data-user]").count() == 0
        assert her.display_name not in page.content()
    assert set(page.evaluate(KEPT_PAGES)) <= NOBODYS


def test_escape_twice_locks_with_her_pin_in_arabic_and_back_shows_the_lock(page, live_db):
    her = live_db.scalar(select(User).where(User.username == "amina"))
    ready_with_pin(page, "amina")  # "on Snel weg: lock" is the default with a PIN
    page.goto("/plan/")
    page.goto("/agenda")
    assert page.locator("html").get_attribute("dir") == "rtl"
    shot(page, "quick-exit-button-amina.png")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    on_the_clock(page)
    assert page.locator("html").get_attribute("lang") == "ar"
    shot(page, "quick-exit-clock-amina.png")
    page.go_back()
    locked_and_neutral(page, her)
    unlock(page, "2580")
    page.wait_for_url("**/plan/")  # her PIN opens the page she came back to
    assert page.locator("body[data-user]").count() == 1
