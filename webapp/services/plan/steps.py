"""Her steps: reading them, and the changes she makes, also offline (the one conflict rule:
`webapp/services/conflicts.py`)."""

import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, bindparam, case, func, or_, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.plan import PlanStep, Reflection, StepStatus
from webapp.services import ServiceError
from webapp.services.conflicts import (
    Outcome,
    apply_changes,
    change_time,
    later_change_won,
    removal_lost,
    stamp_new,
)
from webapp.services.paging import Page, fetch_page, paged
from webapp.services.plan.choices import STATUSES, check_area, clean_text, rung_for
from webapp.services.plan.goal import get_plan
from webapp.services.plan.templates import template_item

OPEN_STATUSES = (StepStatus.BUSY, StepStatus.TODO)
CLOSED_STATUSES = (StepStatus.DONE, StepStatus.DROPPED)
# Her plan page shows her open steps and the steps she closed last (done, or no longer needed);
# the others are on her timeline, in pages. So the page stays the same size as her plan grows.
RECENT_CLOSED = 5


@dataclass
class StepOutcome(Outcome):
    """What a change to a step did, and the step."""

    step: PlanStep | None = None


def _her_steps(user: User) -> Select:
    return (
        select(PlanStep)
        .where(PlanStep.owner_id == user.id)
        .order_by(PlanStep.position, PlanStep.id)
    )


def steps_of(user: User) -> list[PlanStep]:
    return list(db.session.scalars(_her_steps(user)))


# The steps she closed, latest first (`done_at`: when she closed it).
_LATEST_CLOSED = (
    select(PlanStep.id)
    .where(PlanStep.owner_id == bindparam("user_id"), PlanStep.status.in_(CLOSED_STATUSES))
    .order_by(PlanStep.done_at.desc().nulls_last(), PlanStep.id.desc())
)
_RECENT_CLOSED_IDS = _LATEST_CLOSED.limit(RECENT_CLOSED + 1)
_PLAN_PAGE_STEPS = (
    select(PlanStep)
    .where(
        PlanStep.owner_id == bindparam("user_id"),
        or_(
            PlanStep.status.in_(OPEN_STATUSES),
            PlanStep.id.in_(bindparam("closed_ids", expanding=True)),
        ),
    )
    .order_by(PlanStep.position, PlanStep.id)
    .options(selectinload(PlanStep.reflection))
)


def plan_page_steps(user: User) -> tuple[list[PlanStep], bool]:
    """Her open steps and the RECENT_CLOSED she closed last, in her order, with their
    reflections; and whether she closed more (they are on her timeline). Three queries, however
    long her history."""
    closed = list(db.session.scalars(_RECENT_CLOSED_IDS, {"user_id": user.id}))
    steps = db.session.scalars(
        _PLAN_PAGE_STEPS, {"user_id": user.id, "closed_ids": closed[:RECENT_CLOSED]}
    )
    return list(steps), len(closed) > RECENT_CLOSED


_TIMELINE = paged(
    select(PlanStep)
    .where(PlanStep.owner_id == bindparam("user_id"), PlanStep.status.in_(CLOSED_STATUSES))
    .order_by(PlanStep.done_at.desc().nulls_last(), PlanStep.id.desc())
    .options(selectinload(PlanStep.reflection))
)


def timeline(user: User, number: int = 1) -> Page:
    """Page `number` of what she closed (done, or no longer needed), latest first."""
    return fetch_page(_TIMELINE, {"user_id": user.id}, number)


def get_step(user: User, step_uuid: str) -> PlanStep | None:
    """Her step by its UUID, or None: another participant's step is not found."""
    return db.session.scalar(
        select(PlanStep).where(PlanStep.uuid == str(step_uuid), PlanStep.owner_id == user.id)
    )


# Built once (see DEVELOPERS.md, "Hot queries"): her home shows it on every visit. The step
# she is busy with comes first, then the first one still to do, in her order.
_NEXT_STEP = (
    select(PlanStep)
    .where(PlanStep.owner_id == bindparam("user_id"), PlanStep.status.in_(OPEN_STATUSES))
    .order_by(
        case((PlanStep.status == StepStatus.BUSY, 0), else_=1), PlanStep.position, PlanStep.id
    )
    .limit(1)
)


def next_step(user: User) -> PlanStep | None:
    return db.session.scalar(_NEXT_STEP, {"user_id": user.id})


def _check_owner(user: User, step: PlanStep) -> None:
    if step.owner_id != user.id:
        raise LookupError("not her step")


def _check_step_values(values: dict) -> dict:
    clean = {}
    for name, value in values.items():
        if name == "action":
            clean[name] = clean_text(value, "action", required=True)
        elif name in ("helper", "if_hard"):
            clean[name] = clean_text(value, name)
        elif name == "area":
            clean[name] = check_area(value)
        elif name == "status":
            if value not in STATUSES:
                raise ServiceError(_l("Kies wat bij deze stap past."), field="status")
            clean[name] = StepStatus(value)
        elif name == "moment":
            if value is not None and not isinstance(value, date):
                raise ServiceError(_l("Dit is geen datum."), field="moment")
            clean[name] = value
        else:
            raise ValueError(name)
    return clean


def _valid_uuid(value) -> str | None:
    try:
        return str(uuidlib.UUID(str(value))) if value else None
    except ValueError:
        return None


def add_step(
    user: User,
    action: str,
    area: str,
    *,
    step_uuid: str | None = None,
    moment: date | None = None,
    helper: str = "",
    if_hard: str = "",
    rung: int | None = None,
    at: datetime | None = None,
) -> StepOutcome:
    """A new step at the end of its list. A step made offline keeps its UUID; adding the same
    UUID again changes nothing (it is the same step)."""
    values = _check_step_values(
        {"action": action, "area": area, "moment": moment, "helper": helper, "if_hard": if_hard}
    )
    step_uuid = _valid_uuid(step_uuid) or str(uuidlib.uuid4())
    existing = db.session.scalar(select(PlanStep).where(PlanStep.uuid == step_uuid))
    if existing is not None:
        if existing.owner_id != user.id:
            raise ServiceError(_l("Deze stap bestaat al."))
        return StepOutcome(step=existing)
    get_plan(user)
    when = change_time(at)
    last = db.session.scalar(
        select(func.max(PlanStep.position)).where(PlanStep.owner_id == user.id)
    )
    step = PlanStep(
        uuid=step_uuid,
        owner_id=user.id,
        rung=rung_for(values["area"], rung),
        position=(last or 0) + 1,
        status=StepStatus.TODO,
        field_times={},
        **values,
    )
    outcome = StepOutcome(step=step, applied=list(values))
    stamp_new(step, (*values, "status", "position"), when)
    db.session.add(step)
    db.session.commit()
    return outcome


def add_step_from_template(
    user: User, item_key: str, *, step_uuid: str | None = None, at: datetime | None = None
) -> StepOutcome:
    """Copy a template item into her plan, in her language now: later changes to the template
    never rewrite her steps."""
    item = template_item(user, item_key)
    if item is None:
        raise ServiceError(_l("Deze stap staat niet (meer) in de lijst."), field="template")
    return add_step(
        user, item["action"], item["area"], step_uuid=step_uuid, rung=item["rung"], at=at
    )


def update_step(
    user: User, step: PlanStep, values: dict, at: datetime | None = None
) -> StepOutcome:
    _check_owner(user, step)
    clean = _check_step_values(values)
    outcome = StepOutcome(step=step)
    apply_changes(step, clean, at, outcome)
    if "status" in outcome.applied:
        step.done_at = utcnow() if step.status in CLOSED_STATUSES else None
    db.session.commit()
    return outcome


def set_status(user: User, step: PlanStep, status: str, at: datetime | None = None) -> StepOutcome:
    return update_step(user, step, {"status": status}, at)


def set_reflection(
    user: User, step: PlanStep, text: str, at: datetime | None = None
) -> StepOutcome:
    """'Waar ben ik trots op': empty text removes the note."""
    _check_owner(user, step)
    text = clean_text(text, "reflection")
    outcome = StepOutcome(step=step)
    when = change_time(at)
    if later_change_won(step, "reflection", when):
        outcome.superseded.append("reflection")
        return outcome
    stamp_new(step, ("reflection",), when)
    if not text:
        step.reflection = None  # delete-orphan removes the row
    elif step.reflection is None:
        step.reflection = Reflection(text=text, written_at=when)
    else:
        step.reflection.text = text
        step.reflection.written_at = when
    outcome.applied.append("reflection")
    db.session.commit()
    return outcome


def move_step(user: User, step: PlanStep, direction: int, at: datetime | None = None) -> None:
    """Swap with the neighbour in the same life area among her open steps, or among her closed
    ones for a closed step (direction -1 up, +1 down): the neighbour she sees on her plan."""
    statuses = OPEN_STATUSES if step.status in OPEN_STATUSES else CLOSED_STATUSES
    same_area = list(
        db.session.scalars(
            _her_steps(user).where(PlanStep.area == step.area, PlanStep.status.in_(statuses))
        )
    )
    index = next(i for i, s in enumerate(same_area) if s.id == step.id)
    other_index = index + (1 if direction > 0 else -1)
    if not 0 <= other_index < len(same_area):
        return
    other = same_area[other_index]
    step.position, other.position = other.position, step.position
    if step.position == other.position:
        other.position += -direction
    for s in (step, other):
        stamp_new(s, ("position",), at)
    db.session.commit()


def delete_step(user: User, step: PlanStep, at: datetime | None = None) -> bool:
    """Remove the step, unless she changed it (on another phone) after she removed it here:
    then it stays, and False says so."""
    _check_owner(user, step)
    if removal_lost(step, at):
        return False
    db.session.delete(step)
    db.session.commit()
    return True
