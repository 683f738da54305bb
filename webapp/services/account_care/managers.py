"""The organisations a beheerder manages, and the staff accounts of one of them."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from webapp.extensions import db
from webapp.models import Organisation, OrganisationManager, Role, User
from webapp.services import ServiceError


def managed_organisations(admin: User) -> list[Organisation]:
    if admin.role != Role.ADMIN:
        return []
    return list(
        db.session.scalars(
            select(Organisation)
            .join(OrganisationManager, OrganisationManager.organisation_id == Organisation.id)
            .where(OrganisationManager.user_id == admin.id)
            .order_by(Organisation.name)
        )
    )


def manages(admin: User, organisation_id: int | None) -> bool:
    if admin.role != Role.ADMIN or organisation_id is None:
        return False
    return (
        db.session.scalar(
            select(OrganisationManager.id).where(
                OrganisationManager.user_id == admin.id,
                OrganisationManager.organisation_id == organisation_id,
            )
        )
        is not None
    )


def create_organisation(admin: User, name: str) -> Organisation:
    """A new organisation, managed by the beheerder who made it."""
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError(_l("Vul een naam in."), "name")
    if db.session.scalar(select(Organisation.id).where(Organisation.name == name)):
        raise ServiceError(_l("Deze organisatie bestaat al."), "name")
    organisation = Organisation(name=name[:120])
    db.session.add(organisation)
    db.session.flush()
    add_manager(organisation, admin)
    return organisation


def add_manager(organisation: Organisation, admin: User, commit: bool = True) -> None:
    """`admin` manages `organisation` from now on (the beheerder who made it, for one)."""
    if not manages(admin, organisation.id):
        db.session.add(OrganisationManager(organisation_id=organisation.id, user_id=admin.id))
    if commit:
        db.session.commit()


_ROLE_ORDER = case((User.role == Role.STAFF, 0), (User.role == Role.TRAINER, 1), else_=2)


def staff_of_organisation(
    admin: User, organisation_id: int
) -> tuple[Organisation, list[User]] | None:
    """The organisation and its medewerkers, trainsters and beheerders, if `admin` manages
    it; None otherwise (the view answers 404). Switched-off accounts are listed too."""
    if not manages(admin, organisation_id):
        return None
    organisation = db.session.get(Organisation, organisation_id)
    managers = select(OrganisationManager.user_id).where(
        OrganisationManager.organisation_id == organisation_id
    )
    people = db.session.scalars(
        select(User)
        .where(
            (
                (User.organisation_id == organisation_id)
                & User.role.in_([Role.STAFF, Role.TRAINER, Role.ADMIN])
            )
            | User.id.in_(managers)
        )
        .order_by(_ROLE_ORDER, func.lower(User.display_name))
    )
    return organisation, list(people)
