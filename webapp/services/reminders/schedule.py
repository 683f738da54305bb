"""What becomes due: reminders before a meeting, a dated step or her own kinderopvang action,
and news of a moved or cancelled meeting. Each is made once, whoever runs this and however
often. Quiet hours are kept when sending (`dispatching`), not here."""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, Membership, Role, User, utcnow
from webapp.models.agenda import Answer, Meeting, Rsvp
from webapp.models.childcare import CareApplication
from webapp.models.plan import PlanStep, StepStatus
from webapp.models.reminders import ReminderKind
from webapp.services.reminders.clock import local_to_utc, utc_to_local
from webapp.services.reminders.records import build_path, create_reminders, reminder_row

DAY_BEFORE_AT = time(17, 0)  # local time of the "tomorrow" reminder
MORNING_AT = time(8, 0)  # local time of the "today" reminder
WEEK_REMINDER_GRACE = timedelta(days=1)


def create_due(now: datetime | None = None) -> None:
    """Make every reminder that has become due (those that exist already stay as they are)."""
    now = now or utcnow()
    create_reminders(_meeting_rows(now) + _step_rows(now) + _childcare_rows(now))
    db.session.commit()


def meeting_changed(meeting, *, kind: str, people: list[User]) -> None:
    """Receiver of the agenda's `meeting_changed` signal: tell each of them in her inbox."""
    now = utcnow()
    url = _meeting_url(meeting)
    params = meeting_params(meeting) | {"change": kind}
    # The moment is the (new) start, and for a cancellation the time of cancelling: each change
    # is its own message, and the same change told twice is still one.
    moment = meeting.cancelled_at or meeting.starts_at if kind == "cancelled" else meeting.starts_at
    create_reminders(
        [
            reminder_row(p.id, ReminderKind.MEETING_CHANGED, meeting.id, moment, now, url, params)
            for p in people
        ]
    )
    db.session.commit()


def participants_of_group(group_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.group_id == group_id,
                User.role == Role.PARTICIPANT,
                User.active.is_(True),
            )
            .order_by(User.id)
        )
    )


def _meeting_url(meeting) -> str:
    return build_path("agenda.meeting", "/", meeting_id=meeting.id)


def meeting_params(meeting) -> dict:
    return {
        "title": meeting.title,
        # The title in other languages, so each reminder can speak hers (`HasVersions`).
        "titles": dict((meeting.translations or {}).get("title") or {}),
        "starts_at": meeting.starts_at.isoformat(),
        "place": meeting.place_name,
    }


def _meeting_rows(now: datetime) -> list[dict]:
    meetings = db.session.scalars(
        select(Meeting)
        .join(Group, Group.id == Meeting.group_id)
        .where(
            Meeting.cancelled_at.is_(None),
            Group.archived_at.is_(None),  # an archived group's meetings remind no one
            Meeting.starts_at > now,
            Meeting.starts_at <= now + timedelta(days=7, hours=1),
        )
    ).all()
    rows = []
    for meeting in meetings:
        due = _meeting_moments_due(meeting, now)
        if not due:
            continue
        declined = set(
            db.session.scalars(
                select(Rsvp.user_id).where(
                    Rsvp.meeting_id == meeting.id, Rsvp.answer == Answer.NOT_COMING
                )
            )
        )
        url = _meeting_url(meeting)
        params = meeting_params(meeting) | {"childcare_on_site": bool(meeting.childcare_on_site)}
        for user in participants_of_group(meeting.group_id):
            if user.id in declined:
                continue
            for kind, due_at in due:
                rows.append(
                    reminder_row(user.id, kind, meeting.id, meeting.starts_at, due_at, url, params)
                )
    return rows


def _meeting_moments_due(meeting, now: datetime) -> list[tuple[ReminderKind, datetime]]:
    """(kind, due at) of this meeting's reminders that are due and still make sense."""
    start_local = utc_to_local(meeting.starts_at)
    morning = min(local_to_utc(start_local.date(), MORNING_AT), meeting.starts_at)
    moments = [
        (ReminderKind.MEETING_WEEK, meeting.starts_at - timedelta(days=7)),
        (
            ReminderKind.MEETING_DAY_BEFORE,
            local_to_utc(start_local.date() - timedelta(days=1), DAY_BEFORE_AT),
        ),
        (
            ReminderKind.MEETING_MORNING,
            morning - timedelta(minutes=1) if morning == meeting.starts_at else morning,
        ),
    ]
    # Each reminder only while it still makes sense. The week reminder says "over een week": for a
    # meeting planned (or a sender run) more than a day later than that, it would not be true.
    due = []
    for kind, due_at in moments:
        if due_at > now:
            continue
        if kind == ReminderKind.MEETING_WEEK and now - due_at > WEEK_REMINDER_GRACE:
            continue
        if (
            kind == ReminderKind.MEETING_DAY_BEFORE
            and start_local.date() <= utc_to_local(now).date()
        ):
            continue
        due.append((kind, due_at))
    return due


def _step_rows(now: datetime) -> list[dict]:
    today = utc_to_local(now).date()
    steps = db.session.scalars(
        select(PlanStep).where(
            PlanStep.moment.is_not(None),
            PlanStep.moment >= today,
            PlanStep.moment <= today + timedelta(days=1),
            PlanStep.status.not_in([StepStatus.DONE, StepStatus.DROPPED]),
        )
    ).all()
    rows = []
    for step in steps:
        moment = local_to_utc(step.moment, time(0, 0))
        url = build_path("plan.index", "/")
        params = {"title": step.action, "date": step.moment.isoformat()}
        for kind, due_at in (
            (
                ReminderKind.STEP_DAY_BEFORE,
                local_to_utc(step.moment - timedelta(days=1), DAY_BEFORE_AT),
            ),
            (ReminderKind.STEP_MORNING, local_to_utc(step.moment, MORNING_AT)),
        ):
            if due_at > now:
                continue
            if kind == ReminderKind.STEP_DAY_BEFORE and step.moment <= today:
                continue
            rows.append(reminder_row(step.owner_id, kind, step.id, moment, due_at, url, params))
    return rows


def _childcare_rows(now: datetime) -> list[dict]:
    """The day before the date she set for her next kinderopvang action, at a decent hour."""
    today = utc_to_local(now).date()
    applications = db.session.scalars(
        select(CareApplication).where(
            CareApplication.next_action_on == today + timedelta(days=1),
            CareApplication.next_action != "",
        )
    ).all()
    rows = []
    for application in applications:
        due_at = local_to_utc(today, DAY_BEFORE_AT)
        if due_at > now:
            continue
        url = build_path("childcare.application", "/opvang/", application_id=application.id)
        params = {"title": application.next_action, "date": application.next_action_on.isoformat()}
        moment = local_to_utc(application.next_action_on, time(0, 0))
        rows.append(
            reminder_row(
                application.user_id,
                ReminderKind.CHILDCARE_ACTION,
                application.id,
                moment,
                due_at,
                url,
                params,
            )  # fmt: skip
        )
    return rows
