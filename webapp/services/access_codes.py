"""Invitations and reset codes.

Many participants have no e-mail they read, so a medewerker hands over a short code in person,
on paper or as a QR code. Codes avoid characters that look or sound alike (0/O, 1/I/L, 5/S,
2/Z, 8/B, U/V), so they can be read aloud and typed on a phone without mistakes.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, Invitation, Membership, Organisation, ResetCode, Role, User, utcnow
from webapp.services import ServiceError, sessions
from webapp.services.accounts import check_new_password, create_user, normalise_username
from webapp.services.passwords import hash_password

CODE_ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
CODE_LENGTH = 8
UNKNOWN_CODE = _l("We kennen deze code niet. Kijk of je hem goed hebt overgenomen.")
# A reset code and a login name that do not belong together: the same words whichever is wrong.
UNKNOWN_NAME_OR_CODE = _l("Deze naam of deze code klopt niet. Kijk of je ze goed hebt overgenomen.")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """Accept the code as people type it: lower case, spaces, dashes."""
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())[: CODE_LENGTH * 2]


def hash_code(typed: str) -> str:
    """What is stored of a code (as normalised, so as typed is fine): an HMAC-SHA-256 under a
    key made from the app's SECRET_KEY. Eight characters out of 23 are about 8·10¹⁰ codes, a
    few seconds of trying against a plain hash: a copy of the database alone must not give
    the codes back. A new SECRET_KEY ends the codes handed out before it."""
    return hmac.new(_code_key(), normalise_code(typed).encode(), hashlib.sha256).hexdigest()


def _code_key() -> bytes:
    # Its own key, derived: the secret itself also signs her session cookie.
    return hmac.new(current_app.secret_key.encode(), b"access codes", hashlib.sha256).digest()


def _stored_as(typed: str) -> list[str]:
    """The hashes a code handed out may be stored under: the keyed one, and the plain SHA-256
    of codes made before it (migration 7d3a9c1e5b20 promised they keep working). No new code
    is stored so; those last at most INVITATION_DAYS, and then this second form can go."""
    return [hash_code(typed), hashlib.sha256(normalise_code(typed).encode()).hexdigest()]


def format_code(code: str) -> str:
    """Two groups of four, easier to read aloud: 'ACDE-FGHJ'."""
    return f"{code[:4]}-{code[4:]}"


def create_invitation(
    created_by: User,
    role: Role,
    organisation: Organisation,
    group: Group | None = None,
    note: str = "",
    days: int | None = None,
) -> Invitation:
    """Valid for `days`, by default the deployment's INVITATION_DAYS."""
    days = current_app.config["INVITATION_DAYS"] if days is None else days
    if role == Role.PARTICIPANT and group is None:
        raise ServiceError(_l("Kies de groep voor deze uitnodiging."), "group")
    if group is not None and group.organisation_id != organisation.id:
        raise ServiceError(_l("Deze groep hoort niet bij jouw organisatie."), "group")
    if group is not None and group.archived:
        raise ServiceError(_l("Deze groep is gearchiveerd."), "group")
    code = new_code()
    invitation = Invitation(
        code_hash=hash_code(code),
        role=role,
        organisation_id=organisation.id,
        # A participant joins her group; a trainster starts with the group she is invited for.
        group_id=group.id if group and role in (Role.PARTICIPANT, Role.TRAINER) else None,
        note=(note or "").strip()[:80],
        created_by_id=created_by.id,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.commit()
    invitation.code = code
    return invitation


def _usable(row, used_message, unknown_message=UNKNOWN_CODE):
    """The row a code was looked up by, if it can still be used; else a friendly reason."""
    if row is None:
        raise ServiceError(unknown_message, "code")
    if row.used_at is not None:
        raise ServiceError(used_message, "code")
    if row.expires_at < utcnow():
        raise ServiceError(
            _l("Deze code is verlopen. Vraag je projectmedewerker om een nieuwe code."), "code"
        )
    return row


def find_open_invitation(typed_code: str) -> Invitation:
    """The invitation for this code, if it can still be used; else a friendly reason why not."""
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.code_hash.in_(_stored_as(typed_code)))
    )
    return _usable(invitation, _l("Deze code is al gebruikt. Heb je al een account? Log dan in."))


def accept_invitation(
    typed_code: str, username: str, password: str, display_name: str, language: str
) -> User:
    """Make the account the invitation was for, and use the invitation up."""
    invitation = find_open_invitation(typed_code)
    organisation = invitation.organisation if invitation.role != Role.PARTICIPANT else None
    groups = [invitation.group] if invitation.group else []
    user = create_user(
        username,
        password,
        display_name,
        Role(invitation.role),
        language=language,
        organisation=organisation,
        groups=groups,
        commit=False,
    )
    invitation.used_at = utcnow()
    invitation.used_by_id = user.id
    db.session.commit()
    return user


def open_invitations(organisation_id: int) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(
                Invitation.organisation_id == organisation_id,
                Invitation.used_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.created_at.desc())
        )
    )


def join_group_with_invitation(user: User, typed_code: str) -> Group:
    """A participant who already has an account joins one more group with a new code."""
    invitation = find_open_invitation(typed_code)
    if invitation.role != Role.PARTICIPANT or user.role != Role.PARTICIPANT:
        raise ServiceError(_l("Deze code is niet voor jouw soort account."), "code")
    already = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.group_id == invitation.group_id
        )
    )
    if already is None:
        db.session.add(Membership(user_id=user.id, group_id=invitation.group_id))
    invitation.used_at = utcnow()
    invitation.used_by_id = user.id
    db.session.commit()
    return invitation.group


def create_reset_code(created_by: User, user: User, hours: int | None = None) -> ResetCode:
    """Valid for `hours`, by default the deployment's RESET_CODE_HOURS."""
    hours = current_app.config["RESET_CODE_HOURS"] if hours is None else hours
    # Older codes for the same person stop working: only the newest one is hers to use.
    for old in db.session.scalars(
        select(ResetCode).where(ResetCode.user_id == user.id, ResetCode.used_at.is_(None))
    ):
        old.used_at = utcnow()
    code = new_code()
    reset = ResetCode(
        code_hash=hash_code(code),
        user_id=user.id,
        created_by_id=created_by.id,
        expires_at=utcnow() + timedelta(hours=hours),
    )
    db.session.add(reset)
    db.session.commit()
    reset.code = code
    return reset


def redeem_reset_code(username: str, typed_code: str, new_password: str) -> User:
    """A new password with her reset code and her login name together: a code alone (guessed,
    or seen over her shoulder) opens no account. A wrong name is answered as a wrong code, and
    whether the code was used or expired is said only to whoever has both right."""
    reset = db.session.scalar(
        select(ResetCode)
        .join(User, User.id == ResetCode.user_id)
        .where(
            ResetCode.code_hash.in_(_stored_as(typed_code)),
            User.username == normalise_username(username),
        )
    )
    reset = _usable(
        reset,
        _l("Deze code is al gebruikt. Vraag je projectmedewerker om een nieuwe code."),
        UNKNOWN_NAME_OR_CODE,
    )
    check_new_password(new_password)
    reset.user.password_hash = hash_password(new_password)
    reset.used_at = utcnow()
    # Whoever is logged in as her, on any phone, is logged out (she may have lost one).
    sessions.end_all_sessions(reset.user, commit=False)
    db.session.commit()
    return reset.user
