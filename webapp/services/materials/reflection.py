"""Her reflection after a meeting she came to: four short answers, private, also written
offline (the one conflict rule: per field, the change she made later wins). Her "next step"
can become a step in her plan."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User
from webapp.models.agenda import Answer, Meeting, Rsvp
from webapp.models.attendance import Attendance
from webapp.models.materials import MeetingReflection
from webapp.models.plan import PlanStep
from webapp.services import ServiceError
from webapp.services import plan as plans
from webapp.services.conflicts import Outcome, apply_changes, stamp_new

FIELDS = {"went_well": 500, "was_hard": 500, "next_step": 200, "proud_of": 500}


def she_came(user: User, meeting: Meeting, now: datetime) -> bool:
    """After the meeting, and she came: ticked as there, or (nobody ticked her) she said she
    would come."""
    if meeting.cancelled or meeting.ends_at > now:
        return False
    ticked = db.session.scalar(
        select(Attendance.present).where(
            Attendance.meeting_id == meeting.id, Attendance.user_id == user.id
        )
    )
    if ticked is not None:
        return bool(ticked)
    answer = db.session.scalar(
        select(Rsvp.answer).where(Rsvp.meeting_id == meeting.id, Rsvp.user_id == user.id)
    )
    return came(ticked, answer)


def came(ticked: bool | None, answer: str | None) -> bool:
    """Of a meeting that took place: ticked as there, or (nobody ticked her) she said she
    would come."""
    if ticked is not None:
        return bool(ticked)
    return answer in (Answer.COMING, Answer.LATE)


def reflection_of(user: User, meeting: Meeting) -> MeetingReflection | None:
    return db.session.scalar(
        select(MeetingReflection).where(
            MeetingReflection.user_id == user.id, MeetingReflection.meeting_id == meeting.id
        )
    )


def _clean(values: dict) -> dict:
    clean = {}
    for name, limit in FIELDS.items():
        if name not in values:
            continue
        text = " ".join(str(values[name] or "").split())
        if len(text) > limit:
            raise ServiceError(_l("Dit is te lang. Maximaal %(n)s tekens.", n=limit), name)
        clean[name] = text
    return clean


def save_reflection(
    user: User, meeting: Meeting, values: dict, *, now: datetime, at: datetime | None = None
) -> Outcome:
    """Her answers (all four, as the form sends them: absolute). An older version arriving
    after a newer one does not undo it."""
    if not she_came(user, meeting, now):
        raise ServiceError(_l("Een terugblik schrijf je na een bijeenkomst waar je was."))
    clean = _clean(values)
    reflection = reflection_of(user, meeting)
    if reflection is None:
        reflection = MeetingReflection(user_id=user.id, meeting_id=meeting.id, **clean)
        stamp_new(reflection, clean, at)
        db.session.add(reflection)
        outcome = Outcome(applied=list(clean))
    else:
        outcome = apply_changes(reflection, clean, at)
    db.session.commit()
    return outcome


def reflection_step(user: User, reflection: MeetingReflection | None) -> PlanStep | None:
    if reflection is None or reflection.step_id is None:
        return None
    return db.session.scalar(
        select(PlanStep).where(PlanStep.id == reflection.step_id, PlanStep.owner_id == user.id)
    )


def next_step_to_plan(
    user: User, meeting: Meeting, *, step_uuid: str | None = None, at: datetime | None = None
) -> PlanStep:
    """Her "next step" as a step in her plan (once; again after she removed it)."""
    reflection = reflection_of(user, meeting)
    if reflection is None or not reflection.next_step:
        raise ServiceError(_l("Schrijf eerst je volgende stap op."), "next_step")
    existing = reflection_step(user, reflection)
    if existing is not None:
        return existing
    step = plans.add_step(
        user, reflection.next_step, meeting.homework_area, step_uuid=step_uuid, at=at
    ).step
    reflection.step_id = step.id
    db.session.commit()
    return step
