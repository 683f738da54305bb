"""The groups a trainster works with: she sees their agenda and their meetings, and nothing of
other groups. A medewerker (or the beheerder) moves her from one group to another."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from webapp.extensions import db
from webapp.models import Group, Membership, Role, User
from webapp.services import ServiceError
from webapp.services.account_care.activation import account_for_care


def trainers_of_organisation(actor: User) -> list[User]:
    """The trainsters of the medewerker's organisation, with their groups loaded."""
    if actor.organisation_id is None or actor.role not in (Role.STAFF, Role.ADMIN):
        return []
    return list(
        db.session.scalars(
            select(User)
            .where(User.organisation_id == actor.organisation_id, User.role == Role.TRAINER)
            .order_by(func.lower(User.display_name))
        )
    )


def trainer_for_care(actor: User, user_id: int) -> User | None:
    target = account_for_care(actor, user_id)
    return target if target is not None and target.role == Role.TRAINER else None


def set_trainer_groups(actor: User, user_id: int, group_ids: set[int]) -> User:
    """Her open groups become exactly these (of her own organisation): moving her from one
    group to another is one change. Archived groups are left as they are."""
    trainer = trainer_for_care(actor, user_id)
    if trainer is None:
        raise ServiceError(_l("Dit account kun je niet veranderen."))
    open_groups = set(
        db.session.scalars(
            select(Group.id).where(
                Group.organisation_id == trainer.organisation_id, Group.archived_at.is_(None)
            )
        )
    )
    wanted = open_groups & group_ids
    current = {m.group_id for m in trainer.memberships} & open_groups
    db.session.execute(
        delete(Membership).where(
            Membership.user_id == trainer.id, Membership.group_id.in_(current - wanted)
        )
    )
    for group_id in wanted - current:
        db.session.add(Membership(user_id=trainer.id, group_id=group_id))
    db.session.commit()
    db.session.expire(trainer, ["memberships"])
    return trainer
