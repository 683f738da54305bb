"""Accounts: creating people, logging in, language, and who works with which group."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.i18n import LANGUAGES
from webapp.models import Group, Membership, Organisation, Role, User
from webapp.services import ServiceError
from webapp.services.passwords import hash_password, needs_rehash, verify_password

USERNAME_PATTERN = re.compile(r"^[a-z0-9._-]{3,30}$")
PASSWORD_MIN = 8
PASSWORD_MAX = 128
# Verifying against a real hash when the name is unknown keeps both answers equally slow.
_DUMMY_HASH = hash_password("not-a-real-password")


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def check_new_credentials(username: str, password: str) -> str:
    """Validate a chosen login name and password; returns the normalised name."""
    name = normalise_username(username)
    if not USERNAME_PATTERN.match(name):
        raise ServiceError(
            _l("Kies een naam van 3 tot 30 tekens: letters, cijfers, punt, streepje."),
            field="username",
        )
    check_new_password(password)
    if db.session.scalar(select(User.id).where(User.username == name)):
        raise ServiceError(_l("Deze naam is al in gebruik. Kies een andere naam."), "username")
    return name


def check_new_password(password: str) -> None:
    if len(password or "") < PASSWORD_MIN:
        raise ServiceError(
            _l("Kies een wachtwoord van minstens %(n)d tekens.", n=PASSWORD_MIN), "password"
        )
    if len(password) > PASSWORD_MAX:
        raise ServiceError(
            _l("Je wachtwoord is te lang (hoogstens %(n)d tekens).", n=PASSWORD_MAX), "password"
        )


def create_user(
    username: str,
    password: str,
    display_name: str,
    role: Role,
    language: str = "nl",
    organisation: Organisation | None = None,
    groups: list[Group] | None = None,
    commit: bool = True,
) -> User:
    name = check_new_credentials(username, password)
    user = User(
        username=name,
        password_hash=hash_password(password),
        display_name=(display_name or "").strip()[:80] or name,
        role=role,
        language=language if language in LANGUAGES else "nl",
        organisation_id=organisation.id if organisation else None,
    )
    db.session.add(user)
    db.session.flush()
    for group in groups or []:
        db.session.add(Membership(user_id=user.id, group_id=group.id))
    if commit:
        db.session.commit()
    return user


def authenticate(username: str, password: str) -> User | None:
    """The active user with this name and password, or None. Upgrades old hashes."""
    user = db.session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        verify_password(_DUMMY_HASH, password or "")
        return None
    if not user.active or not verify_password(user.password_hash, password or ""):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def set_password(user: User, password: str) -> None:
    check_new_password(password)
    user.password_hash = hash_password(password)
    db.session.commit()


def set_language(user: User, language: str) -> None:
    if language not in LANGUAGES:
        raise ServiceError(_l("Deze taal kennen we niet."))
    user.language = language
    db.session.commit()


def set_display_name(user: User, display_name: str) -> None:
    name = (display_name or "").strip()
    if not 1 <= len(name) <= 80:
        raise ServiceError(_l("Vul een naam in van hoogstens 80 tekens."), "display_name")
    user.display_name = name
    db.session.commit()


def groups_of_participant(user: User) -> list[Group]:
    return list(
        db.session.scalars(
            select(Group).join(Membership).where(Membership.user_id == user.id).order_by(Group.name)
        )
    )


def groups_for_staff(user: User) -> list[Group]:
    """The groups a medewerker or trainer works with: all of her organisation's."""
    if user.role == Role.ADMIN:
        return list(db.session.scalars(select(Group).order_by(Group.name)))
    if user.organisation_id is None:
        return []
    return list(
        db.session.scalars(
            select(Group).where(Group.organisation_id == user.organisation_id).order_by(Group.name)
        )
    )


def get_group_for_staff(user: User, group_id: int) -> Group | None:
    """A group she may work with, or None (the view answers 404)."""
    group = db.session.get(Group, group_id)
    if group is None:
        return None
    if user.role == Role.ADMIN or group.organisation_id == user.organisation_id:
        return group
    return None


def participants_of_group(group: Group) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership)
            .where(Membership.group_id == group.id, User.role == Role.PARTICIPANT)
            .order_by(func.lower(User.display_name))
        )
    )


def participant_in_staff_groups(staff: User, participant_id: int) -> User | None:
    """A participant of one of the staff member's groups, or None."""
    participant = db.session.get(User, participant_id)
    if participant is None or participant.role != Role.PARTICIPANT:
        return None
    group_ids = {g.id for g in groups_for_staff(staff)}
    if any(m.group_id in group_ids for m in participant.memberships):
        return participant
    return None
