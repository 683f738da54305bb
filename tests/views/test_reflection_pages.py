"""Her reflection on the meeting page: offered where she came (Amina and Sara came, Elif did
not), saved from the outbox once, her own only."""

import uuid

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models.materials import MeetingReflection


@pytest.fixture
def past(zuid, medewerker, trainster, sara, amina, elif_):
    """Last week's meeting with its recap: Sara and Amina came, Elif did not."""
    meeting = factories.past_meeting(zuid, by=medewerker, days_ago=7)
    factories.attendance(medewerker, meeting, came=[sara, amina], absent=[elif_])
    factories.recap(trainster, meeting, report="We maakten kennis.", homework="Praat thuis.")
    return meeting


def test_offered_to_who_came_and_saved_once_from_the_outbox(client, auth, amina, past):
    auth.login("elif")
    assert 'id="terugblik"' not in client.get(f"/agenda/{past.id}").get_data(as_text=True)
    auth.logout()
    auth.login("amina")
    html = client.get(f"/agenda/{past.id}").get_data(as_text=True)
    assert 'id="terugblik"' in html and "data-offline" in html
    assert "#terugblik" in client.get("/").get_data(as_text=True)  # invited from her home
    data = {"csrf_token": auth.token(), "mutation_id": str(uuid.uuid4()),
            "client_time": "2026-11-20T10:00:00Z", "went_well": "تكلمت", "was_hard": "",
            "next_step": "أسأل جارتي", "proud_of": "حضرت"}  # fmt: skip
    for _ in range(2):
        response = client.post(f"/materiaal/bijeenkomst/{past.id}/terugblik", data=data,
                               headers={"Accept": "application/json"})  # fmt: skip
        assert response.json["result"] == "applied"
    rows = db.session.scalar(
        select(func.count(MeetingReflection.id)).where(MeetingReflection.user_id == amina.id)
    )
    assert rows == 1
    html = client.get(f"/agenda/{past.id}").get_data(as_text=True)
    assert "حضرت" in html and "reflection_step" not in html
    assert client.post(f"/materiaal/bijeenkomst/{past.id}/terugblik/stap",
                       data={"csrf_token": auth.token()}).status_code == 303  # fmt: skip
    # Nobody else reads it: not the trainster's pages, not another participant.
    auth.logout()
    auth.login("sara")
    assert "حضرت" not in client.get(f"/agenda/{past.id}").get_data(as_text=True)
    auth.logout()
    auth.login("trainster")
    for path in (f"/medewerker/agenda/{past.id}", f"/medewerker/materiaal/bijeenkomst/{past.id}"):
        assert "حضرت" not in client.get(path).get_data(as_text=True)
