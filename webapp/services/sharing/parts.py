"""The parts she can share, their names, and what a reader of each gets: the same context for
the staff view and for her preview of it, so both render the same fragment."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.models import Part, User
from webapp.models.childcare import Child
from webapp.services import childcare, cv
from webapp.services import plan as plans

PARTS = tuple(p.value for p in Part)
PART_LABELS = {
    Part.PLAN.value: _l("Mijn plan"),
    Part.CV.value: _l("Mijn cv"),
    Part.CHILDCARE.value: _l("Kinderopvang"),
    Part.CALAMITY.value: _l("Mijn noodplan"),
}


def _plan(owner: User) -> dict:
    return {**plans.overview(owner), "statuses": plans.STATUSES, "goals": plans.GOALS}


def _childcare(owner: User) -> dict:
    children = db.session.scalars(
        select(Child)
        .options(selectinload(Child.applications))
        .where(Child.user_id == owner.id)
        .order_by(Child.id)
    )
    return {
        "children": list(children),
        "kinds": childcare.KINDS,
        "statuses": childcare.STATUSES,
        "waiting_for": childcare.WAITING_FOR,
    }


def _calamity(owner: User) -> dict:
    return {"calamity": childcare.calamity_plan_of(owner)}


_CONTEXTS = {
    Part.PLAN.value: _plan,
    Part.CV.value: cv.shared_view,
    Part.CHILDCARE.value: _childcare,
    Part.CALAMITY.value: _calamity,
}


def part_context(part: str, owner: User) -> dict:
    """What the fragment of this part shows of her (read-only, no forms)."""
    return _CONTEXTS[part](owner)
