"""Sharing her plan with her begeleider: her switch, the staff's read-only access, and the log
of every read, which she can see."""

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Group, Membership, Role, User
from webapp.models.plan import Plan, PlanAccess
from webapp.services.plan.goal import get_plan


def set_shared(user: User, shared: bool) -> None:
    plan = get_plan(user)
    plan.shared = bool(shared)
    db.session.commit()


def access_log(user: User, limit: int = 50) -> list[PlanAccess]:
    return list(
        db.session.scalars(
            select(PlanAccess)
            .where(PlanAccess.owner_id == user.id)
            .order_by(PlanAccess.viewed_at.desc(), PlanAccess.id.desc())
            .limit(limit)
        )
    )


def _staff_of_her_group(staff: User, participant: User) -> bool:
    if staff.role not in (Role.STAFF, Role.ADMIN):
        return False
    from webapp.services.accounts import participant_in_staff_groups

    return participant_in_staff_groups(staff, participant.id) is not None


def shared_plan_for_staff(staff: User, participant_id: int) -> User | None:
    """The participant whose plan this staff member may read now (she shares it, and he works
    with her group), or None. Each read is logged for her to see."""
    participant = db.session.get(User, participant_id)
    if participant is None or participant.role != Role.PARTICIPANT:
        return None
    plan = db.session.scalar(select(Plan).where(Plan.owner_id == participant.id))
    if plan is None or not plan.shared or not _staff_of_her_group(staff, participant):
        return None
    db.session.add(PlanAccess(owner_id=participant.id, staff_id=staff.id))
    db.session.commit()
    return participant


def sharing_participants(staff: User, group: Group) -> list[User]:
    """Participants of this group who share their plan."""
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .join(Plan, Plan.owner_id == User.id)
            .where(Membership.group_id == group.id, Plan.shared.is_(True))
            .order_by(func.lower(User.display_name))
        )
    )
