"""Her place on the participatieladder, as she sees it on her plan and her timeline."""

from webapp.models import User
from webapp.models.plan import StepStatus
from webapp.services.plan.choices import RUNGS
from webapp.services.plan.goal import get_plan
from webapp.services.plan.steps import steps_of


def ladder(user: User) -> dict:
    """Where she stands on the participatieladder (1–6), from the steps she did: the highest
    rung of a done step, never lower than where she started."""
    plan = get_plan(user)
    done = [s.rung for s in steps_of(user) if s.status == StepStatus.DONE]
    rung = max([plan.start_rung, *done])
    return {
        "rung": rung,
        "up": rung - plan.start_rung,
        "rungs": [(n, RUNGS[n]) for n in sorted(RUNGS)],
        "next": RUNGS.get(rung + 1),
    }
