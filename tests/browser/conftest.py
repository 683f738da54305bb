"""Browser tests: the real app served on 127.0.0.1, driven in Debian's Chromium.

One live server per test session, its SQLite database built by the real migrations and the
demo data. Each test gets a fresh browser context with a phone-sized screen.
"""

import threading
import time
from pathlib import Path

import pytest
from alembic import command
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, PHONE, phone_context  # noqa: F401
from webapp import create_app
from webapp.cli import alembic_config
from webapp.extensions import db

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = pytest.mark.browser


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("live") / "live.sqlite"
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": f"sqlite:///{path}",
            "UPLOAD_FOLDER": str(path.parent / "uploads"),
            # Every browser test logs in from 127.0.0.1; the limit itself is tested in the views.
            "LOGIN_RATE_LIMIT": "1000 per minute",
        }
    )
    with app.app_context():
        command.upgrade(alembic_config(), "heads")
        from webapp.services.demo import load_demo

        load_demo()
        db.session.remove()
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = LiveServer(live_app)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_db(live_app):
    """A database session on the live server's database, to check what arrived."""
    with live_app.app_context():
        yield db.session
        db.session.remove()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    context = phone_context(browser, live_server.url)
    # Nothing may leave this machine: a request to any other host fails the test.
    outside = []
    # (The browser's own pages, such as its PDF viewer, are not other hosts.)
    context.route(
        lambda url: not url.startswith((live_server.url, "chrome://", "chrome-extension://")),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    yield context
    context.close()
    assert not outside, f"requests to other hosts: {outside}"


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert not errors, f"JavaScript errors: {errors}"


def login(page, username: str, password: str = "demo-demo") -> None:
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()


def save_artifact(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_until(page, script: str, timeout: float = 30, arg=None):
    """Poll a JavaScript function until it returns something true, and return that. (The
    app's CSP forbids the string evaluation that page.wait_for_function uses.)"""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            state = page.evaluate(
                "async () => { const r = await navigator.serviceWorker.getRegistration();"
                " return r ? [r.active && r.active.state, !!r.installing, !!r.waiting] : null }"
            )
            raise AssertionError(f"never true: {script} (service worker: {state})")
        page.wait_for_timeout(100)


def wait_for_service_worker(page, timeout: float = 30) -> None:
    """Until the service worker is active and controls the page. A page loaded before the
    worker activated is reloaded once, as a person's next visit would be."""
    wait_until(page, "() => navigator.serviceWorker.ready.then(r => Boolean(r.active))", timeout)
    if not page.evaluate("() => navigator.serviceWorker.controller !== null"):
        page.reload()
    wait_until(page, "() => navigator.serviceWorker.controller !== null", timeout)
    # Logged in: the scripts the worker keeps with her pages after login (pending.js, cv.js)
    # are on the phone too, as they are a moment after she logs in, or after the next page she
    # opens (sw.js tries again with each page when the first try failed).
    script = (
        "async () => !document.body.dataset.pendingScript"
        " || Boolean(await caches.match(document.body.dataset.pendingScript))"
    )
    try:
        wait_until(page, script, timeout / 3)
    except AssertionError:
        page.reload()
        wait_until(page, script, timeout)


def pending_shown(page) -> None:
    """After a page load: until pending.js (loaded only while something of hers waits) has put
    her waiting changes back into their forms; at once when nothing of hers waits."""
    wait_until(
        page,
        "async () => document.documentElement.dataset.pendingShown"
        " || (await window.ElkeStapOutbox.mine(document.body.dataset.user)).length === 0",
    )


def reload_showing_pending(page) -> None:
    """Reload while something of hers waits: until pending.js has shown her waiting changes."""
    page.reload()
    page.locator("html[data-pending-shown]").wait_for(state="attached")


@pytest.fixture
def plan_going(live_db):
    """Her plan not paused, before and after (tests pause it offline): `her = plan_going("sara")`."""
    from sqlalchemy import select

    from webapp.models import User
    from webapp.models.plan import Plan

    statements = []

    def going(username: str):
        her = live_db.scalar(select(User).where(User.username == username))
        statements.append(
            Plan.__table__.update().where(Plan.owner_id == her.id).values(paused=False)
        )
        live_db.execute(statements[-1])
        live_db.commit()
        return her

    yield going
    for go_on in statements:
        live_db.execute(go_on)
    live_db.commit()
