"""The plans of a group, counted: the participatieladder, the steps done per life area this
month, and how many have a step 'bezig'. Every query aggregates in the database, so the number
of queries stays the same however large the group is."""

from sqlalchemy import and_, case, func, select

from webapp.extensions import db
from webapp.models import Membership, Role, User
from webapp.models.plan import Plan, PlanStep, StepStatus
from webapp.services.group_overview.figures import Figure, Periods
from webapp.services.plan.choices import AREAS


def members(group_id: int):
    """The group's participants whose account is active, as a subquery of user ids. Everyone
    counts, whether she shares her plan or not: these are anonymous totals."""
    return (
        select(Membership.user_id)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.group_id == group_id,
            User.role == Role.PARTICIPANT,
            User.active.is_(True),
        )
        .scalar_subquery()
    )


def ladder_and_busy(group_id: int, periods: Periods) -> dict[str, Figure]:
    """People in the group; how many moved up the ladder since they joined and this quarter;
    how many have at least one step 'bezig'. Her rung is the highest rung of a done step,
    never lower than where she started (as `services.plan.ladder` tells her)."""
    done = PlanStep.status == StepStatus.DONE
    done_before_quarter = and_(
        done, func.coalesce(PlanStep.done_at, PlanStep.created_at) < periods.quarter_start
    )
    per_person = (
        select(
            User.id.label("user_id"),
            func.coalesce(Plan.start_rung, 1).label("start"),
            func.max(case((done, PlanStep.rung))).label("rung_now"),
            func.max(case((done_before_quarter, PlanStep.rung))).label("rung_before"),
            func.max(case((PlanStep.status == StepStatus.BUSY, 1), else_=0)).label("busy"),
        )
        .outerjoin(Plan, Plan.owner_id == User.id)
        .outerjoin(PlanStep, PlanStep.owner_id == User.id)
        .where(User.id.in_(members(group_id)))
        .group_by(User.id, Plan.start_rung)
        .subquery()
    )
    moved = per_person.c.rung_now > per_person.c.start
    moved_this_quarter = and_(
        moved, per_person.c.rung_now > func.coalesce(per_person.c.rung_before, 0)
    )
    people, up, up_quarter, busy = db.session.execute(
        select(
            func.count(),
            func.sum(case((moved, 1), else_=0)),
            func.sum(case((moved_this_quarter, 1), else_=0)),
            func.sum(per_person.c.busy),
        )
    ).one()
    return {
        "people": Figure.of_people(people),
        "moved_up": Figure.of_people(up),
        "moved_up_this_quarter": Figure.of_people(up_quarter),
        "busy": Figure.of_people(busy),
    }


def steps_done_this_month(group_id: int, periods: Periods) -> list[tuple[str, Figure]]:
    """Per life area (every area, in the plan's order): steps done this month, shown when at
    least five different participants did them."""
    rows = db.session.execute(
        select(PlanStep.area, func.count(), func.count(PlanStep.owner_id.distinct()))
        .where(
            PlanStep.owner_id.in_(members(group_id)),
            PlanStep.status == StepStatus.DONE,
            PlanStep.done_at >= periods.month_start,
        )
        .group_by(PlanStep.area)
    ).all()
    found = {area: Figure(steps, people) for area, steps, people in rows}
    return [(area, found.get(area, Figure(0, 0))) for area in AREAS]


def steps_done_total(group_id: int, periods: Periods) -> Figure:
    steps, people = db.session.execute(
        select(func.count(), func.count(PlanStep.owner_id.distinct())).where(
            PlanStep.owner_id.in_(members(group_id)),
            PlanStep.status == StepStatus.DONE,
            PlanStep.done_at >= periods.month_start,
        )
    ).one()
    return Figure(steps, people)
