"""Her cv through the browser's eyes (Flask client): each part's page and form, mistakes that
keep what she typed, htmx answers, the PDF, and nothing of another participant's."""

from datetime import date

import pytest

from tests import factories
from webapp.services import cv

TODAY = date(2026, 12, 1)


@pytest.fixture
def elif_(app):
    """A participant whose cv is still empty, reading the app in Dutch."""
    return factories.participant(display_name="Elif")


@pytest.fixture
def sara(sara):
    """Sara's cv, begun: her contact details and one job."""
    cv.save_contact(sara, "Sara Bakker", "Rotterdam", "06 11223344", "", True, True, False)
    cv.add_item(sara, "experience", {"kind": "work", "title": "Oppas", "period": "2018"}, TODAY)
    return sara


@pytest.fixture
def ewa(ewa):
    """Ewa's cv in Polish: her contact details, a job and her languages."""
    cv.save_contact(ewa, "Ewa Kowalska", "Rotterdam", "06 22334455", "", True, True, False)
    cv.add_item(ewa, "experience", {"kind": "work", "title": "Sprzedawczyni",
                                    "place": "Sklep", "period": "2014–2019"}, TODAY)  # fmt: skip
    cv.add_item(ewa, "languages", {"key": "pl", "kind": "native"}, TODAY)
    cv.set_language(ewa, "pl")
    return ewa


def test_every_part_has_its_page_and_the_overview_ticks_what_is_filled(client, auth, sara):
    auth.login("sara")
    overview = client.get("/cv/").get_data(as_text=True)
    assert 'id="deel-contact" class="cv-part is-done"' in overview
    assert 'id="deel-certificates" class="cv-part"' in overview  # Sara has none yet
    assert "delen van de 7 ingevuld" in overview
    for _key, (_title, slug) in cv.PARTS.items():
        assert f'href="/cv/{slug}"' in overview
        assert client.get(f"/cv/{slug}").status_code == 200, slug
    assert client.get("/cv/bestaat-niet").status_code == 404


@pytest.mark.parametrize(
    "slug, says",
    [
        ("werk", "Zorgen voor je kinderen"),
        ("opleiding", "Een diploma uit een ander land?"),
        ("vaardigheden", "Zelf iets opschrijven"),
        ("talen", "Een taal toevoegen"),
        ("certificaten", "Toevoegen"),
    ],
)
def test_each_list_part_has_one_add_form_with_its_own_words(client, auth, sara, slug, says):
    auth.login("sara")
    page = client.get(f"/cv/{slug}").get_data(as_text=True)
    add_card = page.split('aria-labelledby="add-title"')[1].split("</section>")[0]
    assert says in add_card
    assert page.count('id="nieuw"') == 1 and f'action="/cv/{slug}/nieuw"' in add_card


def test_the_leave_out_tips_stand_next_to_their_fields(client, auth, sara):
    auth.login("sara")
    assert "BSN" in client.get("/cv/contact").get_data(as_text=True)
    profile = client.get("/cv/profiel").get_data(as_text=True)
    assert "uitkering" in profile and "schulden" in profile
    assert "Zorgen voor je kinderen" in client.get("/cv/werk").get_data(as_text=True)


def test_a_mistake_keeps_what_she_typed_and_says_how_much_too_long(client, auth, elif_):
    auth.login(elif_)
    token = auth.token()
    text = "Ik ben Elif. " + "Ik werk graag met mensen. " * 30
    page = client.post("/cv/profiel", data={"profile": text, "csrf_token": token})
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert f"{len(text.strip()) - 600} tekens te lang" in html
    assert "Ik werk graag met mensen. Ik werk graag" in html  # her text is still there
    assert 'aria-invalid="true"' in html


def test_saving_a_part_ticks_it(client, auth, elif_):
    auth.login(elif_)
    token = auth.token()
    saved = client.post(
        "/cv/contact",
        data={
            "name": "Elif Yılmaz",
            "phone": "06 12345678",
            "show_phone": "y",
            "csrf_token": token,
        },
    )
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/cv/#deel-contact")
    assert 'id="deel-contact" class="cv-part is-done"' in client.get("/cv/").get_data(as_text=True)
    profile = cv.profile_of(elif_)
    assert (profile.show_phone, profile.show_email) == (True, False)


def test_an_item_is_added_changed_moved_and_removed(client, auth, elif_):
    auth.login(elif_)
    token = auth.token()
    for title in ("Kok", "Schoonmaker"):
        added = client.post(
            "/cv/werk/nieuw",
            data={"title": title, "kind": "work", "period": "2019-2021", "csrf_token": token},
        )
        assert added.status_code == 302
    kok, cleaner = cv.items_of(elif_, "experience")
    assert kok.period == "2019–2021"
    page = client.get("/cv/werk").get_data(as_text=True)
    assert f'name="{kok.uuid}-title"' in page  # her edit form, one per item
    changed = client.post(
        f"/cv/regel/{kok.uuid}",
        data={f"{kok.uuid}-title": "Chef-kok", f"{kok.uuid}-kind": "work", "csrf_token": token},
    )
    assert changed.status_code == 302
    moved = client.post(
        f"/cv/regel/{cleaner.uuid}/verplaats",
        data={"to": "0"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    html = moved.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="lijst-experience"') and "<html" not in html
    assert html.index("Schoonmaker") < html.index("Chef-kok")
    removed = client.post(f"/cv/regel/{cleaner.uuid}/weg", data={"csrf_token": token})
    assert removed.status_code == 302
    assert [i.title for i in cv.items_of(elif_, "experience")] == ["Chef-kok"]


def test_a_wrong_period_is_explained_and_her_item_kept_in_the_form(client, auth, elif_):
    auth.login(elif_)
    page = client.post(
        "/cv/werk/nieuw",
        data={"title": "Kapster", "period": "lang geleden", "csrf_token": auth.token()},
    )
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert "2019–2021, sinds 2020, of ongeveer 2 jaar" in html
    assert 'value="Kapster"' in html and 'value="lang geleden"' in html


def test_a_tapped_skill_suggestion(client, auth, elif_):
    auth.login(elif_)
    page = client.get("/cv/vaardigheden").get_data(as_text=True)
    assert 'name="key" value="cook"' in page
    client.post("/cv/vaardigheden/nieuw", data={"key": "cook", "csrf_token": auth.token()})
    assert 'name="key" value="cook"' not in client.get("/cv/vaardigheden").get_data(as_text=True)


def test_someone_elses_item_is_not_found(client, auth, sara, amina):
    saras = cv.items_of(sara, "experience")[0]
    auth.login("amina")
    token = auth.token()
    for path in (f"/cv/regel/{saras.uuid}", f"/cv/regel/{saras.uuid}/weg"):
        assert client.post(path, data={"csrf_token": token}).status_code == 404
    assert cv.get_item(sara, saras.uuid) is not None


def test_the_pdf_and_the_preview(client, auth, ewa):
    auth.login("ewa")
    pdf = client.get("/cv/cv.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF-") and len(pdf.data) < 150_000
    assert "cv-Ewa-Kowalska.pdf" in pdf.headers["Content-Disposition"]
    preview = client.get("/cv/voorbeeld").get_data(as_text=True)
    assert '<article class="cv-doc" lang="pl" dir="ltr">' in preview
    assert "Sprzedawczyni" in preview and "Polski" in preview


def test_she_chooses_the_cv_language(client, auth, ewa):
    auth.login("ewa")
    client.post("/cv/taal", data={"language": "nl", "csrf_token": auth.token()})
    assert cv.profile_of(ewa).language == "nl"
    assert "Pools" in client.get("/cv/voorbeeld").get_data(as_text=True)
    assert (
        client.post("/cv/taal", data={"language": "xx", "csrf_token": auth.token()}).status_code
        == 303
    )
    assert cv.profile_of(ewa).language == "nl"


def test_checklist_tick_works_with_and_without_htmx(client, auth, sara):
    auth.login("sara")
    token = auth.token()
    plain = client.post("/cv/lijst/about_me", data={"done": "1", "csrf_token": token})
    assert plain.status_code == 302
    page = client.get("/cv/").get_data(as_text=True)
    assert 'id="item-about_me" class="check-item is-done"' in page
    assert "Drie zinnen is genoeg" in page  # its help text
    fragment = client.post(
        "/cv/lijst/about_me",
        data={"done": "0"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    html = fragment.get_data(as_text=True)
    assert html.lstrip().startswith('<li id="item-about_me" class="check-item">')
    assert "<html" not in html and "HX-Request" in fragment.headers["Vary"]


def test_unknown_checklist_item_is_not_found(client, auth, sara):
    auth.login("sara")
    assert (
        client.post("/cv/lijst/zzz", data={"done": "1", "csrf_token": auth.token()}).status_code
        == 404
    )


def test_the_shared_fragment_is_her_cv_as_the_pdf_has_it_whoever_reads_it(app, ewa):
    """The sharing mechanism renders `cv/_shared.html` with `cv.shared_view(owner)`: on a
    medewerker's Dutch page the cv keeps the language Ewa chose, and shows no form."""
    from flask import render_template_string

    with app.test_request_context("/", headers={"Accept-Language": "nl"}):
        html = render_template_string('{% include "cv/_shared.html" %}', **cv.shared_view(ewa))
    assert '<article class="cv-doc" lang="pl" dir="ltr">' in html
    assert "Doświadczenie zawodowe" in html and "Sprzedawczyni" in html
    assert "<form" not in html and "06 22334455" in html


def test_making_pdfs_in_a_loop_is_slowed_down(client, auth, app):
    her = factories.participant()
    auth.login(her)
    answers = [client.get("/cv/cv.pdf").status_code for _ in range(13)]
    assert answers[:12] == [200] * 12 and answers[12] == 429


def test_a_tampered_choice_is_refused_with_a_message_never_a_500(client, auth, elif_):
    auth.login(elif_)
    token = auth.token()
    for path, data in (
        ("/cv/vaardigheden/nieuw", {"key": "hacking"}),
        ("/cv/talen/nieuw", {"key": "xx", "kind": "native"}),
        ("/cv/werk/nieuw", {"title": "Kok", "kind": "boss"}),
        ("/cv/beschikbaar", {"days": ["mon-night"]}),
    ):
        page = client.post(path, data={**data, "csrf_token": token})
        assert page.status_code == 400, path
        assert 'class="error"' in page.get_data(as_text=True), path
    moved = client.post("/cv/regel/not-a-uuid/verplaats", data={"to": "x", "csrf_token": token})
    assert moved.status_code == 404
