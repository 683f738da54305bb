"""axe-core (WCAG 2.1 A and AA rules) on every page a person can reach, in Dutch and Arabic.

Pages are found by following the links on each role's pages, so a new feature's pages are
checked as soon as they are linked. axe is injected from node_modules (installed by `npm ci`).
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import select

from tests.browser.conftest import login
from webapp.models import Group, Organisation, Role
from webapp.services import access_codes, account_care, accounts
from webapp.services import plan as plans

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIP_PREFIXES = ("/assets/", "/logout", "/sw.js", "/manifest.webmanifest")
MAX_PAGES_PER_ROLE = 40


@pytest.fixture
def axe_context(browser, live_server):
    # axe is injected as a script; the app's CSP forbids that, so this context bypasses CSP.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, bypass_csp=True
    )
    yield context
    context.close()


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


def crawl(page, base: str, start: list[str]) -> dict[str, list[str]]:
    """Visit pages breadth-first from `start`, following same-site links; axe each one."""
    seen, queue, found = set(), list(start), {}
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(path)
        try:
            response = page.goto(path)
        except PlaywrightError as e:
            if "Download is starting" in str(e):  # a calendar file or a CSV, not a page
                continue
            raise
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        found[path] = violations(page)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" == base and parts.path not in seen:
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def people(live_db, lang: str) -> dict[Role, str]:
    """One account per role in this language (made once per test run)."""
    organisation = live_db.scalar(select(Organisation))
    group = live_db.scalar(select(Group).where(Group.name == "Groep Zuid"))
    names = {}
    for role in Role:
        username = f"axe-{role.value}-{lang}"
        if (
            accounts.normalise_username(username)
            not in live_db.scalars(select(accounts.User.username)).all()
        ):
            accounts.create_user(
                username,
                "demo-demo",
                "Axe",
                role,
                language=lang,
                organisation=None if role == Role.PARTICIPANT else organisation,
                # A trainster sees only the groups she works with.
                groups=[group] if role in (Role.PARTICIPANT, Role.TRAINER) else None,
            )
        names[role] = username
    return names


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_public_pages_have_no_violations(axe_context, live_server, live_db, lang):
    staff = live_db.scalar(select(accounts.User).where(accounts.User.username == "medewerker"))
    group = live_db.scalar(select(Group).where(Group.name == "Groep Zuid"))
    code = access_codes.create_invitation(staff, Role.PARTICIPANT, staff.organisation, group).code
    page = axe_context.new_page()
    page.goto("/login")
    page.click(f"button[lang={lang}]")
    assert page.locator("html").get_attribute("lang") == lang
    problems = {}
    for path in ["/login", "/uitnodiging", "/wachtwoord", "/offline", "/niet-bestaand"]:
        page.goto(path)
        problems[path] = violations(page)
    page.goto(f"/uitnodiging/{code}")
    problems["signup"] = violations(page)
    page.click("form.card button[type=submit]")  # empty form: every field shows its error
    problems["signup with errors"] = violations(page)
    page.goto("/login")
    page.fill("input[name=username]", "niemand")
    page.fill("input[name=password]", "fout-fout")
    page.click("form.card button[type=submit]")
    problems["login with error"] = violations(page)
    page.goto("/wachtwoord")
    page.fill("input[name=username]", "niemand")
    page.fill("input[name=code]", "ACDE-FGHJ")
    page.fill("input[name=password]", "nieuw-wachtwoord")
    page.click("form.card button[type=submit]")
    assert page.locator("input[name=username]").input_value() == "niemand"
    problems["reset with error"] = violations(page)
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize("lang", ["nl", "ar"])
@pytest.mark.parametrize("role", list(Role))
def test_every_page_of_each_role_has_no_violations(axe_context, live_server, live_db, lang, role):
    username = people(live_db, lang)[role]
    page = axe_context.new_page()
    login(page, username)
    assert page.locator("html").get_attribute("lang") == lang
    found = crawl(page, live_server.url, [urlsplit(page.url).path, "/meer"])
    assert len(found) >= 2
    if role == Role.STAFF:
        # Pages reached through a button, not a link: a new invitation and a reset code.
        group = live_db.scalar(select(Group).where(Group.name == "Groep Zuid"))
        page.goto(f"/medewerker/groepen/{group.id}")
        page.click("form.card button[type=submit]")
        found["invitation"] = violations(page)
        page.goto(f"/medewerker/groepen/{group.id}")
        page.locator("li.row form button").first.click()
        found["reset code"] = violations(page)
        assert "code-card" in page.content()
    assert {path: v for path, v in found.items() if v} == {}


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_medewerkers_workspace_has_no_violations(axe_context, live_db, lang):
    """The pages of her workspace, each named (a crawl may stop before it reaches them): the
    overview, a group's name and archive, the trainsters, the group's own step list and one
    step with its languages (also with a mistake), and a beheerder's staff list."""
    names = people(live_db, lang)
    group = live_db.scalar(select(Group).where(Group.name == "Groep Zuid"))
    trainster = live_db.scalar(select(accounts.User).where(accounts.User.username == "trainster"))
    item = plans.template_items(group, "nl")[-1]
    page = axe_context.new_page()
    login(page, names[Role.STAFF])
    found = {}
    for path in [
        f"/medewerker/groepen/{group.id}/overzicht",
        f"/medewerker/groepen/{group.id}/instellingen",
        "/medewerker/trainsters",
        f"/medewerker/trainsters/{trainster.id}",
        f"/plan/medewerker/groep/{group.id}/sjabloon",
        f"/plan/medewerker/groep/{group.id}/sjabloon/stappen/{item['id']}",
    ]:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        found[path] = violations(page)
    page.fill("input[name=action]", "")  # the Dutch text left empty
    page.click("form.card button[type=submit]")
    assert page.locator("[aria-invalid='true']").count() == 1
    found["a step with a mistake"] = violations(page)
    organisation = live_db.scalar(
        select(Organisation).where(Organisation.id == group.organisation_id)
    )
    beheerder = live_db.scalar(
        select(accounts.User).where(accounts.User.username == names[Role.ADMIN])
    )
    account_care.add_manager(organisation, beheerder)
    page.goto("/meer")
    page.click("form[data-logout] button[type=submit]")
    page.wait_for_url("**/login*")
    login(page, names[Role.ADMIN])
    page.goto(f"/beheer/organisaties/{organisation.id}")
    assert page.locator("h1").count() == 1
    found["staff of the organisation"] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}
