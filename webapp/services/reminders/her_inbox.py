"""Her inbox: every reminder and message that has become due, whether pushed or not."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select, update

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.reminders import Reminder, ReminderKind, StaffMessage
from webapp.services import ServiceError, agenda
from webapp.services.conflicts import Outcome, apply_changes, change_time
from webapp.services.paging import Page, fetch_page, paged
from webapp.services.reminders.records import build_path

# Her answers to "heb je opvang geregeld?": only the last two change her answer to the meeting.
ANSWERS = ("yes", "not_yet", "childcare_on_site", "cannot_come")

# One page of her inbox, newest first, each reminder with the staff message it brings (if it
# is one): one query whatever the page holds.
_INBOX_PAGE = paged(
    select(Reminder, StaffMessage)
    .outerjoin(
        StaffMessage,
        (Reminder.kind == ReminderKind.MESSAGE) & (StaffMessage.id == Reminder.target_id),
    )
    .where(Reminder.user_id == bindparam("user_id"), Reminder.due_at <= bindparam("now"))
    .order_by(Reminder.due_at.desc(), Reminder.id.desc())
)


def inbox_page(user: User, number: int = 1, now: datetime | None = None) -> Page:
    """Page `number` of her inbox: items are (reminder, staff message or None)."""
    return fetch_page(_INBOX_PAGE, {"user_id": user.id, "now": now or utcnow()}, number, rows=True)


def inbox(user: User, now: datetime | None = None) -> list[Reminder]:
    """The newest page of her inbox, the reminders only."""
    return [reminder for reminder, _message in inbox_page(user, 1, now).items]


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


def mark_all_read(user: User, until: datetime | None = None) -> None:
    """ "Alles gelezen": what had come in when she tapped it (`until`, the phone time; from her
    outbox that may be hours ago), never what came in after."""
    db.session.execute(
        update(Reminder)
        .where(
            Reminder.user_id == user.id,
            Reminder.read_at.is_(None),
            Reminder.due_at <= change_time(until),
        )
        .values(read_at=utcnow())
    )
    db.session.commit()


def target_url(reminder: Reminder) -> str:
    if reminder.kind == ReminderKind.MESSAGE or not reminder.url:
        return build_path("reminders.item", "/inbox", reminder_id=reminder.id)
    return reminder.url


def answer_childcare(
    user: User, reminder: Reminder, answer: str, at: datetime | None = None
) -> Outcome:
    """Her answer to "heb je opvang geregeld?", given right from the reminder (`at`: when she
    gave it on her phone; of two answers, the one she gave last stays)."""
    if reminder.kind != ReminderKind.MEETING_WEEK or answer not in ANSWERS:
        raise ServiceError(_l("Kies een van de antwoorden."), "answer")
    outcome = apply_changes(reminder, {"answer": answer}, at)
    if outcome.applied and answer in ("childcare_on_site", "cannot_come"):
        if answer == "cannot_come":
            agenda.answer_meeting(
                user, reminder.target_id, "not_coming", reason="no_childcare", at=at
            )
        else:
            existing = _existing_childcare(user, reminder.target_id)
            agenda.answer_meeting(user, reminder.target_id, "coming", childcare=existing, at=at)
    reminder.read_at = reminder.read_at or utcnow()
    db.session.commit()
    return outcome


def _existing_childcare(user: User, meeting_id: int):
    """Opvang op locatie: keep the children she already gave, else one child, age unknown."""
    meeting = agenda.get_meeting_for_participant(user, meeting_id)
    rsvp = agenda.rsvp_of(user, meeting) if meeting is not None else None
    if rsvp is not None and rsvp.childcare_needed:
        return agenda.Childcare(needed=True, count=rsvp.children_count, ages=rsvp.ages)
    return agenda.Childcare(needed=True, count=1, ages=[])
