"""Fixtures for the agenda page tests: a meeting a few days ahead for Groep Zuid, and another
organisation with its own group and meeting."""

from datetime import timedelta

import pytest

from webapp.services import agenda
from webapp.services.agenda import MeetingDetails

__all__ = ["elsewhere", "meeting"]


def soon(days=3, hour=10):
    """A local date some days ahead, and its start and end time."""
    day = agenda.local_today() + timedelta(days=days)
    from datetime import time

    return day, time(hour), time(hour + 2)


@pytest.fixture
def meeting(medewerker, zuid):
    """Groep Zuid's startbijeenkomst in three days, planned by its medewerker."""
    day, start, end = soon()
    return agenda.create_meeting(
        medewerker,
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
def elsewhere(elsewhere):
    """The other organisation (tests/conftest.py), with a meeting of its own."""
    day, start, end = soon()
    meeting = agenda.create_meeting(
        elsewhere["staff"], elsewhere["group"], MeetingDetails(title="Noord"), day, start, end
    )
    return {**elsewhere, "meeting": meeting}
