"""Her place on the participatieladder, as she sees it on her plan and her timeline; and the
overview of plan, steps and ladder that her plan page and the staff's view show together."""

from webapp.models import User
from webapp.models.plan import Plan, PlanStep, StepStatus
from webapp.services.plan.choices import RUNGS, by_area
from webapp.services.plan.goal import get_plan
from webapp.services.plan.steps import steps_of, steps_with_reflections


def ladder(user: User, plan: Plan | None = None, steps: list[PlanStep] | None = None) -> dict:
    """Where she stands on the participatieladder (1–6), from the steps she did: the highest
    rung of a done step, never lower than where she started. A page that has loaded her plan
    and steps already passes them in."""
    plan = plan or get_plan(user)
    steps = steps if steps is not None else steps_of(user)
    done = [s.rung for s in steps if s.status == StepStatus.DONE]
    rung = max([plan.start_rung, *done])
    return {
        "rung": rung,
        "up": rung - plan.start_rung,
        "rungs": [(n, RUNGS[n]) for n in sorted(RUNGS)],
        "next": RUNGS.get(rung + 1),
    }


def overview(user: User) -> dict:
    """Her plan, her steps by life area (with their reflections) and her place on the ladder:
    what her plan page and the staff's read-only view show, from one query each."""
    plan = get_plan(user)
    steps = steps_with_reflections(user)
    return {
        "plan": plan,
        "areas": by_area(steps, lambda s: s.area),
        "ladder": ladder(user, plan, steps),
    }
