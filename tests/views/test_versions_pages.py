"""Language versions on the pages: the medewerker adds versions on the meeting form (and sees
which languages are missing); each participant reads hers, else the Dutch text marked nl."""

import re

from tests.agenda_fixtures import *  # noqa: F403  (pytest fixture: told)
from tests.views.agenda_fixtures import *  # noqa: F403  (pytest fixtures: elsewhere, meeting)
from webapp.extensions import db
from webapp.services import agenda


def test_staff_adds_versions_and_sees_what_is_missing(client, auth, meeting, medewerker):
    auth.login("medewerker")
    form = client.get(f"/medewerker/agenda/{meeting.id}/bewerken").get_data(as_text=True)
    assert 'name="title_ar"' in form and 'lang="ar"' in form and 'dir="rtl"' in form
    assert "nog niet: Arabisch, Pools, Turks, Engels" in form
    day, start, end = agenda.local_parts(meeting)
    data = {
        "title": "Startbijeenkomst", "title_ar": "لقاء البداية", "title_pl": "Spotkanie na start",
        "what_to_bring": "Je paspoort", "what_to_bring_ar": "جواز سفركِ",
        "day": day.isoformat(), "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M"),
        "csrf_token": auth.token(),
    }  # fmt: skip
    assert client.post(f"/medewerker/agenda/{meeting.id}/bewerken", data=data).status_code == 303
    db.session.refresh(meeting)
    assert meeting.translations["title"] == {"ar": "لقاء البداية", "pl": "Spotkanie na start"}
    form = client.get(f"/medewerker/agenda/{meeting.id}/bewerken").get_data(as_text=True)
    assert 'value="لقاء البداية"' in form
    assert "nog niet: Turks, Engels" in form
    # A version that is too long: the message under its own field, what she typed kept.
    response = client.post(
        f"/medewerker/agenda/{meeting.id}/bewerken", data={**data, "title_en": "x" * 200}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r'id="title_en-error"', html) and 'value="لقاء البداية"' in html


def test_each_participant_reads_her_version_else_dutch_marked_nl(client, auth, meeting, amina, ewa):
    meeting.translations = {"title": {"ar": "لقاء البداية"}, "what_to_bring": {"ar": "جواز سفركِ"}}
    db.session.commit()
    auth.login("amina")
    html = client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
    assert '<bdi lang="ar">لقاء البداية</bdi>' in html
    assert '<bdi lang="ar">جواز سفركِ</bdi>' in html
    assert '<bdi lang="ar">لقاء البداية</bdi>' in client.get("/agenda").get_data(as_text=True)
    auth.logout()
    auth.login("ewa")
    html = client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
    assert '<bdi lang="nl">Startbijeenkomst</bdi>' in html
    assert "لقاء" not in html
