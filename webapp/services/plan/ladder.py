"""Her place on the participatieladder, as she sees it on her plan and her timeline; and the
overview of plan, steps and ladder that her plan page and the staff's view show together."""

from sqlalchemy import bindparam, func, select

from webapp.extensions import db
from webapp.models import User
from webapp.models.plan import Plan, PlanStep, StepStatus
from webapp.services.plan.choices import RUNGS, by_area
from webapp.services.plan.goal import get_plan, start_rung_chosen
from webapp.services.plan.steps import plan_page_steps

# The highest rung among the steps she did: one row, however many steps she has.
_HIGHEST_DONE_RUNG = select(func.max(PlanStep.rung)).where(
    PlanStep.owner_id == bindparam("user_id"), PlanStep.status == StepStatus.DONE
)


def ladder(user: User, plan: Plan | None = None) -> dict:
    """Where she stands on the participatieladder (1–6), from the steps she did: the highest
    rung of a done step, never lower than where she started. A page that has loaded her plan
    already passes it in."""
    plan = plan or get_plan(user)
    done = db.session.scalar(_HIGHEST_DONE_RUNG, {"user_id": user.id})
    rung = max(plan.start_rung, done or 0)
    return {
        "rung": rung,
        "up": rung - plan.start_rung,
        "rungs": [(n, RUNGS[n]) for n in sorted(RUNGS)],
        "next": RUNGS.get(rung + 1),
        "start": plan.start_rung,
        "start_chosen": start_rung_chosen(plan),
    }


def overview(user: User) -> dict:
    """Her plan, her open and latest closed steps by life area (with their reflections), whether
    older closed steps are on her timeline, and her place on the ladder: what her plan page and
    the staff's read-only view show, in the same few queries after a year as after a week."""
    plan = get_plan(user)
    steps, more_closed = plan_page_steps(user)
    return {
        "plan": plan,
        "areas": by_area(steps, lambda s: s.area),
        "more_closed": more_closed,
        "ladder": ladder(user, plan),
    }
