"""The agenda pages she uses: her meetings, the next one on her home, her answer (also offline),
and that she sees only her own group's meetings."""

import re
from datetime import timedelta

from tests.agenda_fixtures import *  # noqa: F403  (pytest fixture: told)
from tests.views.agenda_fixtures import *  # noqa: F403  (pytest fixtures: elsewhere, meeting)
from webapp.models import utcnow
from webapp.models.agenda import Answer
from webapp.services import agenda


def test_agenda_lists_her_meetings_and_the_meeting_page_has_what_she_needs(
    client, auth, meeting, sara
):
    auth.login("sara")
    html = client.get("/agenda").get_data(as_text=True)
    assert "Startbijeenkomst" in html and f"/agenda/{meeting.id}" in html
    assert 'aria-current="page"' in html and ">Agenda<" in html  # the bottom tab
    page = client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
    assert "Buurthuis De Vaart" in page and "Slinge 1, 3085 EK Rotterdam" in page
    assert "geo:0,0?q=Slinge%201%2C%203085%20EK%20Rotterdam" in page
    assert "https://www.openstreetmap.org/search?query=" in page
    assert "koffie" in page and "Je paspoort" in page and "Nadia" in page
    assert 'value="coming"' in page and 'value="not_coming"' in page
    assert 'value="late"' not in page  # not today
    assert "<iframe" not in page


def test_home_shows_the_next_meeting(client, auth, meeting, sara):
    auth.login("sara")
    html = client.get("/").get_data(as_text=True)
    assert "Startbijeenkomst" in html and 'href="/agenda/volgende"' in html
    # the next meeting in full at a fixed address (kept on the phone after login)
    page = client.get("/agenda/volgende").get_data(as_text=True)
    assert "Buurthuis De Vaart" in page and f"/agenda/{meeting.id}/antwoord" in page


def test_more_tab_links_to_the_calendar_page(client, auth, meeting, sara):
    auth.login("sara")
    assert 'href="/agenda/kalender"' in client.get("/meer").get_data(as_text=True)


def test_warm_cache_after_login_has_the_agenda(client, auth, meeting, sara):
    auth.login("sara")
    html = client.get("/").get_data(as_text=True)
    warm = re.search(r"data-offline-pages='([^']+)'", html).group(1)
    assert "/agenda" in warm and "/agenda/volgende" in warm


def test_one_tap_answer_without_javascript_and_with_htmx(client, auth, amina, meeting):
    auth.login("amina")
    token = auth.token()
    response = client.post(
        f"/agenda/{meeting.id}/antwoord",
        data={"answer": "coming", "childcare": "1", "children": "2", "age_1": "3",
              "age_2": "6", "csrf_token": token},
    )  # fmt: skip
    assert response.status_code == 303
    rsvp = agenda.rsvp_of(amina, meeting)
    assert (rsvp.answer, rsvp.children_count, rsvp.ages) == (Answer.COMING, 2, [3, 6])
    # htmx: the answer section comes back, in her language (Arabic page direction)
    response = client.post(
        f"/agenda/{meeting.id}/antwoord",
        data={"answer": "not_coming", "reason": "no_childcare"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith("{#") is False and 'id="rsvp"' in fragment
    assert "<html" not in fragment
    rsvp = agenda.rsvp_of(amina, meeting)
    assert rsvp.answer == Answer.NOT_COMING and rsvp.children_count == 0
    assert rsvp.reason == "no_childcare"


def test_wrong_answer_gets_a_message_not_a_crash(client, auth, meeting, sara):
    auth.login("sara")
    response = client.post(
        f"/agenda/{meeting.id}/antwoord",
        data={"answer": "late", "csrf_token": auth.token()},
    )
    assert response.status_code == 422
    assert "alleen op de dag" in response.get_data(as_text=True)
    response = client.post(
        f"/agenda/{meeting.id}/antwoord",
        data={"answer": "coming", "children": "1", "age_1": "40", "csrf_token": auth.token()},
    )
    assert response.status_code == 422
    assert "leeftijd" in response.get_data(as_text=True)


def test_the_answer_buttons_leave_her_childcare_as_it_was(client, auth, sara, meeting):
    """A tap on "Ik kom" sends the answer alone: it never switches her childcare off."""
    auth.login("sara")
    token = auth.token()
    client.post(f"/agenda/{meeting.id}/antwoord",
                data={"answer": "coming", "children": "2", "age_1": "3", "age_2": "5",
                      "age_3": "9", "csrf_token": token})  # fmt: skip
    rsvp = agenda.rsvp_of(sara, meeting)
    assert (rsvp.childcare_needed, rsvp.children_count, rsvp.ages) == (True, 2, [3, 5])
    client.post(f"/agenda/{meeting.id}/antwoord", data={"answer": "coming", "csrf_token": token})
    rsvp = agenda.rsvp_of(sara, meeting)
    assert (rsvp.childcare_needed, rsvp.children_count) == (True, 2)
    client.post(f"/agenda/{meeting.id}/antwoord",
                data={"answer": "coming", "children": "0", "csrf_token": token})  # fmt: skip
    assert not agenda.rsvp_of(sara, meeting).childcare_needed
    client.post(f"/agenda/{meeting.id}/antwoord",
                data={"answer": "not_coming", "csrf_token": token})  # fmt: skip
    page = client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
    assert "Wil je zeggen waarom?" in page and 'name="children"' not in page


def test_offline_replay_is_applied_once(client, auth, sara, meeting):
    auth.login("sara")
    data = {"answer": "coming", "csrf_token": auth.token(),
            "mutation_id": "0b8a8f5e-8a4f-4d55-9d0e-5b0b9a1f2c3d",
            "client_time": utcnow().isoformat() + "Z"}  # fmt: skip
    headers = {"Accept": "application/json"}
    first = client.post(f"/agenda/{meeting.id}/antwoord", data=data, headers=headers)
    assert first.get_json()["result"] == "applied"
    client.post(f"/agenda/{meeting.id}/antwoord",
                data={"answer": "not_coming", "csrf_token": data["csrf_token"]})  # fmt: skip
    again = client.post(f"/agenda/{meeting.id}/antwoord", data=data, headers=headers)
    assert again.get_json()["replayed"] is True
    assert agenda.rsvp_of(sara, meeting).answer == Answer.NOT_COMING


def test_an_older_offline_answer_does_not_overwrite_a_newer_one(client, auth, sara, meeting):
    auth.login("sara")
    token = auth.token()
    client.post(f"/agenda/{meeting.id}/antwoord", data={"answer": "coming", "csrf_token": token})
    old = (utcnow() - timedelta(minutes=30)).isoformat() + "Z"
    response = client.post(
        f"/agenda/{meeting.id}/antwoord",
        data={"answer": "not_coming", "csrf_token": token, "client_time": old,
              "mutation_id": "1b8a8f5e-8a4f-4d55-9d0e-5b0b9a1f2c3d"},
        headers={"Accept": "application/json"},
    )  # fmt: skip
    assert response.get_json()["result"] == "superseded"
    assert agenda.rsvp_of(sara, meeting).answer == Answer.COMING


def test_push_is_offered_after_an_answer_not_before(client, auth, meeting, sara):
    auth.login("sara")
    assert 'data-offer="1"' not in client.get("/agenda").get_data(as_text=True)
    client.post(
        f"/agenda/{meeting.id}/antwoord", data={"answer": "coming", "csrf_token": auth.token()}
    )
    assert 'data-offer="1"' in client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
    assert 'data-offer="1"' not in client.get("/agenda").get_data(as_text=True)  # once
    htmx = client.post(
        f"/agenda/{meeting.id}/antwoord",
        data={"answer": "not_coming"},
        headers={"HX-Request": "true", "X-CSRFToken": auth.token()},
    )
    assert htmx.headers.get("ES-Offer-Push") == "1"


# --- Who may see what ------------------------------------------------------------------------


def test_another_groups_meeting_is_not_found(client, auth, elsewhere, sara):
    auth.login("sara")
    other = elsewhere["meeting"].id
    assert client.get(f"/agenda/{other}").status_code == 404
    assert client.get(f"/agenda/{other}/bijeenkomst.ics").status_code == 404
    response = client.post(
        f"/agenda/{other}/antwoord", data={"answer": "coming", "csrf_token": auth.token()}
    )
    assert response.status_code == 404
    assert "Noord" not in client.get("/agenda").get_data(as_text=True)


def test_staff_cannot_use_participant_agenda(client, auth, meeting, medewerker):
    auth.login("medewerker")
    assert client.get("/agenda").status_code == 403
