"""Messages a projectmedewerker writes to a group or to a meeting's participants, and how many
of them got and opened it."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Group, Role, User, utcnow
from webapp.models.reminders import PushState, Reminder, ReminderKind, StaffMessage
from webapp.services import ServiceError
from webapp.services.reminders.records import create_reminders, reminder_row
from webapp.services.reminders.schedule import participants_of_group
from webapp.services.versions import clean_versions

MAX_MESSAGE = 600
AUDIENCES = ("group", "meeting", "no_answer")


def recipients(audience: str, group: Group | None = None, meeting=None) -> list[User]:
    if audience == "group" and group is not None:
        return participants_of_group(group.id)
    if meeting is None:
        raise ServiceError(_l("Kies een bijeenkomst."), "meeting")
    people = participants_of_group(meeting.group_id)
    if audience == "meeting":
        return people
    if audience == "no_answer":
        from webapp.models.agenda import Rsvp

        answered = set(
            db.session.scalars(select(Rsvp.user_id).where(Rsvp.meeting_id == meeting.id))
        )
        return [p for p in people if p.id not in answered]
    raise ServiceError(_l("Kies aan wie je het bericht stuurt."), "audience")


def send_staff_message(
    author: User,
    audience: str,
    body: str,
    translations: dict[str, str] | None = None,
    group: Group | None = None,
    meeting=None,
    now: datetime | None = None,
) -> StaffMessage:
    """Write a message to a group or a meeting's participants. It is pushed by the next
    `send-due` run (or at once through RQ when REDIS_URL is set)."""
    now = now or utcnow()
    body = (body or "").strip()
    if not body:
        raise ServiceError(_l("Schrijf eerst je bericht."), "body")
    if len(body) > MAX_MESSAGE:
        raise ServiceError(_l("Je bericht is te lang. Houd het kort."), "body")
    if audience not in AUDIENCES:
        raise ServiceError(_l("Kies aan wie je het bericht stuurt."), "audience")
    clean = clean_versions("body", translations, MAX_MESSAGE)
    people = recipients(audience, group=group, meeting=meeting)
    if not people:
        raise ServiceError(_l("Er is niemand die dit bericht krijgt."), "audience")
    message = StaffMessage(
        author_id=author.id,
        organisation_id=author.organisation_id,
        audience=audience,
        group_id=group.id if group is not None else getattr(meeting, "group_id", None),
        meeting_id=getattr(meeting, "id", None),
        body=body,
        translations={"body": clean} if clean else {},
        created_at=now,
    )
    db.session.add(message)
    db.session.flush()
    create_reminders(
        [
            reminder_row(
                person.id,
                ReminderKind.MESSAGE,
                message.id,
                now,
                now,
                "",  # the message itself, in her inbox (set below: needs the reminder id)
                {"author": author.display_name},
            )
            for person in people
        ]
    )
    db.session.commit()
    return message


def messages_for_staff(staff: User, limit: int = 20) -> list[StaffMessage]:
    """The messages of her organisation. A beheerder reads none: they are written to
    participants."""
    if staff.role != Role.STAFF:
        return []
    return list(
        db.session.scalars(
            select(StaffMessage)
            .where(StaffMessage.organisation_id == staff.organisation_id)
            .order_by(StaffMessage.created_at.desc())
            .limit(limit)
        )
    )


def message_counts(message: StaffMessage) -> dict[str, int]:
    """How many got it by push, how many only in the inbox, how many opened it."""
    rows = db.session.execute(
        select(Reminder.push_state, Reminder.read_at.is_not(None), func.count())
        .where(Reminder.kind == ReminderKind.MESSAGE, Reminder.target_id == message.id)
        .group_by(Reminder.push_state, Reminder.read_at.is_not(None))
    ).all()
    counts = {"total": 0, "push": 0, "inbox": 0, "waiting": 0, "opened": 0}
    for state, opened, n in rows:
        counts["total"] += n
        if state == PushState.PUSHED:
            counts["push"] += n
        elif state == PushState.INBOX:
            counts["inbox"] += n
        else:
            counts["waiting"] += n
        if opened:
            counts["opened"] += n
    return counts


def message_of(reminder: Reminder) -> StaffMessage | None:
    """The staff message a reminder brings, for her inbox; None for other reminders."""
    if reminder.kind != ReminderKind.MESSAGE:
        return None
    return db.session.get(StaffMessage, reminder.target_id)
