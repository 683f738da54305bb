"""A fixture the agenda's service tests and page tests share: what the change signal told.
Groep Zuid and its people are in tests/conftest.py."""

import pytest

from webapp import signals

__all__ = ["told"]


@pytest.fixture
def told():
    """What the `meeting_changed` signal told (the inbox hears it too): (meeting id, kind,
    usernames)."""
    heard = []

    def hear(meeting, *, kind, people):
        heard.append((meeting.id, kind, [p.username for p in people]))

    with signals.meeting_changed.connected_to(hear):
        yield heard
