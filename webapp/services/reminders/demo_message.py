"""The demo's first message: Marieke welcomes Groep Zuid, in each participant's language. The
reminder worker beside `make run` sends it, so a newcomer sees the inbox and push at work."""

from datetime import timedelta

from sqlalchemy import select, update

from webapp.extensions import db
from webapp.models import Group, User, utcnow
from webapp.models.agenda import Answer, Meeting, Rsvp
from webapp.models.reminders import PushState, Reminder, ReminderKind, StaffMessage
from webapp.services.reminders.records import build_path, create_reminders, reminder_row
from webapp.services.reminders.schedule import meeting_params
from webapp.services.reminders.staff_messages import send_staff_message

WELCOME = (
    "Welkom in Groep Zuid! Fijn dat je meedoet. Op de startbijeenkomst maken we kennis. "
    "Heb je een vraag? Stel hem gerust. Groet, Marieke"
)
WELCOME_TRANSLATIONS = {
    "ar": "أهلًا بكِ في Groep Zuid! يسعدنا أنكِ معنا. في اللقاء الأول (startbijeenkomst) "
    "نتعرّف على بعضنا. عندكِ سؤال؟ اسأليني بكل راحة. مع التحية، ماريكه (Marieke)",
    "pl": "Witaj w Groep Zuid! Cieszę się, że jesteś z nami. Na pierwszym spotkaniu "
    "(startbijeenkomst) poznamy się. Masz pytanie? Śmiało pytaj. Pozdrawiam, Marieke",
    "tr": "Groep Zuid'e hoş geldin! Aramızda olduğuna sevindim. İlk buluşmada "
    "(startbijeenkomst) tanışacağız. Bir sorun mu var? Çekinmeden sor. Sevgiler, Marieke",
    "en": "Welcome to Groep Zuid! Glad you are joining us. At the first meeting "
    "(startbijeenkomst) we get to know each other. Any questions? Just ask. Best, Marieke",
}


def load_demo_welcome(group: Group, staff: User) -> None:
    """Once: the welcome message to the whole group."""
    if db.session.scalar(select(StaffMessage.id).where(StaffMessage.group_id == group.id)):
        return
    send_staff_message(staff, "group", WELCOME, WELCOME_TRANSLATIONS, group=group)


# Of the rest of Groep Zuid, who opened the startbijeenkomst's week reminder (by login).
OPENED = {"fatima", "kasia", "ayse", "zeynep", "linda", "joy"}


def load_demo_sent(group: Group, people: dict[str, User]) -> None:
    """Once: the week reminder of the startbijeenkomst reached the rest of Groep Zuid (those
    who had not said they would not come, as the scheduler does), in the inbox (no phones in
    the demo), and some opened it; the overview counts them."""
    meeting = db.session.scalar(
        select(Meeting).where(Meeting.group_id == group.id, Meeting.title == "Startbijeenkomst")
    )
    if meeting is None:
        return
    declined = set(
        db.session.scalars(
            select(Rsvp.user_id).where(
                Rsvp.meeting_id == meeting.id, Rsvp.answer == Answer.NOT_COMING
            )
        )
    )
    due = min(meeting.starts_at - timedelta(days=7), utcnow())
    params = meeting_params(meeting) | {"childcare_on_site": bool(meeting.childcare_on_site)}
    reached = [p for p in people.values() if p.id not in declined]
    create_reminders(
        [
            reminder_row(
                p.id,
                ReminderKind.MEETING_WEEK,
                meeting.id,
                meeting.starts_at,
                due,
                build_path("agenda.meeting", "/", meeting_id=meeting.id),
                params,
            )
            for p in reached
        ]  # fmt: skip
    )
    now = utcnow()
    week = (
        Reminder.kind == ReminderKind.MEETING_WEEK,
        Reminder.target_id == meeting.id,
        Reminder.push_state == PushState.PENDING,
    )
    ids = [p.id for p in reached]
    db.session.execute(
        update(Reminder)
        .where(Reminder.user_id.in_(ids), *week)
        .values(push_state=PushState.INBOX, handled_at=now)
    )
    opened = [p.id for u, p in people.items() if u in OPENED and p.id not in declined]
    db.session.execute(
        update(Reminder)
        .where(
            Reminder.user_id.in_(opened),
            Reminder.kind == ReminderKind.MEETING_WEEK,
            Reminder.target_id == meeting.id,
            Reminder.read_at.is_(None),
        )
        .values(read_at=now)
    )
    db.session.commit()
