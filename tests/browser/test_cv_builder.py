"""Her cv builder on a phone: two parts changed without internet arrive once; moves and a
removal made offline show at once and arrive in her order; "Deel je cv" works offline with
the last PDF she made; axe finds nothing on the new pages, in Dutch and Arabic."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.browser.conftest import login, save_artifact, wait_for_service_worker, wait_until
from tests.browser.test_accessibility import axe_context, violations  # noqa: F401
from webapp.models import User
from webapp.models.mutations import AppliedMutation
from webapp.services import cv


def her(live_db, username):
    return live_db.scalar(select(User).where(User.username == username))


def online_once(page, *paths):
    """Open these pages online under the service worker: now they open offline too."""
    wait_for_service_worker(page)
    for path in paths:
        page.goto(path)
    wait_until(page, "async () => (await caches.keys()).includes('es-pages')")


def outbox_count(page, n):
    wait_until(page, f"() => document.getElementById('outbox-status')?.dataset.count === '{n}'")


def test_offline_edits_of_two_parts_arrive_once(context, page, live_db):
    elif_ = her(live_db, "elif")
    login(page, "elif")
    online_once(page, "/cv/werk", "/cv/profiel")

    context.set_offline(True)
    page.reload()
    page.fill("#profile", "Ik ben Elif. Ik kook graag voor veel mensen.")
    page.click("form[data-offline] button[type=submit].primary")
    page.locator(".outbox-note").first.wait_for()
    page.goto("/cv/werk")  # from the phone's cache
    page.fill("#title", "Kok in een restaurant")
    page.fill("#period", "2015-2019")
    page.click("#nieuw button[type=submit]")
    outbox_count(page, 2)
    kept = page.evaluate("() => window.ElkeStapOutbox.all()")
    assert [i["url"] for i in kept] == ["/cv/profiel", "/cv/werk/nieuw"]
    live_db.expire_all()
    assert cv.profile_of(elif_).profile == ""

    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    live_db.expire_all()
    assert cv.profile_of(elif_).profile == "Ik ben Elif. Ik kook graag voor veel mensen."
    items = cv.items_of(elif_, "experience")
    assert [(i.title, i.period) for i in items] == [("Kok in een restaurant", "2015–2019")]
    uuid = dict(kept[1]["body"])["item_uuid"]
    assert items[0].uuid == uuid  # the identity her phone gave it
    for item in kept:
        assert (
            live_db.scalar(
                select(func.count(AppliedMutation.id)).where(
                    AppliedMutation.user_id == elif_.id, AppliedMutation.mutation_id == item["id"]
                )
            )
            == 1
        )
    page.goto("/cv/")
    assert "is-done" in page.locator("#deel-profile").get_attribute("class")


def test_moves_and_a_removal_offline_show_at_once_and_arrive_in_her_order(context, page, live_db):
    ewa = her(live_db, "ewa")
    for title in ("Kurs komputerowy", "Kurs EHBO"):
        cv.add_item(ewa, "certificates", {"title": title, "period": "2024"}, date.today())
    titles = lambda: [i.title for i in cv.items_of(ewa, "certificates")]  # noqa: E731
    assert titles() == ["Inburgeringsexamen A2", "Kurs komputerowy", "Kurs EHBO"]
    login(page, "ewa")
    online_once(page, "/cv/certificaten")
    first = page.locator(".cv-item").first.get_attribute("id")

    context.set_offline(True)
    page.reload()
    # Down twice: the second tap moves on from where the first left it.
    page.click(f"#{first} button[data-step='1']")
    wait_until(page, f"() => document.querySelectorAll('.cv-item')[1].id === '{first}'")
    page.click(f"#{first} button[data-step='1']")
    wait_until(page, f"() => document.querySelector('.cv-item:last-child').id === '{first}'")
    on_screen = page.eval_on_selector_all(
        ".cv-item .cv-item-title", "els => els.map(e => e.textContent.trim())"
    )
    assert on_screen[-1].startswith("Inburgeringsexamen A2")
    assert page.locator(f"#{first} button[data-step='1']").is_hidden()  # it is last now
    second = page.locator(".cv-item").first.get_attribute("id")
    page.click(f"#{second} .cv-remove summary")
    page.click(f"#{second} .cv-remove button[type=submit]")
    assert "is-leaving" in page.locator(f"#{second}").get_attribute("class")
    outbox_count(page, 3)
    save_artifact(page, "cv-builder-offline-pl.png")

    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    wait_until(page, "async () => (await window.ElkeStapOutbox.all()).length === 0")
    live_db.expire_all()
    assert titles() == ["Kurs EHBO", "Inburgeringsexamen A2"]
    page.goto("/cv/certificaten")
    on_screen = page.eval_on_selector_all(
        ".cv-item .cv-item-title", "els => els.map(e => e.textContent.trim())"
    )
    assert [t.split(" · ")[0] for t in on_screen] == ["Kurs EHBO", "Inburgeringsexamen A2"]


def test_a_move_online_keeps_her_focus_on_the_button(page, live_db):
    login(page, "sara")
    page.goto("/cv/werk")
    first = page.locator(".cv-item").first.get_attribute("id")
    with page.expect_response(lambda r: r.url.endswith("/verplaats")):
        page.click(f"#{first} button[data-step='1']")
    page.wait_for_timeout(300)  # htmx puts the server's list in place
    wait_until(page, f"() => document.querySelector('.cv-item:last-child').id === '{first}'")
    wait_until(page, f"() => document.activeElement.closest('#{first}') !== null")
    with page.expect_response(lambda r: r.url.endswith("/verplaats")):
        page.click(f"#{first} button[data-step='-1']")  # and back: Sara's order as it was
    wait_until(page, f"() => document.querySelector('.cv-item').id === '{first}'")


def test_the_last_pdf_opens_and_shares_without_internet(context, page, live_db):
    login(page, "amina")
    online_once(page, "/cv/")
    with page.expect_download() as made:
        page.click("#cv-download")
    assert made.value.suggested_filename == "cv.pdf"
    wait_until(
        page,
        "async () => !!(await (await caches.open('es-pages')).match(location.origin + '/cv/cv.pdf'))",
    )

    context.set_offline(True)
    page.reload()
    with page.expect_download() as kept:
        page.click("#cv-download")
    assert kept.value.path().read_bytes().startswith(b"%PDF-")
    assert page.locator("#cv-share-status").inner_text() != ""  # "this is the last PDF you made"
    # Opened as a page (a link, a bookmark): the service worker gives the kept PDF.
    opened = page.goto("/cv/cv.pdf")
    assert opened.status == 200 and opened.from_service_worker
    assert opened.headers["content-type"] == "application/pdf"


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_cv_pages_have_no_accessibility_violations(axe_context, live_server, live_db, lang):  # noqa: F811
    username = {"nl": "sara", "ar": "amina"}[lang]
    page = axe_context.new_page()
    login(page, username)
    assert page.locator("html").get_attribute("lang") == lang
    found = {}
    for _key, (_title, slug) in cv.PARTS.items():
        page.goto(f"/cv/{slug}")
        page.eval_on_selector_all("details", "els => els.forEach(d => d.open = true)")
        found[slug] = violations(page)
    for path in ("/cv/", "/cv/voorbeeld"):
        page.goto(path)
        page.eval_on_selector_all("details", "els => els.forEach(d => d.open = true)")
        found[path] = violations(page)
    page.goto("/cv/werk")
    page.fill("#period", "vroeger")
    page.fill("#title", "x" * 90)
    page.click("#nieuw button[type=submit]")
    assert page.locator(".error").count() >= 1
    found["werk with a mistake"] = violations(page)
    save_artifact(page, f"cv-werk-error-{lang}.png")
    assert {k: v for k, v in found.items() if v} == {}


def test_every_part_opens_offline_though_she_never_opened_it(context, page, live_db):
    login(page, "amina")
    wait_for_service_worker(page)
    wait_until(
        page,
        "async () => !!(await (await caches.open('es-pages')).match(location.origin + '/cv/beschikbaar'))",
    )
    context.set_offline(True)
    for _key, (_title, slug) in cv.PARTS.items():
        response = page.goto(f"/cv/{slug}")
        assert response.status == 200 and page.locator("form[data-offline]").count() >= 1, slug
