"""Her meetings in her own calendar app: one meeting's .ics and the secret feed link."""

import re

from icalendar import Calendar

from tests.agenda_fixtures import *  # noqa: F403  (pytest fixture: told)
from tests.views.agenda_fixtures import *  # noqa: F403  (pytest fixtures: elsewhere, meeting)
from webapp.services import agenda


def test_meeting_ics_parses_back(client, auth, meeting, sara):
    auth.login("sara")
    response = client.get(f"/agenda/{meeting.id}/bijeenkomst.ics")
    assert response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.data)
    event = cal.walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Amsterdam" and start.hour == 10
    assert start.astimezone(agenda.UTC).replace(tzinfo=None) == meeting.starts_at
    assert "Slinge 1, 3085 EK Rotterdam" in str(event["LOCATION"])
    again = Calendar.from_ical(client.get(f"/agenda/{meeting.id}/bijeenkomst.ics").data)
    assert str(again.walk("VEVENT")[0]["UID"]) == meeting.uid


def test_feed_link_works_until_revoked_and_rejects_wrong_tokens(client, auth, meeting, sara):
    auth.login("sara")
    html = client.post("/agenda/kalender", data={"csrf_token": auth.token()}).get_data(as_text=True)
    link = re.search(r'value="(http://localhost/agenda/kalender/[^"]+\.ics)"', html).group(1)
    path = link.removeprefix("http://localhost")
    auth.logout()
    response = client.get(path)  # calendar apps do not log in
    assert response.status_code == 200
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [meeting.uid]
    assert client.get(path.replace("/kalender/", "/kalender/x")).status_code == 404
    assert client.get("/agenda/kalender/niet-echt.ics").status_code == 404
    auth.login("sara")
    client.post("/agenda/kalender/stoppen", data={"csrf_token": auth.token()})
    auth.logout()
    assert client.get(path).status_code == 404
