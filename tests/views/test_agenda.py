"""The agenda pages: her meetings and answers, the staff overview and CSV, calendars, and who
may see what."""

import csv
import io
import re
from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import delete

from webapp.extensions import db
from webapp.models import Group, Organisation, Role, utcnow
from webapp.models.agenda import Answer, Meeting
from webapp.services import agenda
from webapp.services.accounts import create_user
from webapp.services.agenda import Childcare, MeetingDetails


def soon(days=3, hour=10):
    """A local date some days ahead, and its start and end time."""
    day = agenda.local_today() + timedelta(days=days)
    from datetime import time

    return day, time(hour), time(hour + 2)


@pytest.fixture
def demo(demo):
    """The demo accounts, without the demo meetings: each test plans its own."""
    db.session.execute(delete(Meeting))
    db.session.commit()
    return demo


@pytest.fixture
def zuid(demo):
    return demo["medewerker"].organisation.groups[0]


@pytest.fixture
def meeting(demo, zuid):
    day, start, end = soon()
    return agenda.create_meeting(
        demo["medewerker"],
        zuid,
        MeetingDetails(
            title="Startbijeenkomst",
            theme="Kiezen voor werk",
            place_name="Buurthuis De Vaart",
            address="Slinge 1, 3085 EK Rotterdam",
            what_to_bring="Je paspoort",
            children_welcome=True,
            childcare_on_site=True,
            led_by="Nadia",
        ),
        day,
        start,
        end,
    )


@pytest.fixture
def elsewhere(app, demo):
    org = Organisation(name="Gemeente Elders")
    db.session.add(org)
    db.session.flush()
    group = Group(organisation_id=org.id, name="Groep Noord")
    db.session.add(group)
    db.session.flush()
    staff = create_user("anders", "geheim-123", "Anouk", Role.STAFF, organisation=org)
    create_user("noor", "geheim-123", "Noor", Role.PARTICIPANT, groups=[group])
    day, start, end = soon()
    other = agenda.create_meeting(staff, group, MeetingDetails(title="Noord"), day, start, end)
    return {"group": group, "staff": staff, "meeting": other}


def test_agenda_lists_her_meetings_and_the_meeting_page_has_what_she_needs(client, auth, meeting):
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


def test_home_shows_the_next_meeting(client, auth, meeting):
    auth.login("sara")
    html = client.get("/").get_data(as_text=True)
    assert "Startbijeenkomst" in html and 'href="/agenda/volgende"' in html
    # the next meeting in full at a fixed address (kept on the phone after login)
    page = client.get("/agenda/volgende").get_data(as_text=True)
    assert "Buurthuis De Vaart" in page and f"/agenda/{meeting.id}/antwoord" in page


def test_more_tab_links_to_the_calendar_page(client, auth, meeting):
    auth.login("sara")
    assert 'href="/agenda/kalender"' in client.get("/meer").get_data(as_text=True)


def test_warm_cache_after_login_has_the_agenda(client, auth, meeting):
    auth.login("sara")
    html = client.get("/").get_data(as_text=True)
    warm = re.search(r"data-offline-pages='([^']+)'", html).group(1)
    assert "/agenda" in warm and "/agenda/volgende" in warm


def test_cancelling_puts_a_message_in_every_inbox(client, auth, demo, meeting):
    reminders = pytest.importorskip("webapp.models.reminders")
    from sqlalchemy import select

    auth.login("medewerker")
    response = client.post(
        f"/medewerker/agenda/{meeting.id}/afzeggen", data={"csrf_token": auth.token()}
    )
    assert response.status_code == 303
    rows = db.session.scalars(
        select(reminders.Reminder).where(reminders.Reminder.target_id == meeting.id)
    ).all()
    assert {r.user.username for r in rows} >= {"sara", "amina", "ewa", "elif"}
    assert all(r.url == f"/agenda/{meeting.id}" for r in rows)


def test_one_tap_answer_without_javascript_and_with_htmx(client, auth, demo, meeting):
    auth.login("amina")
    token = auth.token()
    response = client.post(
        f"/agenda/{meeting.id}/antwoord",
        data={"answer": "coming", "childcare": "1", "children": "2", "age_1": "3",
              "age_2": "6", "csrf_token": token},
    )  # fmt: skip
    assert response.status_code == 303
    rsvp = agenda.rsvp_of(demo["amina"], meeting)
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
    rsvp = agenda.rsvp_of(demo["amina"], meeting)
    assert rsvp.answer == Answer.NOT_COMING and rsvp.children_count == 0
    assert rsvp.reason == "no_childcare"


def test_wrong_answer_gets_a_message_not_a_crash(client, auth, meeting):
    auth.login("sara")
    response = client.post(
        f"/agenda/{meeting.id}/antwoord",
        data={"answer": "late", "csrf_token": auth.token()},
    )
    assert response.status_code == 422
    assert "alleen op de dag" in response.get_data(as_text=True)
    response = client.post(
        f"/agenda/{meeting.id}/antwoord",
        data={"answer": "coming", "childcare": "1", "children": "1", "age_1": "3",
              "age_2": "4", "csrf_token": auth.token()},
    )  # fmt: skip
    assert response.status_code == 422


def test_offline_replay_is_applied_once(client, auth, demo, meeting):
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
    assert agenda.rsvp_of(demo["sara"], meeting).answer == Answer.NOT_COMING


def test_an_older_offline_answer_does_not_overwrite_a_newer_one(client, auth, demo, meeting):
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
    assert agenda.rsvp_of(demo["sara"], meeting).answer == Answer.COMING


@pytest.fixture
def told(monkeypatch):
    """What the change listeners (the inbox) heard: (meeting id, kind, usernames)."""
    heard = []
    listeners = [*agenda.MEETING_CHANGE_LISTENERS]
    listeners.append(
        lambda m, kind, people: heard.append((m.id, kind, [p.username for p in people]))
    )
    monkeypatch.setattr(agenda, "MEETING_CHANGE_LISTENERS", listeners)
    return heard


# --- Who may see what ------------------------------------------------------------------------


def test_another_groups_meeting_is_not_found(client, auth, elsewhere):
    auth.login("sara")
    other = elsewhere["meeting"].id
    assert client.get(f"/agenda/{other}").status_code == 404
    assert client.get(f"/agenda/{other}/bijeenkomst.ics").status_code == 404
    response = client.post(
        f"/agenda/{other}/antwoord", data={"answer": "coming", "csrf_token": auth.token()}
    )
    assert response.status_code == 404
    assert "Noord" not in client.get("/agenda").get_data(as_text=True)


def test_staff_of_another_organisation_gets_404(client, auth, meeting, elsewhere):
    auth.login("anders", "geheim-123")
    for path in (f"/medewerker/agenda/{meeting.id}", f"/medewerker/agenda/{meeting.id}/bewerken",
                 f"/medewerker/agenda/{meeting.id}/opvang.csv"):  # fmt: skip
        assert client.get(path).status_code == 404, path
    response = client.post(
        f"/medewerker/agenda/{meeting.id}/afzeggen", data={"csrf_token": auth.token()}
    )
    assert response.status_code == 404
    assert not meeting.cancelled
    assert "Startbijeenkomst" not in client.get("/medewerker/agenda").get_data(as_text=True)
    # and she cannot plan for a group of another organisation
    day, start, end = soon()
    response = client.post(
        "/medewerker/agenda/nieuw",
        data={"group": meeting.group_id, "title": "X", "day": day.isoformat(),
              "start": "10:00", "end": "12:00", "csrf_token": auth.token()},
    )  # fmt: skip
    assert response.status_code == 400


@pytest.mark.parametrize(
    "method, path",
    [("get", "/medewerker/agenda"), ("get", "/medewerker/agenda/nieuw"),
     ("get", "/medewerker/agenda/{id}"), ("get", "/medewerker/agenda/{id}/opvang.csv"),
     ("post", "/medewerker/agenda/{id}/afzeggen")],
)  # fmt: skip
def test_participant_cannot_reach_staff_pages(client, auth, meeting, method, path):
    auth.login("sara")
    url = path.format(id=meeting.id)
    kwargs = {"data": {"csrf_token": auth.token()}} if method == "post" else {}
    assert getattr(client, method)(url, **kwargs).status_code == 403


def test_trainer_sees_the_overview_but_does_not_edit(client, auth, meeting):
    auth.login("trainster")
    assert client.get(f"/medewerker/agenda/{meeting.id}").status_code == 200
    assert client.get(f"/medewerker/agenda/{meeting.id}/bewerken").status_code == 403


def test_staff_cannot_use_participant_agenda(client, auth, meeting):
    auth.login("medewerker")
    assert client.get("/agenda").status_code == 403


# --- Staff pages --------------------------------------------------------------------------------


def test_staff_creates_a_series_and_sees_bad_input_explained(client, auth, zuid):
    auth.login("medewerker")
    token = auth.token()
    day, _, _ = soon(days=7)
    base = {"group": zuid.id, "title": "Kind & Werkgeluk", "day": day.isoformat(),
            "start": "19:00", "end": "21:00", "csrf_token": token, "repeat": "weekly"}  # fmt: skip
    response = client.post("/medewerker/agenda/nieuw", data=base)  # no end date
    assert response.status_code == 400
    assert "tot wanneer" in response.get_data(as_text=True)
    response = client.post("/medewerker/agenda/nieuw", data={**base, "end": "18:00", "until": ""})
    assert "eindtijd" in response.get_data(as_text=True).lower()
    until = (day + timedelta(days=21)).isoformat()
    response = client.post("/medewerker/agenda/nieuw", data={**base, "until": until})
    assert response.status_code == 303
    meetings = agenda.meetings_for_staff(auth_user(auth, "medewerker"))
    assert len(meetings) == 4 and all(m.series_id for m in meetings)
    assert all(agenda.to_local(m.starts_at).hour == 19 for m in meetings)


def auth_user(auth, username):
    from sqlalchemy import select

    from webapp.models import User

    return db.session.scalar(select(User).where(User.username == username))


def test_staff_overview_and_childcare_csv(client, auth, demo, meeting):
    agenda.answer_meeting(demo["sara"], meeting.id, "coming",
                          childcare=Childcare(True, 2, [1, 4]))  # fmt: skip
    agenda.answer_meeting(demo["amina"], meeting.id, "not_coming", reason="child_ill")
    agenda.answer_meeting(demo["ewa"], meeting.id, "coming")
    auth.login("medewerker")
    html = client.get(f"/medewerker/agenda/{meeting.id}").get_data(as_text=True)
    assert re.search(r'id="count-coming">2<', html)
    assert re.search(r'id="count-not-coming">1<', html)
    assert re.search(r'id="count-unanswered">1<', html)
    assert "Mijn kind is ziek" in html
    assert "2 kinderen hebben opvang nodig." in html
    response = client.get(f"/medewerker/agenda/{meeting.id}/opvang.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [["voornaam", "aantal_kinderen", "leeftijden"], ["Sara", "2", "1 4"]]
    assert "sara" not in text  # no login names, nothing else about her


def test_cancel_and_move_tell_the_group(client, auth, demo, meeting, told):
    auth.login("medewerker")
    token = auth.token()
    day, _, _ = soon(days=4)
    response = client.post(
        f"/medewerker/agenda/{meeting.id}/bewerken",
        data={"title": "Startbijeenkomst", "day": day.isoformat(), "start": "13:00",
              "end": "15:00", "csrf_token": token},
    )  # fmt: skip
    assert response.status_code == 303
    response = client.post(f"/medewerker/agenda/{meeting.id}/afzeggen",
                           data={"csrf_token": token})  # fmt: skip
    assert response.status_code == 303
    assert [(kind, len(people)) for _, kind, people in told] == [("moved", 4), ("cancelled", 4)]
    db.session.refresh(meeting)
    assert meeting.cancelled and agenda.to_local(meeting.starts_at).hour == 13
    auth.logout()
    auth.login("sara")
    page = client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
    assert "gaat niet door" in page and 'value="coming"' not in page


# --- Calendars ----------------------------------------------------------------------------------


def test_meeting_ics_parses_back(client, auth, meeting):
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


def test_feed_link_works_until_revoked_and_rejects_wrong_tokens(client, auth, meeting):
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


def test_staff_changes_the_place_for_the_rest_of_a_series(client, auth, demo, zuid):
    day, start, end = soon(days=7)
    series = agenda.create_series(
        demo["medewerker"], zuid, MeetingDetails(title="Reeks", place_name="Oud"), day, start,
        end, "weekly", day + timedelta(days=14),
    )  # fmt: skip
    first, *rest = sorted(series.meetings, key=lambda m: m.starts_at)
    auth.login("medewerker")
    assert "whole_series" in client.get(f"/medewerker/agenda/{first.id}/bewerken").get_data(
        as_text=True
    )
    response = client.post(
        f"/medewerker/agenda/{first.id}/bewerken",
        data={"title": "Reeks", "place_name": "Nieuw", "day": day.isoformat(),
              "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M"),
              "whole_series": "y", "csrf_token": auth.token()},
    )  # fmt: skip
    assert response.status_code == 303
    db.session.expire_all()
    assert [m.place_name for m in (first, *rest)] == ["Nieuw", "Nieuw", "Nieuw"]
    assert all(m.moved_from is None for m in (first, *rest))


def test_push_is_offered_after_an_answer_not_before(client, auth, demo, meeting):
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
