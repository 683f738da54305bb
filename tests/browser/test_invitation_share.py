"""The medewerker passes an invitation on: she copies its link, or shares it from her phone."""

from tests.browser.conftest import login, save_artifact

# The phone's own share sheet (Android, iPhone) cannot open in a headless browser: the page
# gets a navigator.share that keeps what it was given, so the test reads what would be shared.
SHARE_SHEET = """
Object.defineProperty(navigator, "share", {
  configurable: true,
  value: (data) => { window.sharedWith = data; return Promise.resolve(); },
});
"""


def open_new_invitation(page) -> str:
    login(page, "medewerker")
    page.goto("/medewerker/")
    page.get_by_role("link", name="Groep Zuid").first.click()
    page.fill("input[name=note]", "Hanna")
    page.get_by_role("button", name="Uitnodiging maken").click()
    page.wait_for_url("**/uitnodigingen/*")
    return page.locator(".code-large").inner_text()


def test_she_copies_the_invitation_link(context, page):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    code = open_new_invitation(page)
    assert page.locator("p.lead").inner_text() == "Voor Groep Zuid"
    page.get_by_role("button", name="Kopieer de link").click()
    page.get_by_text("De link is gekopieerd").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.endswith("/uitnodiging/" + code.replace("-", ""))
    # Without a share sheet in this browser, there is no share button that would do nothing.
    if not page.evaluate("() => 'share' in navigator"):
        assert page.get_by_role("button", name="Deel de uitnodiging").is_hidden()


def test_she_shares_the_invitation_with_its_code(context, page):
    context.add_init_script(SHARE_SHEET)
    code = open_new_invitation(page)
    page.get_by_role("button", name="Deel de uitnodiging").click()
    shared = page.evaluate("() => window.sharedWith")
    assert shared["url"].endswith("/uitnodiging/" + code.replace("-", ""))
    assert code in shared["text"] and "Groep Zuid" in shared["text"]
    save_artifact(page, "invitation-share-nl.png")
