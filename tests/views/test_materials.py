"""Materials on the pages: the trainster shares (and is told what went wrong, with what she
typed kept), the group sees it on the meeting page, files come with the right headers and in
ranges, and only to the group."""

import io
import re

import pytest
from sqlalchemy import func, select

from tests import factories
from tests import materials_files as files
from webapp.extensions import db
from webapp.models.materials import Material, MaterialFile
from webapp.services import materials as service


@pytest.fixture
def past(zuid, medewerker, trainster):
    """Last week's meeting of Groep Zuid; the trainster shares its materials."""
    return factories.past_meeting(zuid, by=medewerker, days_ago=7)


@pytest.fixture
def picture(trainster, zuid, past):
    return factories.material(trainster, zuid, past, title="Onze tafel", upload=files.png())


@pytest.fixture
def worksheet(trainster, zuid, past):
    """A worksheet as PDF in Dutch and Arabic."""
    made = factories.material(trainster, zuid, past, title="Werkblad: kiezen voor werk",
                              translations={"title": {"ar": "ورقة عمل: اختيار العمل"}},
                              upload=files.pdf(), language="nl")  # fmt: skip
    service.add_file(trainster, made, service.Upload(files.pdf(), "ar"))
    return made


@pytest.fixture
def story(trainster, zuid, past):
    """A role-model story, recorded in Dutch."""
    return factories.material(trainster, zuid, past, title="Het verhaal van Nadia",
                              upload=files.ogg(), language="nl")  # fmt: skip


def upload(client, auth, meeting, data, name, **fields):
    return client.post(
        f"/medewerker/materiaal/bijeenkomst/{meeting.id}",
        data={"csrf_token": auth.token(), "file": (io.BytesIO(data), name), **fields},
        content_type="multipart/form-data",
    )


def test_trainster_shares_a_picture_and_the_group_sees_it(client, auth, amina, past, worksheet):
    auth.login("trainster")
    page = client.get(f"/medewerker/materiaal/bijeenkomst/{past.id}")
    html = page.get_data(as_text=True)
    assert 'Hoogstens <bdi dir="ltr">15 MB</bdi> per bestand' in html and 'data-max-bytes="' in html
    assert page.headers["Permissions-Policy"].startswith("camera=(), microphone=(self)")
    response = upload(client, auth, past, files.photo_with_gps((800, 600)), "foto.jpg",
                      title="Samen koken", title_ar="نطبخ معاً")  # fmt: skip
    assert response.status_code == 303
    material = db.session.scalar(select(Material).where(Material.title == "Samen koken"))
    auth.logout()
    auth.login("amina")
    html = client.get(f"/agenda/{past.id}").get_data(as_text=True)
    picture = re.search(rf"<img[^>]*materiaal/bestand/{material.files[0].id}[^>]*>", html).group(0)
    # Not fetched with the page: pack.js sets its src when she scrolls near it.
    assert "data-src=" in picture and " src=" not in picture
    assert 'width="800"' in picture and 'alt="نطبخ معاً"' in picture
    assert '<bdi lang="ar">نطبخ معاً</bdi>' in html
    # The worksheet in her language, its size said before she opens it.
    assert re.search(r'PDF، <bdi dir="ltr">\d+ kB</bdi> · العربية', html)


@pytest.mark.parametrize(
    "data, name, words",
    [(b"\x00" * (30 * 1000 * 1000), "groot.pdf", "te groot (30 MB)"),
     (files.HTML_AS_PDF, "werkblad.pdf", "Dit soort bestand kan hier niet"),
     (files.SVG_WITH_SCRIPT, "plaatje.svg", "Dit soort bestand kan hier niet"),
     (files.truncated_png(), "kapot.png", "kapot")],
    ids=["30-mb", "html-as-pdf", "svg", "truncated-png"],
)  # fmt: skip
def test_a_bad_file_gets_a_message_and_her_text_stays(client, auth, past, data, name, words):
    auth.login("trainster")
    before = db.session.scalar(select(func.count(MaterialFile.id)))
    response = upload(client, auth, past, data, name, title="Mijn werkblad", body="Lees dit")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert words in html
    assert 'value="Mijn werkblad"' in html and "Lees dit</textarea>" in html
    assert db.session.scalar(select(func.count(MaterialFile.id))) == before


def test_files_have_their_type_a_name_and_ranges(client, auth, amina, story):
    story = story.files[0]
    assert story.kind == "audio"
    auth.login("amina")
    whole = client.get(f"/materiaal/bestand/{story.id}")
    assert whole.status_code == 200
    assert whole.headers["Content-Type"] == "audio/ogg"
    assert whole.headers["Content-Disposition"] == "inline; filename=het-verhaal-van-nadia.ogg"
    assert whole.headers["X-Content-Type-Options"] == "nosniff"
    assert whole.headers["Accept-Ranges"] == "bytes"
    assert "default-src 'none'" in whole.headers["Content-Security-Policy"]
    part = client.get(f"/materiaal/bestand/{story.id}", headers={"Range": "bytes=1000-1999"})
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 1000-1999/{story.size}"
    assert part.data == whole.data[1000:2000]


def test_the_trainster_sees_how_many_opened_never_who(
    client, auth, zuid_participants, past, worksheet
):
    auth.login("amina")
    client.get(f"/materiaal/bestand/{worksheet.files[0].id}")
    # A pack saved in the background is not "opened".
    auth.logout()
    auth.login("ewa")
    client.get(f"/materiaal/bestand/{worksheet.files[0].id}", headers={"Sec-Fetch-Dest": "empty"})
    auth.logout()
    auth.login("trainster")
    html = client.get(f"/medewerker/materiaal/bijeenkomst/{past.id}").get_data(as_text=True)
    assert "1 van 4 geopend" in html  # of everyone in Groep Zuid
    assert "Amina" not in html and "Ewa" not in html


def test_another_group_sees_nothing(client, auth, past, picture, elsewhere):
    file_id = picture.files[0].id
    auth.login(elsewhere["participant"].username)
    assert client.get(f"/materiaal/bestand/{file_id}").status_code == 404
    assert client.get(f"/agenda/{past.id}").status_code == 404
    auth.logout()
    auth.login(elsewhere["staff"].username)
    assert client.get(f"/materiaal/bestand/{file_id}").status_code == 404
    assert client.get(f"/medewerker/materiaal/bijeenkomst/{past.id}").status_code == 404


def test_the_medewerker_removes_it_and_the_group_no_longer_sees_it(client, auth, sara, picture):
    file_id = picture.files[0].id
    auth.login("sara")
    assert client.get(f"/materiaal/bestand/{file_id}").status_code == 200  # before
    auth.logout()
    auth.login("medewerker")
    response = client.post(
        f"/medewerker/materiaal/{picture.id}/weg", data={"csrf_token": auth.token()}
    )
    assert response.status_code == 303
    auth.logout()
    auth.login("sara")
    assert client.get(f"/materiaal/bestand/{file_id}").status_code == 404


def test_group_materials_page_and_the_upcoming_meeting(client, auth, zuid, sara, trainster):
    factories.material(trainster, zuid, None, title="Adressen voor opvang")
    meeting = factories.meeting(zuid, title="Later")
    factories.material(trainster, zuid, meeting, title="Lees vooraf")
    auth.login("sara")
    assert "Adressen voor opvang" in client.get("/materiaal").get_data(as_text=True)
    assert "Lees vooraf" in client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
