"""Every feature she can change offline, as the browser tests drive it: where its form is, how
she changes it (through the page's own form, so through the real offline engine), the values it
takes, and where the server keeps it. Used by the tests of the one conflict rule
(test_later_change_wins.py) and the flap test (test_offline_flaps.py)."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select

from webapp.models import User, utcnow
from webapp.models.agenda import Meeting, Rsvp
from webapp.models.childcare import CalamityPlan, CareApplication
from webapp.models.cv import CvProfile
from webapp.models.plan import PlanStep
from webapp.models.reminders import NotificationSettings, Reminder, ReminderKind
from webapp.services import childcare
from webapp.services import plan as plans


@dataclass
class Feature:
    name: str
    path: str  # the page with the form
    values: tuple  # what she may set it to
    act: object  # act(page, value): change it on the page, as she would
    read: object  # read(live_db): the server's value now


def plan_status(live_db, user: User) -> Feature:
    uuid = plans.add_step(user, "Zwemles voor de kinderen zoeken", "kinderen").step.uuid

    def act(page, value):
        page.click(f"#stap-{uuid} button[name=status][value={value}]")

    def read(db):
        return db.scalar(select(PlanStep.status).where(PlanStep.uuid == uuid))

    return Feature("plan", "/plan/", ("bezig", "gedaan", "niet_nodig", "nog_niet"), act, read)


def rsvp(live_db, user: User, nth: int = 3) -> Feature:
    meeting = live_db.scalars(
        select(Meeting)
        .where(Meeting.starts_at > utcnow() + timedelta(days=2), Meeting.cancelled_at.is_(None))
        .order_by(Meeting.starts_at)
    ).all()[nth]
    meeting_id = meeting.id

    def act(page, value):
        page.click(f"#rsvp form.rsvp-form button[value={value}]")

    def read(db):
        return db.scalar(
            select(Rsvp.answer).where(Rsvp.user_id == user.id, Rsvp.meeting_id == meeting_id)
        )

    return Feature("rsvp", f"/agenda/{meeting_id}", ("coming", "not_coming"), act, read)


def childcare_status(live_db, user: User) -> Feature:
    child = childcare.add_child(user, "Deniz", date.today().year - 2, date.today())
    application_id = childcare.start_application(user, child, "kinderdagverblijf").id

    def act(page, value):
        page.select_option("select[name=status]", value)
        page.click("form[data-offline].card button[type=submit]")

    def read(db):
        return db.scalar(select(CareApplication.status).where(CareApplication.id == application_id))

    values = ("meeting", "waitlist", "offered", "contract", "running")
    return Feature("kinderopvang", f"/opvang/aanvragen/{application_id}", values, act, read)


def noodplan(live_db, user: User) -> Feature:
    def act(page, value):
        page.fill("textarea[name=sick_child]", value)
        page.click("form[data-offline] button[type=submit]")

    def read(db):
        return db.scalar(select(CalamityPlan.sick_child).where(CalamityPlan.user_id == user.id))

    values = tuple(f"Buurvrouw {n}, 06 1234 56{n:02d}" for n in range(1, 7))
    return Feature("noodplan", "/opvang/noodplan", values, act, read)


def cv_profile(live_db, user: User) -> Feature:
    def act(page, value):
        page.fill("textarea[name=profile]", value)
        page.click("form[data-offline] button[type=submit]")

    def read(db):
        return db.scalar(select(CvProfile.profile).where(CvProfile.user_id == user.id))

    values = tuple(f"Ik zorg graag voor mensen. Versie {n}." for n in range(1, 7))
    return Feature("cv", "/cv/profiel", values, act, read)


def week_reminder(live_db, user: User, meeting: Meeting) -> Reminder:
    """Her "over een week" reminder for this meeting, due now (the only one for it)."""
    live_db.execute(
        delete(Reminder).where(Reminder.user_id == user.id, Reminder.target_id == meeting.id)
    )
    reminder = Reminder(
        user_id=user.id, kind=ReminderKind.MEETING_WEEK, target_id=meeting.id,
        moment=meeting.starts_at, due_at=utcnow() - timedelta(minutes=1),
        url=f"/agenda/{meeting.id}",
        params={"title": meeting.title, "starts_at": meeting.starts_at.isoformat(), "place": ""},
    )  # fmt: skip
    live_db.add(reminder)
    live_db.commit()
    return reminder


def inbox_answer(live_db, user: User) -> Feature:
    meeting = live_db.scalars(
        select(Meeting).where(Meeting.starts_at > utcnow()).order_by(Meeting.starts_at)
    ).first()
    reminder_id = week_reminder(live_db, user, meeting).id

    def act(page, value):
        page.click(f"form.answers button[value={value}]")

    def read(db):
        return db.scalar(select(Reminder.answer).where(Reminder.id == reminder_id))

    # (The other two answers also change her RSVP: another feature's field.)
    return Feature("inbox", f"/inbox/{reminder_id}", ("yes", "not_yet"), act, read)


def settings(live_db, user: User) -> Feature:
    def act(page, value):
        page.select_option("select[name=quiet_start]", str(value))
        page.click("form[action$='/inbox/instellingen'] button[type=submit]")

    def read(db):
        return db.scalar(
            select(NotificationSettings.quiet_start).where(NotificationSettings.user_id == user.id)
        )

    values = tuple(h * 60 for h in (19, 20, 21, 22, 23))
    return Feature("meldingen", "/inbox/instellingen", values, act, read)


EVERY_FEATURE = (plan_status, rsvp, childcare_status, noodplan, cv_profile, inbox_answer, settings)
