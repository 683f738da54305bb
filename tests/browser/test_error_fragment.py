"""An error answered to an htmx request shows on her page, in her language: the page stays as it
was, with what she typed in it.

The error is a real one, made without mocks: the database is busy with another writer (a
backup, a migration, a stuck worker) for longer than the app waits (`busy_timeout`), so her tap
on a step's status is a 500. htmx swaps no error into the page itself; the server's fragment
(header ES-Error) goes into the banner (app.js)."""

import sqlite3
from contextlib import contextmanager

import pytest
from flask_babel import gettext
from sqlalchemy import delete, make_url, select

from tests.browser.conftest import login
from webapp.i18n import in_language
from webapp.models import User
from webapp.models.plan import PlanStep
from webapp.services.plan.demo import demo_steps


@contextmanager
def database_busy(live_app):
    """Another connection holds the write lock (readers go on, as WAL allows) until the end."""
    path = make_url(live_app.config["DATABASE_URL"]).database
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def texts_in(live_app, lang: str) -> tuple[str, str]:
    with live_app.test_request_context(), in_language(lang):
        return (
            gettext("Er ging iets mis"),
            gettext("Dat ligt niet aan jou. Probeer het zo nog een keer."),
        )


@pytest.mark.parametrize("username, lang, typed", [
    ("amina", "ar", "أتصل بمكتب العمل يوم الاثنين"),
    ("elif", "tr", "Pazartesi belediyeyi arayacağım"),
])  # fmt: skip
def test_an_htmx_error_shows_in_her_language_and_keeps_what_she_typed(
    page, live_app, live_db, plan_going, username, lang, typed
):
    her = plan_going(username)
    live_db.execute(delete(PlanStep).where(PlanStep.owner_id == her.id))
    live_db.commit()
    with in_language(lang):
        demo_steps(live_db.get(User, her.id))
    login(page, username)
    page.goto("/plan/")
    assert page.locator("html").get_attribute("lang") == lang

    # She starts writing a step of her own, then taps the status of another one.
    page.locator("details:has(#own-step) > summary").click()
    page.fill("#own-step [name=action]", typed)
    step = page.locator("li.step").first
    step_id = step.get_attribute("id")
    tap = step.locator(".status-choice button[aria-pressed=false]").first
    status_before = live_db.scalar(
        select(PlanStep.status).where(PlanStep.uuid == step_id.removeprefix("stap-"))
    )
    banner = page.locator("#app-banner")
    assert banner.is_hidden()
    with database_busy(live_app):
        with page.expect_response(lambda r: "/status" in r.url) as answer:
            tap.click()
        assert answer.value.status == 500
        banner.wait_for(state="visible", timeout=10_000)

    title, text = texts_in(live_app, lang)
    shown = banner.inner_text()
    assert title in shown and text in shown, shown
    assert "Internal Server Error" not in page.content()
    # The page is still hers as it was: her typed words, the step unchanged, no error page.
    assert page.input_value("#own-step [name=action]") == typed
    assert page.locator(f"#{step_id} .status-choice button[aria-pressed=true]").count() == 1
    assert page.url.endswith("/plan/")
    live_db.expire_all()
    assert live_db.scalar(
        select(PlanStep.status).where(PlanStep.uuid == step_id.removeprefix("stap-"))
    ) == status_before  # fmt: skip
