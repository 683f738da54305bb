"""Her sharing page and 'Wat ziet mijn projectmedewerker?' on a 390 px phone, in Dutch and
Arabic: she ticks Marieke for her plan and her noodplan, Marieke reads them (and a part not
shared is 404), the look shows on her page, her preview shows the same fragment; deleting her
account without internet is refused with a message. Screenshots go to test-artifacts/ and to
$SHOTS_DIR (for example /tmp/shots-14) when it is set."""

import os
import shutil

import pytest
from sqlalchemy import select

from tests.browser.chromium import phone_context
from tests.browser.conftest import login, save_artifact
from webapp.models import User

LOOKED = {"nl": "Marieke keek op", "ar": "Marieke اطّلعت على خطتك"}


def shot(page, name: str) -> None:
    path = save_artifact(page, name)
    if os.environ.get("SHOTS_DIR"):
        os.makedirs(os.environ["SHOTS_DIR"], exist_ok=True)
        shutil.copy(path, os.path.join(os.environ["SHOTS_DIR"], name))


def fits_the_phone(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, width  # nothing to scroll sideways


@pytest.mark.parametrize(("username", "lang"), [("sara", "nl"), ("amina", "ar")])
def test_she_shares_two_parts_sees_the_look_and_previews_them(
    browser, live_server, page, live_db, username, lang
):
    her = live_db.scalar(select(User).where(User.username == username))
    login(page, username)
    page.goto("/delen")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    fits_the_phone(page)
    for part in ("plan", "noodplan"):
        card = page.locator(f"#deel-{part}")
        card.get_by_label("Marieke", exact=False).check()
        card.locator("button[type=submit]").click()
        page.wait_for_load_state()
    assert page.locator("#deel-plan .share-state.notice").is_visible()
    assert not page.locator("#deel-cv .share-state.notice").count()

    staff_context = phone_context(browser, live_server.url)
    staff = staff_context.new_page()
    login(staff, "medewerker")
    assert staff.goto(f"/medewerker/deelneemster/{her.id}/plan").status == 200
    assert staff.locator("main form").count() == 0  # read only
    staff_plan = staff.locator('.shared-part[data-part="plan"]').inner_html()
    assert staff.goto(f"/medewerker/deelneemster/{her.id}/cv").status == 404

    page.reload()
    assert LOOKED[lang] in page.locator("#deel-plan .access-log").inner_text()
    shot(page, f"sharing-{lang}.png")

    page.goto("/delen/wat-ziet-mijn-projectmedewerker")
    fits_the_phone(page)
    assert page.locator('.shared-part[data-part="plan"]').is_visible()
    assert page.locator('.shared-part[data-part="noodplan"]').is_visible()
    assert page.locator('.shared-part[data-part="cv"]').count() == 0
    if lang == "nl":  # the same page language: the very same HTML
        assert page.locator('.shared-part[data-part="plan"]').inner_html() == staff_plan
    shot(page, f"preview-{lang}.png")

    page.goto("/delen")
    page.locator("form[action='/delen/alles-uit'] button").click()
    page.wait_for_load_state()
    assert staff.goto(f"/medewerker/deelneemster/{her.id}/plan").status == 404
    staff_context.close()


def test_deleting_without_internet_is_refused_with_a_message(context, page, live_db):
    login(page, "ewa")
    page.goto("/meer/mijn-gegevens/")
    page.fill("#delete-password", "demo-demo")
    context.set_offline(True)
    page.locator("form[data-online-only] button[type=submit]").click()
    refusal = page.locator("[data-offline-refusal]")
    refusal.wait_for(state="visible")
    assert "Nic nie zostało usunięte." in refusal.inner_text()  # Ewa reads Polish
    context.set_offline(False)
    assert live_db.scalar(select(User.id).where(User.username == "ewa")) is not None
