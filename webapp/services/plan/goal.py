"""The plan itself, one per participant: her goal and whether she has paused."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User
from webapp.models.plan import Plan
from webapp.services import ServiceError
from webapp.services.conflicts import Outcome, apply_changes
from webapp.services.plan.choices import GOALS, RUNGS, clean_text


def get_plan(user: User) -> Plan:
    plan = db.session.scalar(select(Plan).where(Plan.owner_id == user.id))
    if plan is None:
        plan = Plan(owner_id=user.id, field_times={})
        db.session.add(plan)
        db.session.flush()
    return plan


def set_goal(user: User, kind: str | None, text: str = "", at: datetime | None = None) -> Outcome:
    if kind not in GOALS:
        raise ServiceError(_l("Kies wat je doel is."), field="goal_kind")
    text = clean_text(text, "goal_text")
    return _change_plan(user, {"goal_kind": kind, "goal_text": text}, at)


def set_paused(user: User, paused: bool, at: datetime | None = None) -> Outcome:
    return _change_plan(user, {"paused": bool(paused)}, at)


def set_start_rung(user: User, rung: int, at: datetime | None = None) -> Outcome:
    """Where she stood on the participatieladder when she began: her own answer, asked the
    first time she opens her plan, and hers to change later."""
    if rung not in RUNGS:
        raise ServiceError(_l("Kies wat het best bij je past."), field="start_rung")
    return _change_plan(user, {"start_rung": rung}, at)


def start_rung_chosen(plan: Plan) -> bool:
    return "start_rung" in (plan.field_times or {})


def _change_plan(user: User, values: dict, at: datetime | None) -> Outcome:
    plan = get_plan(user)
    outcome = apply_changes(plan, values, at)
    db.session.commit()
    return outcome
