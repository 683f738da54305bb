"""Participants, and steps done at a chosen time, for the overview's tests (the services stamp
a step with the time it is done; these tests need last month and last quarter)."""

import uuid
from datetime import datetime, timedelta

from tests import factories
from webapp.extensions import db
from webapp.models import Group, User
from webapp.models.plan import Plan, PlanStep, StepStatus

# A fixed moment, in the middle of a quarter and a month (Amsterdam): 2026-11-18 11:00 UTC.
NOW = datetime(2026, 11, 18, 11, 0)
LAST_MONTH = datetime(2026, 10, 20, 9, 0)  # this quarter (Q4), not this month
LAST_QUARTER = datetime(2026, 9, 10, 9, 0)


def participants(group: Group, n: int, joined: datetime | None = None) -> list[User]:
    """`n` participants of `group`, who joined it at `joined` (else now)."""
    people = [factories.participant(group, display_name=f"Naam{k} Achternaam") for k in range(n)]
    if joined is not None:
        for person in people:
            person.memberships[0].joined_at = joined
        db.session.commit()
    return people


def done_step(
    owner: User,
    area: str = "taal",
    rung: int = 3,
    done_at: datetime | None = NOW - timedelta(days=2),
    status: str = StepStatus.DONE,
    action: str = "Een stap",
) -> PlanStep:
    step = PlanStep(
        uuid=str(uuid.uuid4()),
        owner_id=owner.id,
        area=area,
        action=action,
        status=status,
        rung=rung,
        done_at=done_at if status == StepStatus.DONE else None,
        created_at=(done_at or NOW) - timedelta(days=7),
        field_times={},
    )
    db.session.add(step)
    return step


def start_rung(owner: User, rung: int) -> Plan:
    plan = Plan(owner_id=owner.id, start_rung=rung, field_times={})
    db.session.add(plan)
    return plan
