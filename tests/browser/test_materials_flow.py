"""The trainster's work reaching Amina's phone: the trainster writes a recap and homework in
Dutch and Arabic and shares a picture; Amina (Arabic) reads them, takes the homework into her
plan, keeps the session pack on her phone, goes offline and opens the PDF and the audio.
Logout wipes the pack. axe on the new pages in Dutch and Arabic."""

import pytest
from sqlalchemy import select

from tests import materials_files as files
from tests.browser.conftest import login, save_artifact, wait_for_service_worker, wait_until
from tests.browser.test_accessibility import people, violations
from webapp.models import Role, User
from webapp.models.agenda import Meeting
from webapp.models.materials import Material
from webapp.models.plan import PlanStep


@pytest.fixture
def past(live_db):
    return live_db.scalar(select(Meeting).join(Material).limit(1))


def trainster_publishes(page, meeting_id: int) -> None:
    login(page, "trainster")
    page.goto(f"/medewerker/materiaal/bijeenkomst/{meeting_id}")
    page.fill("#report", "We oefenden hoe je **over werk praat**.")
    page.click("#recap details.versions >> nth=0")  # the report's other languages
    page.fill("#report_ar", "تدرّبنا على **الحديث عن العمل**.")
    page.fill("#homework", "Vertel iemand wat je goed kunt.")
    page.click("#recap details.versions >> nth=1")
    page.fill("#homework_ar", "أخبري شخصاً بما تُجيدينه.")
    page.click("#recap button[type=submit]")
    page.locator(".notice").first.wait_for()
    page.fill("#new-material #title", "Ons groepje")
    page.click("#new-material details.versions >> nth=0")
    page.fill("#new-material #title_ar", "مجموعتنا")
    page.set_input_files(
        "#new-material #file",
        {"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": files.photo_with_gps((900, 600))},
    )
    assert "foto.jpg" in page.inner_text("[data-file-chosen]")  # size said before sending
    page.click("#new-material button[type=submit]")
    page.locator(".notice").first.wait_for()
    assert page.locator("text=Ons groepje").count() == 1
    save_artifact(page, "materials-trainster-nl.png")


def test_trainster_publishes_and_amina_keeps_it_offline(context, page, live_db, past):
    trainster_publishes(page, past.id)
    context.clear_cookies()  # the next person on this phone

    login(page, "amina")
    wait_for_service_worker(page)
    page.goto(f"/agenda/{past.id}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator('.staff-text[lang="ar"] strong').inner_text() == "الحديث عن العمل"
    assert page.locator('bdi[lang="ar"]', has_text="مجموعتنا").count() == 1
    save_artifact(page, "materials-amina-ar.png")

    # The homework into her plan, one tap.
    page.click("#huiswerk button[type=submit]")
    page.locator("#huiswerk .notice").wait_for()
    amina = live_db.scalar(select(User).where(User.username == "amina"))
    live_db.expire_all()
    actions = live_db.scalars(select(PlanStep.action).where(PlanStep.owner_id == amina.id)).all()
    assert actions.count("أخبري شخصاً بما تُجيدينه.") == 1

    # Keep the pack on her phone: the size is on the button before she taps.
    button = page.locator("button[data-pack]")
    button.wait_for(state="visible")
    assert "MB" in button.inner_text() or "kB" in button.inner_text()
    button.click()
    wait_until(page, "() => document.querySelector('button[data-pack]').dataset.saved === '1'")
    kept = page.evaluate(
        "async () => (await (await caches.open('es-pages-packs')).keys()).map(r => r.url)"
    )
    assert sum("/materiaal/bestand/" in url for url in kept) == 4  # picture, PDF, audio, new one
    wait_until(
        page,
        "async () => Boolean(await (await caches.open('es-pages')).match(location.href))",
    )

    context.set_offline(True)
    page.reload()
    page.locator("#app-banner").wait_for(state="visible")  # from the phone: "bijgewerkt om"
    for picture in page.locator("img.material-picture").all():
        picture.scroll_into_view_if_needed()
    wait_until(
        page,
        "() => [...document.querySelectorAll('img.material-picture')].every(i => i.naturalWidth > 0)",
    )
    pdf_link = page.locator("a[data-pack-file]")
    pdf_url = pdf_link.get_attribute("href")
    pdf = page.evaluate(
        "async (url) => { const r = await fetch(url); const b = new Uint8Array(await r.arrayBuffer());"
        " return [r.status, String.fromCharCode(...b.slice(0, 5)), r.headers.get('Content-Type')] }",
        pdf_url,
    )
    assert pdf == [200, "%PDF-", "application/pdf"]
    # Opened as a page too (her phone shows it or saves it, the browser decides).
    opened = page.goto(pdf_url)
    assert opened.status == 200 and opened.headers["content-type"] == "application/pdf"
    page.wait_for_timeout(500)
    save_artifact(page, "materials-pdf-offline.png")
    page.go_back()
    audio = page.evaluate(
        """async () => {
            const a = document.querySelector('.material audio');
            const r = await fetch(a.src, {headers: {Range: 'bytes=100-199'}});
            const ready = new Promise((ok, no) => { a.onloadedmetadata = ok; a.onerror = no; });
            a.preload = 'metadata'; a.load(); await ready;
            return [r.status, r.headers.get('Content-Range').split('/')[0], a.duration > 5];
        }"""
    )
    assert audio == [206, "bytes 100-199", True]
    save_artifact(page, "materials-amina-ar-offline.png")

    # What is kept, with its size, on one page; and a way to remove it.
    page.goto("/materiaal/opgeslagen")
    page.locator("#packs li").first.wait_for()
    save_artifact(page, "materials-saved-ar.png")
    context.set_offline(False)
    page.click("#packs li button")
    page.locator("#packs-empty").wait_for(state="visible")
    assert (
        page.evaluate("async () => (await (await caches.open('es-pages-packs')).keys()).length")
        == 0
    )

    # Kept again, then logout wipes it with her other pages.
    page.goto(f"/agenda/{past.id}")
    page.click("button[data-pack]")
    wait_until(page, "() => document.querySelector('button[data-pack]').dataset.saved === '1'")
    page.goto("/meer")
    page.click("form[data-logout] button[type=submit]")
    page.wait_for_url("**/login**")
    assert "es-pages-packs" not in page.evaluate("async () => await caches.keys()")


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_new_pages_have_no_accessibility_violations(browser, live_server, live_db, lang, past):
    names = people(live_db, lang)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, bypass_csp=True
    )
    page = context.new_page()
    found = {}
    login(page, names[Role.PARTICIPANT])
    for path in (
        f"/agenda/{past.id}",
        "/agenda/vorige",
        "/materiaal",
        "/materiaal/opgeslagen",
        "/",
    ):
        page.goto(path)
        found[path] = violations(page)
    context.clear_cookies()
    login(page, names[Role.TRAINER])
    material = live_db.scalar(select(Material).where(Material.meeting_id == past.id).limit(1))
    for path in (f"/medewerker/materiaal/bijeenkomst/{past.id}",
                 f"/medewerker/materiaal/{material.id}",
                 f"/medewerker/materiaal/groep/{past.group_id}"):  # fmt: skip
        page.goto(path)
        found[path] = violations(page)
    page.goto(f"/medewerker/materiaal/bijeenkomst/{past.id}")
    page.set_input_files(
        "#new-material #file",
        {"name": "x.pdf", "mimeType": "application/pdf", "buffer": files.HTML_AS_PDF},
    )
    page.click("#new-material button[type=submit]")
    found["upload refused"] = violations(page)
    context.close()
    assert {path: v for path, v in found.items() if v} == {}
