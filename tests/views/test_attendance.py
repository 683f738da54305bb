"""Who came, on the pages: the staff list to tick, and "je was erbij" on her meeting page."""

import re
from datetime import timedelta

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import utcnow
from webapp.services import agenda


@pytest.fixture
def held(app):
    group = factories.group()
    staff = factories.staff(group.organisation)
    meeting = factories.meeting(group, by=staff, title="Werk zoeken")
    hanna = factories.participant(group, username="hanna", display_name="Hanna")
    lina = factories.participant(group, username="lina", display_name="Lina")
    for person in (hanna, lina):
        person.memberships[0].joined_at = utcnow() - timedelta(days=30)
    agenda.answer_meeting(lina, meeting.id, "coming")
    meeting.starts_at = utcnow() - timedelta(hours=2)
    meeting.ends_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    return {"group": group, "staff": staff, "meeting": meeting, "hanna": hanna, "lina": lina}


def test_staff_ticks_who_came_and_she_sees_she_was_there(client, auth, held):
    meeting, lina, hanna = held["meeting"], held["lina"], held["hanna"]
    auth.login(held["staff"])
    page = client.get(f"/medewerker/agenda/{meeting.id}/aanwezig").get_data(as_text=True)
    assert page.index("Lina") < page.index("Hanna")  # "ik kom" first
    response = client.post(
        f"/medewerker/agenda/{meeting.id}/aanwezig",
        data={"csrf_token": auth.token(), "listed": [lina.id, hanna.id], "came": [lina.id]},
    )
    assert response.status_code == 303
    again = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(rf'value="{lina.id}" id="came-{lina.id}" checked', again)
    assert "1 deelneemster is aangevinkt." in client.get(
        f"/medewerker/agenda/{meeting.id}"
    ).get_data(as_text=True)
    auth.logout()

    auth.login(lina)
    assert "Je was erbij." in client.get(f"/agenda/{meeting.id}").get_data(as_text=True)
    auth.logout()
    auth.login(hanna)
    assert "Je was erbij." not in client.get(f"/agenda/{meeting.id}").get_data(as_text=True)


def test_the_trainster_ticks_too(client, auth, held):
    meeting, hanna = held["meeting"], held["hanna"]
    auth.login(factories.trainer(held["group"].organisation, groups=[held["group"]]))
    response = client.post(
        f"/medewerker/agenda/{meeting.id}/aanwezig",
        data={"csrf_token": auth.token(), "listed": [hanna.id], "came": [hanna.id]},
    )
    assert response.status_code == 303
    assert agenda.came_to(hanna, meeting)


def test_before_the_start_nothing_can_be_ticked(client, auth, held):
    meeting, hanna = held["meeting"], held["hanna"]
    meeting.starts_at = utcnow() + timedelta(days=1)
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    db.session.commit()
    auth.login(held["staff"])
    page = client.get(f"/medewerker/agenda/{meeting.id}/aanwezig").get_data(as_text=True)
    assert "kan vanaf het begin van de bijeenkomst" in page and 'name="came"' not in page
    response = client.post(
        f"/medewerker/agenda/{meeting.id}/aanwezig",
        data={"csrf_token": auth.token(), "listed": [hanna.id], "came": [hanna.id]},
    )
    assert response.status_code == 422
    assert not agenda.came_to(hanna, meeting)


def test_two_with_the_same_name_are_told_apart_on_the_staff_lists(client, auth, held):
    group, meeting = held["group"], held["meeting"]
    for username in ("hanna2",):
        other = factories.participant(group, username=username, display_name="Hanna")
        other.memberships[0].joined_at = utcnow() - timedelta(days=30)
    db.session.commit()
    auth.login(held["staff"])
    page = client.get(f"/medewerker/agenda/{meeting.id}/aanwezig").get_data(as_text=True)
    assert "Hanna (hanna)" in page and "Hanna (hanna2)" in page
    page = client.get(f"/medewerker/agenda/{meeting.id}").get_data(as_text=True)
    assert "Hanna (hanna)" in page and "Hanna (hanna2)" in page
