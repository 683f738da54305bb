"""Her own phone gets in after someone on the same Wi-Fi guessed her password wrong (both phones
here come from 127.0.0.1, as on the buurthuis Wi-Fi or behind one proxy), also after she logged
out on it: the logout's Clear-Site-Data leaves the phone cookie of webapp/login_devices.py."""

from tests.browser.chromium import phone_context
from tests.browser.conftest import login, save_artifact
from webapp.login_devices import COOKIE

SOMEONE_ELSES = "Log in op de telefoon die je meestal gebruikt"


def _logged_in(page) -> bool:
    return "/login" not in page.url and page.locator("body[data-user]").count() == 1


def test_her_phone_logs_in_after_a_stranger_on_her_wifi_guessed_wrong(
    browser, live_server, live_app, context, page
):
    login(page, "ewa")
    assert _logged_in(page)
    page.goto("/meer")
    page.click("form[data-logout] button[type=submit]")
    page.wait_for_url("**/login*")
    (kept,) = [c for c in context.cookies() if c["name"] == COOKIE]
    assert kept["httpOnly"] and kept["path"] == "/login" and kept["sameSite"] == "Lax"
    assert "ewa" not in kept["value"]

    live_app.config["LOGIN_RATE_LIMIT"] = "10 per minute"  # the live server's, for this test
    stranger = phone_context(browser, live_server.url)
    try:
        guesser = stranger.new_page()
        statuses = []
        for _ in range(11):
            with guesser.expect_response(lambda r: r.request.method == "POST") as answer:
                login(guesser, "ewa", "fout")
            statuses.append(answer.value.status)
        assert statuses == [400] * 10 + [429]
        assert SOMEONE_ELSES in guesser.locator("main").inner_text()
        save_artifact(guesser, "login-429-new-phone.png")

        login(page, "ewa")
        assert _logged_in(page)
    finally:
        live_app.config["LOGIN_RATE_LIMIT"] = "1000 per minute"
        stranger.close()
