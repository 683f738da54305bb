"""The medewerker opens the overview of Groep Zuid on her phone: figures for the group, small
ones hidden, no names. Screenshots (phone in nl and ar, laptop) go to test-artifacts/ and,
when OVERVIEW_SHOTS names a folder, there too."""

import os
import re
import shutil
from pathlib import Path

from sqlalchemy import func, select

from tests.browser.conftest import login, save_artifact
from webapp.models import Group, Membership, User
from webapp.models.childcare import Child

SHOTS = os.environ.get("OVERVIEW_SHOTS")


def shot(page, name: str) -> None:
    path = save_artifact(page, name)
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        shutil.copy(path, os.path.join(SHOTS, name))


def open_overview(page) -> None:
    login(page, "medewerker")
    page.goto("/medewerker/")
    page.get_by_role("link", name="Groep Zuid").first.click()
    page.get_by_role("link", name="Hoe gaat het met de groep? (overzicht)").click()
    page.wait_for_url("**/overzicht")


def figure_of(page, label: str) -> str:
    return (
        page.locator("dl.figures dt", has_text=label)
        .first.locator("xpath=following-sibling::dd[1]")
        .inner_text()
    )


def test_the_medewerker_reads_the_overview_on_her_phone(page, live_db):
    open_overview(page)
    assert page.locator("h1").inner_text() == "Hoe gaat het met Groep Zuid?"
    # Fourteen in the demo, and whoever other tests added to the group.
    in_group = live_db.scalar(
        select(func.count())
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .join(Group, Group.id == Membership.group_id)
        .where(Group.name == "Groep Zuid", User.role == "deelneemster", User.active.is_(True))
    )
    assert in_group >= 14
    assert figure_of(page, "Deelneemsters in de groep") == str(in_group)
    assert figure_of(page, "Een of meer treden omhoog sinds de start").isdigit()
    assert page.get_by_text("minder dan 5").count() > 0  # small figures stay hidden
    # It fits her phone: nothing to scroll sideways.
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width
    shot(page, "overview-nl-390.png")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert str(in_group) in csv
    # Only counts: no participant's name, login or child's nickname on the page or in the CSV.
    people = live_db.scalars(select(User).where(User.role == "deelneemster")).all()
    words = [p.display_name for p in people] + list(live_db.scalars(select(Child.nickname)))
    logins = {p.username for p in people}
    for text in (page.locator("main").inner_text(), csv):
        assert not [w for w in words if w in text]
        assert not logins & set(re.findall(r"[\w.-]+", text))


def test_the_overview_in_arabic_and_on_a_laptop(browser, live_server, page):
    open_overview(page)
    overview = page.url
    page.goto("/meer")
    page.click("button[lang=ar]")
    page.goto(overview)
    assert page.locator("html").get_attribute("dir") == "rtl"
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width
    shot(page, "overview-ar-390.png")
    page.goto("/meer")
    page.click("button[lang=nl]")  # Marieke reads Dutch again in the next tests
    laptop = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    try:
        wide = laptop.new_page()
        open_overview(wide)
        shot(wide, "overview-nl-1280.png")
    finally:
        laptop.close()
