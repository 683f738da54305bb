"""The app shell on a phone: one thumb, 200% zoom, no JavaScript, and offline."""

import pytest

from tests.browser.chromium import phone_context
from tests.browser.conftest import login, wait_for_service_worker, wait_until


def test_bottom_navigation_has_big_targets_with_icon_and_label(page):
    login(page, "sara")
    tabs = page.locator("nav.tabs a")
    assert tabs.count() >= 1
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        box = tab.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48
        assert tab.locator("svg").count() == 1
        assert tab.inner_text().strip()
    # The navigation stays within thumb reach: at the bottom of the screen.
    nav = page.locator("nav.tabs").bounding_box()
    assert nav["y"] + nav["height"] == pytest.approx(page.viewport_size["height"], abs=1)


@pytest.mark.parametrize("username", ["sara", "amina"])
def test_readable_at_200_percent_zoom_without_sideways_scrolling(browser, live_server, username):
    # 200% zoom on a 390 px wide phone leaves a 195 px wide layout viewport.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 195, "height": 420})
    page = context.new_page()
    login(page, username)
    tabs = page.eval_on_selector_all("nav.tabs a", "els => els.map(e => e.pathname)")
    assert len(tabs) >= 2
    for path in ["/", *tabs]:
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
    context.close()


def test_forms_work_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/login")
    page.click("button[lang=tr]")
    assert page.locator("html").get_attribute("lang") == "tr"
    login(page, "sara")
    assert "Sara" in page.locator("h1").inner_text()
    page.goto("/meer")
    page.click("form[data-logout] button[type=submit]")
    assert "/login" in page.url
    context.close()


def test_offline_page_when_a_page_was_never_cached(context, page):
    page.goto("/login")
    wait_for_service_worker(page)
    context.set_offline(True)
    response = page.goto("/wachtwoord-nooit-bezocht")
    assert response.from_service_worker
    assert page.locator("h1").inner_text().strip() != ""
    assert "/offline" not in page.url  # the address she typed stays; the content explains
    assert page.locator("main a[href='/']").count() == 1
    context.set_offline(False)


def test_a_visited_page_is_readable_offline_with_its_time(context, page):
    page.goto("/login")
    wait_for_service_worker(page)
    page.goto("/uitnodiging")
    context.set_offline(True)
    page.goto("/uitnodiging")
    assert page.locator("input[name=code]").is_visible()
    banner = page.locator("#app-banner")
    banner.wait_for(state="visible")
    assert ":" in banner.inner_text()  # "Bijgewerkt om HH:MM"
    context.set_offline(False)


def test_arabic_is_drawn_with_the_arabic_system_font(context, page):
    login(page, "amina")
    assert page.locator("html").get_attribute("dir") == "rtl"
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    arabic = [f for f in fonts if "Arabic" in f["familyName"]]
    assert arabic and arabic[0]["glyphCount"] > 0, fonts


def test_the_offline_page_speaks_her_language(context, page):
    login(page, "amina")
    wait_for_service_worker(page)
    wait_until(
        page,
        "async () => Boolean(await (await caches.open('es-pages')).match(location.origin + '/offline'))",
    )
    context.set_offline(True)
    page.goto("/agenda/987654")  # never seen on this phone
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    context.set_offline(False)


def test_a_page_opened_again_unchanged_comes_as_304(browser, live_server, live_app, monkeypatch):
    """Through the service worker and the phone's HTTP cache: the server answers 304 and the
    page still shows in full. (A context of its own: Playwright's request routing, which the
    shared context uses to block other hosts, switches the HTTP cache off.)"""
    answers = []
    inner = live_app.wsgi_app

    def recording(environ, start_response):
        def start(status, headers, exc_info=None):
            answers.append((environ["PATH_INFO"], int(status.split()[0])))
            return start_response(status, headers, exc_info)

        return inner(environ, start)

    monkeypatch.setattr(live_app, "wsgi_app", recording)
    context = phone_context(browser, live_server.url)
    page = context.new_page()
    login(page, "sara")
    wait_for_service_worker(page)
    # The warm-up after login has fetched her agenda (else its answer may come after ours).
    wait_until(
        page,
        "() => caches.open('es-pages').then(c => c.match(location.origin + '/agenda')).then(Boolean)",
    )
    page.goto("/agenda")
    page.goto("/agenda")
    assert [a for a in answers if a[0] == "/agenda"][-1] == ("/agenda", 304)
    assert page.locator("h1").inner_text().strip()
    assert page.locator("nav.tabs a[aria-current=page]").count() == 1
    context.close()


def test_a_script_kept_with_her_pages_comes_again_with_her_next_page(context, page):
    """pending.js is kept on the phone after login. When that first try failed (offline, a busy
    server), the next page she opens brings it, so her waiting changes show offline."""
    login(page, "sara")
    wait_for_service_worker(page)
    pending = page.evaluate("() => document.body.dataset.pendingScript")
    dropped = page.evaluate(
        """async (url) => {
            for (const name of await caches.keys()) {
                if (name.startsWith('es-shell-')) await (await caches.open(name)).delete(url);
            }
            return !(await caches.match(url));
        }""",
        pending,
    )
    assert dropped
    page.goto("/plan/")
    wait_until(page, "async (url) => Boolean(await caches.match(url))", timeout=10, arg=pending)


def test_the_header_stays_tidy_in_arabic_with_a_change_waiting(context, page):
    """The name on one line and "Snel weg" beside it; what waits on her phone on a row below."""
    login(page, "amina")
    wait_for_service_worker(page)
    page.goto("/plan/")
    context.set_offline(True)
    page.reload()
    page.click("form[action$='/plan/pauze'] button[type=submit]")
    wait_until(page, "() => document.getElementById('outbox-status')?.dataset.count === '1'")
    boxes = page.evaluate(
        """() => Object.fromEntries(['.top .brand span', '.top .quick-exit', '#outbox-status']
            .map((s) => [s, document.querySelector(s).getBoundingClientRect().toJSON()]))"""
    )
    name, exit_button, status = boxes.values()
    line = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.top .brand span')).lineHeight)"
    )
    assert name["height"] <= line * 1.2  # "Elke Stap" on one line
    assert exit_button["bottom"] <= status["top"] and name["bottom"] <= status["top"]
    context.set_offline(False)
