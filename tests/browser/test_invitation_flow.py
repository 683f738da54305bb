"""A new participant opens her invitation, chooses Arabic, signs up and finds her home."""

from sqlalchemy import select

from tests.browser.conftest import login, save_artifact
from webapp.models import Group, User
from webapp.services import access_codes


def make_invitation(live_db):
    staff = live_db.scalar(select(User).where(User.username == "medewerker"))
    group = live_db.scalar(select(Group).where(Group.name == "Groep Zuid"))
    return access_codes.create_invitation(staff, "deelneemster", staff.organisation, group).code


def test_new_participant_signs_up_in_arabic_and_logs_in_again(page, live_db):
    code = make_invitation(live_db)
    page.goto("/uitnodiging")
    page.fill("input[name=code]", f"{code[:4].lower()} {code[4:].lower()}")  # as people type it
    page.click("form.card button[type=submit]")
    # She typed her code on a Dutch page, so the form is in Dutch; another language is one
    # fold away.
    assert page.locator("input[name=display_name]").is_visible()
    page.click("details.card summary")
    page.click("button[lang=ar]")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=display_name]", "نور")
    page.fill("input[name=username]", "noor")
    page.fill("input[name=password]", "sesam-open-1")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "نور" in page.locator("h1").inner_text()
    assert page.locator("nav.tabs a").count() >= 1
    save_artifact(page, "home-ar.png")

    page.goto("/meer")
    page.click("form[data-logout] button[type=submit]")
    page.wait_for_url("**/login*")
    assert page.locator("input[name=username]").is_visible()

    login(page, "noor", "sesam-open-1")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert live_db.scalar(select(User).where(User.username == "noor")).language == "ar"


def test_a_used_invitation_gets_a_friendly_message(page, live_db):
    code = make_invitation(live_db)
    access_codes.accept_invitation(code, "used-once", "geheim-123", "Test", "nl")
    page.goto(f"/uitnodiging/{code}")
    assert "al gebruikt" in page.locator(".error-box").inner_text()
