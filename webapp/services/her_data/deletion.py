"""'Verwijder mijn account': she (with her password), or a medewerker of her group for a
participant who left, deletes her account and everything of hers, at once.

Her rows go by the database's own `ON DELETE CASCADE` from `users` (every table with a
`user_id` or `owner_id`: her plan, cv, children, answers, inbox, push subscriptions, login
sessions, what she shared and every look at it…); the few columns that only point at her
without owning the row are cleared first. `tests/services/test_her_data_deletion.py` checks
every table of the schema afterwards. What staff counted of the group keeps only anonymous
totals: no row names her any more. A participant uploads no files (the pictures and PDFs in
the app are the trainsters'), so there are none of hers to remove.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, update

from webapp.extensions import db
from webapp.models import Role, User
from webapp.models.access_codes import Invitation, ResetCode
from webapp.services import ServiceError
from webapp.services.account_care import may_look_after
from webapp.services.passwords import verify_password

# Said to her before and after: what goes at once, and what backups keep for how long
# (README, "Backups and retention").
BACKUP_DAYS = 30
# What goes at once, said on her page and on the medewerker's confirmation (so no "je").
WHAT_GOES = (
    _l("het account, met naam en wachtwoord"),
    _l("het plan en alle stappen, met wat erbij geschreven is"),
    _l("het cv en de sollicitatie-checklist"),
    _l("de kinderen, de kinderopvang en het noodplan"),
    _l("de antwoorden op bijeenkomsten, en wat daarna geschreven is"),
    _l("berichten, herinneringen en meldingen op telefoons"),
    _l("alle keren inloggen, op elke telefoon"),
    _l("wat gedeeld is, en wie wanneer keek"),
)


def _erase(user: User) -> None:
    # Columns that name her without owning the row (the database refuses to delete her else).
    db.session.execute(
        update(Invitation).where(Invitation.used_by_id == user.id).values(used_by_id=None)
    )
    db.session.execute(delete(ResetCode).where(ResetCode.user_id == user.id))
    db.session.execute(delete(User).where(User.id == user.id))
    db.session.commit()
    db.session.expunge_all()  # nothing of hers stays in memory as if it still existed


def delete_own_account(user: User, password: str) -> None:
    """Her own choice, confirmed with her password: a wrong one deletes nothing."""
    if user.role != Role.PARTICIPANT:
        raise ServiceError(_l("Dit account kun je hier niet verwijderen."))
    if not verify_password(user.password_hash, password or ""):
        raise ServiceError(_l("Dat wachtwoord klopt niet. Er is niets verwijderd."), "password")
    _erase(user)


def participant_to_remove(actor: User, user_id: int) -> User | None:
    """A participant of the medewerker's groups she may remove, or None (the view: 404)."""
    target = db.session.get(User, user_id)
    if (
        target is None
        or actor.role != Role.STAFF
        or target.role != Role.PARTICIPANT
        or not may_look_after(actor, target)
    ):
        return None
    return target


def remove_participant(actor: User, user_id: int, confirmed_name: str) -> str:
    """A participant who left, removed by a medewerker of her group, with the same effect as
    her own deletion. The medewerker types her name to confirm. Returns the name."""
    target = participant_to_remove(actor, user_id)
    if target is None:
        raise ServiceError(_l("Dit account kun je niet verwijderen."))
    if " ".join((confirmed_name or "").split()).casefold() != target.display_name.casefold():
        raise ServiceError(
            _l("Typ haar naam precies zoals hij hier staat. Er is niets verwijderd."), "name"
        )
    name = target.display_name
    _erase(target)
    return name
