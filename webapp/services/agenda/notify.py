"""Telling participants that a meeting moved or was cancelled.

The agenda does not know the inbox: it sends the `meeting_changed` signal
(`webapp/signals.py`), and whoever listens (the inbox) reacts.
"""

from sqlalchemy import select

from webapp import signals
from webapp.extensions import db
from webapp.models import Membership, Role, User
from webapp.models.agenda import Meeting


def invited_participants(meeting: Meeting) -> list[User]:
    """Participants of the meeting's group who were in it before it ended: someone who joined
    afterwards was never invited (and does not count as 'no answer')."""
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.group_id == meeting.group_id,
                Membership.joined_at < meeting.ends_at,
                User.role == Role.PARTICIPANT,
                User.active.is_(True),
            )
            .order_by(User.id)
        )
    )


def notify_participants(meeting: Meeting, kind: str) -> list[User]:
    """Tell everyone invited that the meeting moved or was cancelled (the `meeting_changed`
    signal carries the meeting, the kind and the people). Returns who was told."""
    if kind not in ("moved", "cancelled"):
        raise ValueError(kind)
    people = invited_participants(meeting)
    signals.meeting_changed.send(meeting, kind=kind, people=people)
    return people
