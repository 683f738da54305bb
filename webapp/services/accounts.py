"""Accounts: creating people, logging in, language, and who works with which group."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.i18n import LANGUAGES
from webapp.models import Group, Membership, Organisation, Role, User
from webapp.services import ServiceError, sessions
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
    password_hash: str | None = None,
) -> User:
    """A new account. `password_hash`: the password's hash made once for many accounts with
    the same password (the demo's), as hashing takes a good part of a second each time."""
    name = check_new_credentials(username, password)
    user = User(
        username=name,
        password_hash=password_hash or hash_password(password),
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


def login_id(username: str) -> int | None:
    """The id of the account with this login name, or None (the rate limits ask, before the
    password is checked: `webapp/login_devices.py`)."""
    name = normalise_username(username)
    if not name or len(name) > 40:  # longer than the column holds: nobody's
        return None
    return db.session.scalar(select(User.id).where(User.username == name))


def set_password(user: User, password: str) -> None:
    """A new password ends every session she had: whoever knew the old one is logged out on
    every phone (the view starts a new session for the phone she is on)."""
    check_new_password(password)
    user.password_hash = hash_password(password)
    sessions.end_all_sessions(user, commit=False)
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
            select(Group)
            .join(Membership)
            .where(Membership.user_id == user.id, Group.archived_at.is_(None))
            .order_by(Group.name)
        )
    )


def groups_for_staff(user: User, archived: bool = False) -> list[Group]:
    """The groups a medewerker works with: all of her organisation's; a trainster: those she
    is in (`services.account_care.trainers`). Archived groups only when `archived`. A
    beheerder works with none: she manages organisations and staff accounts, and reads no
    participant data."""
    query = select(Group).where(
        Group.archived_at.is_not(None) if archived else Group.archived_at.is_(None)
    )
    if user.role not in (Role.STAFF, Role.TRAINER) or user.organisation_id is None:
        return []
    query = query.where(Group.organisation_id == user.organisation_id)
    if user.role == Role.TRAINER:
        query = query.join(Membership).where(Membership.user_id == user.id)
    return list(db.session.scalars(query.order_by(Group.name)))


def get_group_for_staff(user: User, group_id: int) -> Group | None:
    """A group she may work with (archived or not), or None (the view answers 404)."""
    group = db.session.get(Group, group_id)
    if group is None or user.role not in (Role.STAFF, Role.TRAINER):
        return None
    if group.organisation_id != user.organisation_id:
        return None
    if user.role == Role.TRAINER and all(m.group_id != group.id for m in user.memberships):
        return None
    return group


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
