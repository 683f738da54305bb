"""Fixtures the agenda's service tests and page tests share: the demo accounts without the
demo meetings, Groep Zuid, and what the change listeners heard."""

from datetime import datetime

import pytest
from sqlalchemy import delete, update

from webapp.extensions import db
from webapp.models import Membership
from webapp.models.agenda import Meeting
from webapp.services import agenda

__all__ = ["demo", "told", "zuid"]


@pytest.fixture
def demo(demo):
    """The demo accounts, without the demo meetings: each test plans its own. The tests plan
    meetings from early 2026 on, so the participants joined their group before that."""
    db.session.execute(delete(Meeting))
    db.session.execute(update(Membership).values(joined_at=datetime(2025, 9, 1)))
    db.session.commit()
    return demo


@pytest.fixture
def zuid(demo):
    return demo["medewerker"].organisation.groups[0]


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
