"""After a meeting: the recap ("wat we deden") and the homework, each in Dutch with versions,
written by the trainster or the medewerker; her side: the homework taken into her plan in one
tap (also offline: the step keeps the UUID her phone made), and her last meeting for her home."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, exists, or_, select

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.agenda import Meeting, Rsvp
from webapp.models.attendance import Attendance
from webapp.models.materials import HomeworkStep, MeetingReflection
from webapp.models.plan import PlanStep
from webapp.services import ServiceError
from webapp.services import plan as plans
from webapp.services.agenda.participant import her_group_ids
from webapp.services.materials.publishing import announce, check_may_publish
from webapp.services.materials.reflection import came
from webapp.services.versions import clean_versions, set_versions

LIMITS = {"report": 4000, "homework": 200}


@dataclass
class Recap:
    report: str = ""
    homework: str = ""
    homework_area: str = "netwerk"
    translations: dict = field(default_factory=dict)  # {"report": {"ar": …}, "homework": …}


def set_recap(user: User, meeting: Meeting, recap: Recap, tell_group: bool = True) -> Meeting:
    """Write (or change) the recap and homework; the group hears of it once that day."""
    check_may_publish(user, meeting.group)
    report = (recap.report or "").strip()
    homework = " ".join((recap.homework or "").split())
    if len(report) > LIMITS["report"]:
        raise ServiceError(_l("Dit is te lang. Maximaal %(n)s tekens.", n=4000), "report")
    if len(homework) > LIMITS["homework"]:
        raise ServiceError(_l("Dit is te lang. Maximaal %(n)s tekens.", n=200), "homework")
    if recap.homework_area not in plans.AREAS:
        raise ServiceError(_l("Kies een onderwerp."), "homework_area")
    versions = {
        name: clean_versions(name, (recap.translations or {}).get(name), limit)
        for name, limit in LIMITS.items()
    }
    versions["homework"] = {k: " ".join(v.split()) for k, v in versions["homework"].items()}
    changed = (report, homework) != (meeting.report, meeting.homework) or any(
        versions[n] != (meeting.translations or {}).get(n, {}) for n in LIMITS
    )
    meeting.report, meeting.homework, meeting.homework_area = report, homework, recap.homework_area
    for name in LIMITS:
        set_versions(meeting, name, versions[name])
    db.session.commit()
    if tell_group and changed and (report or homework):
        announce(meeting.group, meeting)
    return meeting


def homework_step(user: User, meeting: Meeting) -> PlanStep | None:
    """The step her homework became, while it is in her plan."""
    return db.session.scalar(
        select(PlanStep)
        .join(HomeworkStep, HomeworkStep.step_id == PlanStep.id)
        .where(HomeworkStep.user_id == user.id, HomeworkStep.meeting_id == meeting.id)
    )


def take_homework(
    user: User, meeting: Meeting, *, step_uuid: str | None = None, at: datetime | None = None
) -> PlanStep:
    """Her homework as a step in her plan, in her language. Taking it again (a second tap, the
    outbox sending twice) gives the same step."""
    if not meeting.homework:
        raise ServiceError(_l("Deze bijeenkomst heeft geen huiswerk."), "homework")
    existing = homework_step(user, meeting)
    if existing is not None:
        return existing
    step = plans.add_step(
        user,
        meeting.text_in("homework", user.language),
        meeting.homework_area,
        step_uuid=step_uuid,
        at=at,
    ).step
    link = db.session.scalar(
        select(HomeworkStep).where(
            HomeworkStep.user_id == user.id, HomeworkStep.meeting_id == meeting.id
        )
    )
    if link is None:
        db.session.add(HomeworkStep(user_id=user.id, meeting_id=meeting.id, step_id=step.id))
    else:  # the step it became was removed from her plan: this one takes its place
        link.step_id = step.id
    db.session.commit()
    return step


# Built once (see DEVELOPERS.md, "Hot queries"): her home shows it on every visit.
_HER_LAST_MEETING = (
    Meeting.group_id.in_(her_group_ids(bindparam("user_id"))),
    Meeting.ends_at <= bindparam("now"),
    Meeting.ends_at > bindparam("since"),
    Meeting.cancelled_at.is_(None),
    or_(Meeting.homework != "", Meeting.report != ""),
)
_LAST_MEETING = (
    select(Meeting).where(*_HER_LAST_MEETING).order_by(Meeting.starts_at.desc()).limit(1)
)
RECENT_DAYS = 28  # her home shows the last meeting's homework for four weeks


def last_meeting(user: User, now: datetime | None = None) -> Meeting | None:
    """Her most recent meeting with a recap or homework, of the last four weeks."""
    return db.session.scalar(_LAST_MEETING, _last_meeting_values(user, now))


def _last_meeting_values(user: User, now: datetime | None) -> dict:
    now = now or utcnow()
    return {"user_id": user.id, "now": now, "since": now - timedelta(days=RECENT_DAYS)}


@dataclass(frozen=True)
class LastMeetingCard:
    """Her home's card of her last meeting: the meeting, the step its homework became (while
    it is in her plan), and whether to ask for her reflection (she came, and wrote none)."""

    meeting: Meeting
    homework_step: PlanStep | None
    reflection_invited: bool


# Her home's card in one query: the meeting, her homework step, whether she was ticked as
# there, her answer, and whether she wrote a reflection.
_HERS = bindparam("user_id")
_LAST_MEETING_CARD = (
    select(
        Meeting,
        PlanStep,
        select(Attendance.present)
        .where(Attendance.meeting_id == Meeting.id, Attendance.user_id == _HERS)
        .scalar_subquery(),
        select(Rsvp.answer)
        .where(Rsvp.meeting_id == Meeting.id, Rsvp.user_id == _HERS)
        .scalar_subquery(),
        exists().where(
            MeetingReflection.meeting_id == Meeting.id, MeetingReflection.user_id == _HERS
        ),
    )
    .outerjoin(
        HomeworkStep, and_(HomeworkStep.meeting_id == Meeting.id, HomeworkStep.user_id == _HERS)
    )
    .outerjoin(PlanStep, PlanStep.id == HomeworkStep.step_id)
    .where(*_HER_LAST_MEETING)
    .order_by(Meeting.starts_at.desc())
    .limit(1)
)


def last_meeting_card(user: User, now: datetime | None = None) -> LastMeetingCard | None:
    """Her last meeting (as `last_meeting`) with what her home shows of it."""
    row = db.session.execute(_LAST_MEETING_CARD, _last_meeting_values(user, now)).first()
    if row is None:
        return None
    meeting, step, ticked, answer, reflected = row
    return LastMeetingCard(
        meeting=meeting,
        homework_step=step if meeting.homework else None,
        reflection_invited=came(ticked, answer) and not reflected,
    )
