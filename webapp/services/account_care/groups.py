"""A group's care: its name, archiving it, and taking a participant out of it.

An archived group is gone from its participants' agenda and reminders, from the medewerker's
lists and from new invitations; its meetings, and everything its participants wrote, stay."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.models import Group, Invitation, Membership, Role, User, utcnow
from webapp.services import ServiceError
from webapp.services.account_care.managers import manages

NAME_MAX = 120


def group_for_care(actor: User, group_id: int) -> Group | None:
    """A group whose name, archive and participants `actor` may change: a medewerker's own
    organisation's, or one of an organisation the beheerder manages; archived or not."""
    group = db.session.get(Group, group_id)
    if group is None:
        return None
    if actor.role == Role.STAFF and group.organisation_id == actor.organisation_id:
        return group
    if actor.role == Role.ADMIN and manages(actor, group.organisation_id):
        return group
    return None


def _group(actor: User, group_id: int) -> Group:
    group = group_for_care(actor, group_id)
    if group is None:
        raise ServiceError(_l("Deze groep kun je niet veranderen."))
    return group


def _checked_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError(_l("Vul een naam in."), "name")
    if len(name) > NAME_MAX:
        raise ServiceError(_l("Dit is te lang. Maximaal %(n)s tekens.", n=NAME_MAX), "name")
    return name


def create_group(actor: User, name: str) -> Group:
    """A new group of the medewerker's organisation; its name not yet taken there."""
    group = Group(organisation_id=actor.organisation_id, name=_checked_name(name))
    db.session.add(group)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise ServiceError(_l("Er is al een groep met deze naam."), "name") from None
    return group


def rename_group(actor: User, group_id: int, name: str) -> Group:
    group = _group(actor, group_id)
    group.name = _checked_name(name)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise ServiceError(_l("Er is al een groep met deze naam."), "name") from None
    return group


def set_archived(actor: User, group_id: int, archived: bool) -> Group:
    """Archive a group (or bring it back). Its open invitations stop working."""
    group = _group(actor, group_id)
    if archived and group.archived_at is None:
        group.archived_at = utcnow()
        db.session.execute(
            update(Invitation)
            .where(
                Invitation.group_id == group.id,
                Invitation.used_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .values(expires_at=utcnow())
        )
    elif not archived:
        group.archived_at = None
    db.session.commit()
    return group


def remove_from_group(actor: User, group_id: int, user_id: int) -> User:
    """Take a participant out of the group: she no longer sees its meetings and is no longer
    counted in it. Her account and everything she wrote stay; a new invitation brings her
    back. Only a medewerker of the group: a beheerder reads no participant data."""
    if actor.role != Role.STAFF:
        raise ServiceError(_l("Deze groep kun je niet veranderen."))
    group = _group(actor, group_id)
    participant = db.session.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.group_id == group.id,
            User.id == user_id,
            User.role == Role.PARTICIPANT,
        )
    )
    if participant is None:
        raise ServiceError(_l("Zij zit niet (meer) in deze groep."))
    db.session.execute(
        delete(Membership).where(Membership.group_id == group.id, Membership.user_id == user_id)
    )
    db.session.commit()
    db.session.expire(participant, ["memberships"])
    return participant
