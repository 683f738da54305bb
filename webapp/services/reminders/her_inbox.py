"""Her inbox: every reminder and message that has become due, whether pushed or not."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select, update

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.reminders import Reminder, ReminderKind
from webapp.services import ServiceError
from webapp.services.reminders.records import build_path

ANSWERS = ("yes", "childcare_on_site", "cannot_come")


def inbox(user: User, now: datetime | None = None) -> list[Reminder]:
    now = now or utcnow()
    return list(
        db.session.scalars(
            select(Reminder)
            .where(Reminder.user_id == user.id, Reminder.due_at <= now)
            .order_by(Reminder.due_at.desc(), Reminder.id.desc())
            .limit(200)
        )
    )


# Built once (see DEVELOPERS.md, "Hot queries"): every page of hers shows this count.
_UNREAD = (
    select(func.count())
    .select_from(Reminder)
    .where(
        Reminder.user_id == bindparam("user_id"),
        Reminder.due_at <= bindparam("now"),
        Reminder.read_at.is_(None),
    )
)


def unread_count(user: User, now: datetime | None = None) -> int:
    return db.session.scalar(_UNREAD, {"user_id": user.id, "now": now or utcnow()})


def get_reminder(user: User, reminder_id: int, now: datetime | None = None) -> Reminder | None:
    """Only her own; someone else's id is as good as none."""
    return db.session.scalar(
        select(Reminder).where(
            Reminder.id == reminder_id,
            Reminder.user_id == user.id,
            Reminder.due_at <= (now or utcnow()),
        )
    )


def mark_read(reminder: Reminder) -> None:
    if reminder.read_at is None:
        reminder.read_at = utcnow()
        db.session.commit()


def mark_all_read(user: User) -> None:
    db.session.execute(
        update(Reminder)
        .where(Reminder.user_id == user.id, Reminder.read_at.is_(None), Reminder.due_at <= utcnow())
        .values(read_at=utcnow())
    )
    db.session.commit()


def target_url(reminder: Reminder) -> str:
    if reminder.kind == ReminderKind.MESSAGE or not reminder.url:
        return build_path("reminders.item", "/inbox", reminder_id=reminder.id)
    return reminder.url


def answer_childcare(user: User, reminder: Reminder, answer: str) -> None:
    """Her answer to "heb je opvang geregeld?", given right from the reminder."""
    if reminder.kind != ReminderKind.MEETING_WEEK or answer not in ANSWERS:
        raise ServiceError(_l("Kies een van de antwoorden."), "answer")
    try:
        from webapp.services import agenda
    except ImportError:  # pragma: no cover - no agenda here
        agenda = None
    if agenda is not None and answer != "yes":
        if answer == "cannot_come":
            agenda.answer_meeting(user, reminder.target_id, "not_coming", reason="no_childcare")
        else:
            existing = _existing_childcare(agenda, user, reminder.target_id)
            agenda.answer_meeting(user, reminder.target_id, "coming", childcare=existing)
    reminder.answer = answer
    reminder.read_at = reminder.read_at or utcnow()
    db.session.commit()


def _existing_childcare(agenda, user: User, meeting_id: int):
    """Opvang op locatie: keep the children she already gave, else one child, age unknown."""
    meeting = agenda.get_meeting_for_participant(user, meeting_id)
    rsvp = agenda.rsvp_of(user, meeting) if meeting is not None else None
    if rsvp is not None and rsvp.childcare_needed:
        return agenda.Childcare(needed=True, count=rsvp.children_count, ages=rsvp.ages)
    return agenda.Childcare(needed=True, count=1, ages=[])
