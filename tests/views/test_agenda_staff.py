"""The projectmedewerker's agenda pages: planning meetings and series, the overview and the
childcare CSV, cancelling and moving, and who may reach these pages."""

import csv
import io
import re
from datetime import timedelta

import pytest

from tests.agenda_fixtures import *  # noqa: F403  (pytest fixture: told)
from tests.views.agenda_fixtures import *  # noqa: F403  (pytest fixtures: elsewhere, meeting)
from tests.views.agenda_fixtures import soon
from webapp.extensions import db
from webapp.services import agenda
from webapp.services.agenda import Childcare, MeetingDetails


def test_cancelling_puts_a_message_in_every_inbox(
    client, auth, zuid_participants, meeting, medewerker
):
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


# --- Who may see what ------------------------------------------------------------------------


def test_staff_of_another_organisation_gets_404(client, auth, meeting, elsewhere):
    auth.login("anders")
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
def test_participant_cannot_reach_staff_pages(client, auth, meeting, method, path, sara):
    auth.login("sara")
    url = path.format(id=meeting.id)
    kwargs = {"data": {"csrf_token": auth.token()}} if method == "post" else {}
    assert getattr(client, method)(url, **kwargs).status_code == 403


def test_trainer_sees_the_overview_but_does_not_edit(client, auth, meeting, trainster):
    auth.login("trainster")
    assert client.get(f"/medewerker/agenda/{meeting.id}").status_code == 200
    assert client.get(f"/medewerker/agenda/{meeting.id}/bewerken").status_code == 403


# --- Staff pages --------------------------------------------------------------------------------


def test_staff_creates_a_series_and_sees_bad_input_explained(client, auth, zuid, medewerker):
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


def test_staff_overview_and_childcare_csv(client, auth, zuid_participants, meeting, medewerker):
    sara, amina, ewa, _elif = zuid_participants
    agenda.answer_meeting(sara, meeting.id, "coming",
                          childcare=Childcare(True, 2, [1, 4]))  # fmt: skip
    agenda.answer_meeting(amina, meeting.id, "not_coming", reason="child_ill")
    agenda.answer_meeting(ewa, meeting.id, "coming")
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


def test_cancel_and_move_tell_the_group(client, auth, zuid_participants, meeting, told, medewerker):
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


def test_staff_changes_the_place_for_the_rest_of_a_series(client, auth, medewerker, zuid):
    day, start, end = soon(days=7)
    series = agenda.create_series(
        medewerker, zuid, MeetingDetails(title="Reeks", place_name="Oud"), day, start,
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
