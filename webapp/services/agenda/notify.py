"""Telling participants that a meeting moved or was cancelled.

The agenda does not know the inbox: the inbox/reminders feature registers a listener here,
so neither feature edits the other's code.
"""

from collections.abc import Callable

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Membership, Role, User
from webapp.models.agenda import Meeting

# function(meeting, kind, participants) called after a meeting is moved or cancelled. The
# inbox/reminders feature registers here (kind is "moved" or "cancelled"). Listeners find it
# as webapp.services.agenda.MEETING_CHANGE_LISTENERS.
MEETING_CHANGE_LISTENERS: list[Callable[[Meeting, str, list[User]], None]] = []


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
    """Tell everyone invited that the meeting moved or was cancelled: each registered listener
    (the inbox) gets the meeting, the kind and the people. Returns who was told."""
    # The list is read through the package at call time: that is the name listeners (and
    # tests) use, and they may replace it.
    from webapp.services import agenda

    if kind not in ("moved", "cancelled"):
        raise ValueError(kind)
    people = invited_participants(meeting)
    for listener in agenda.MEETING_CHANGE_LISTENERS:
        listener(meeting, kind, people)
    return people
