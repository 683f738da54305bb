"""Kinderopvang and reminders of a group, counted."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from webapp.extensions import db
from webapp.models.childcare import CareApplication, Child
from webapp.models.reminders import PushState, Reminder
from webapp.services.group_overview.figures import Figure, Periods
from webapp.services.group_overview.progress import members

# Where a child stands, from the statuses of her applications (a child with a place at one
# kind of care and a waiting list at another has a place). Looking after her child herself is
# a choice, and counts as one.
CARE_STAGES = {
    "self": _l("Zorgt zelf voor haar kind (eigen keuze)"),
    "orienting": _l("Kijkt rond of had een kennismaking"),
    "waitlist": _l("Op een wachtlijst of wacht op werk, opleiding of taalles"),
    "place": _l("Heeft een plek"),
}
_STAGE_OF_STATUS = {
    "self": 0,
    "orienting": 1,
    "meeting": 1,
    "waitlist": 2,
    "waiting": 2,
    "offered": 3,
    "contract": 3,
    "allowance_applied": 3,
    "allowance_granted": 3,
    "settling": 3,
    "running": 3,
}


def childcare_figures(group_id: int) -> list[tuple[str, Figure]]:
    """Children per stage (self, orienting, waitlist, place), shown when at least five
    mothers are behind the number. Children without an application are not counted."""
    stage = case(
        *((CareApplication.status == status, n) for status, n in _STAGE_OF_STATUS.items()),
        else_=None,
    )
    per_child = (
        select(Child.id, Child.user_id, func.max(stage).label("stage"))
        .join(CareApplication, CareApplication.child_id == Child.id)
        .where(Child.user_id.in_(members(group_id)))
        .group_by(Child.id, Child.user_id)
        .subquery()
    )
    rows = db.session.execute(
        select(per_child.c.stage, func.count(), func.count(per_child.c.user_id.distinct()))
        .where(per_child.c.stage.is_not(None))
        .group_by(per_child.c.stage)
    ).all()
    found = {int(n): Figure(children, mothers) for n, children, mothers in rows}
    return [(stage, found.get(n, Figure(0, 0))) for n, stage in enumerate(CARE_STAGES)]


def reminder_figures(group_id: int, periods: Periods) -> dict[str, Figure]:
    """Reminders and messages that reached the group's participants this month (by push or
    only in the inbox), and how many of them were opened."""
    opened = Reminder.read_at.is_not(None)
    sent, people, opened_n, opened_people = db.session.execute(
        select(
            func.count(),
            func.count(Reminder.user_id.distinct()),
            func.sum(case((opened, 1), else_=0)),
            func.count(case((opened, Reminder.user_id)).distinct()),
        ).where(
            Reminder.user_id.in_(members(group_id)),
            Reminder.push_state.in_([PushState.PUSHED, PushState.INBOX]),
            Reminder.handled_at >= periods.month_start,
        )
    ).one()
    return {"sent": Figure(sent, people), "opened": Figure(opened_n or 0, opened_people)}
