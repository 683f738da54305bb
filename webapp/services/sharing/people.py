"""Who she can share with: by name, only the people of her own groups.

A projectmedewerker works with every group of her organisation (`accounts.groups_for_staff`),
so the projectmedewerkers of her groups are the medewerkers of those groups' organisations. A
trainster works with the groups she is in. Switched-off accounts and archived groups count
for nothing. Nobody else: no beheerder, no one of another organisation.
"""

from sqlalchemy import Select, case, func, or_, select

from webapp.extensions import db
from webapp.models import Group, Membership, Role, User

READER_ROLES = (Role.STAFF, Role.TRAINER)
# A group has a handful of staff; the bound keeps her page light even in a large gemeente.
MAX_PEOPLE = 60


def _her_groups(owner_id: int) -> Select:
    return (
        select(Group.id)
        .join(Membership, Membership.group_id == Group.id)
        .where(Membership.user_id == owner_id, Group.archived_at.is_(None))
    )


def readers_of(owner_id: int) -> Select:
    """The ids of everyone she may share with (a subquery, also used to check a look)."""
    her_groups = _her_groups(owner_id)
    organisations = select(Group.organisation_id).where(Group.id.in_(her_groups))
    trainers_of_her_groups = select(Membership.user_id).where(Membership.group_id.in_(her_groups))
    return select(User.id).where(
        User.active.is_(True),
        User.id != owner_id,
        or_(
            (User.role == Role.STAFF) & User.organisation_id.in_(organisations),
            (User.role == Role.TRAINER) & User.id.in_(trainers_of_her_groups),
        ),
    )


_STAFF_FIRST = case((User.role == Role.STAFF, 0), else_=1)


def people_to_share_with(owner: User) -> list[User]:
    """The projectmedewerkers first, then the trainsters, each by name."""
    if owner.role != Role.PARTICIPANT:
        return []
    return list(
        db.session.scalars(
            select(User)
            .where(User.id.in_(readers_of(owner.id)))
            .order_by(_STAFF_FIRST, func.lower(User.display_name), User.id)
            .limit(MAX_PEOPLE)
        )
    )
