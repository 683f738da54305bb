"""Fixtures for the agenda page tests: a meeting a few days ahead for Groep Zuid, and another
organisation with its own group and meeting."""

from datetime import timedelta

import pytest

from webapp.extensions import db
from webapp.models import Group, Organisation, Role
from webapp.services import agenda
from webapp.services.accounts import create_user
from webapp.services.agenda import MeetingDetails

__all__ = ["elsewhere", "meeting"]


def soon(days=3, hour=10):
    """A local date some days ahead, and its start and end time."""
    day = agenda.local_today() + timedelta(days=days)
    from datetime import time

    return day, time(hour), time(hour + 2)


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
