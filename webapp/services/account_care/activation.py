"""Switching an account off and on again. A switched-off account cannot log in (its sessions
end at once), gets no reminders and is not counted as invited; all her data stays."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from webapp.extensions import db
from webapp.models import Role, User
from webapp.models.reminders import PushState, Reminder
from webapp.services import ServiceError, sessions
from webapp.services.account_care.managers import manages
from webapp.services.accounts import participant_in_staff_groups


def may_look_after(actor: User, target: User) -> bool:
    """A medewerker looks after the participants of her groups and the trainsters of her
    organisation; a beheerder the staff accounts of the organisations she manages. Nobody
    switches herself off."""
    if actor.id == target.id:
        return False
    if actor.role == Role.STAFF:
        if target.role == Role.PARTICIPANT:
            return participant_in_staff_groups(actor, target.id) is not None
        return target.role == Role.TRAINER and target.organisation_id == actor.organisation_id
    if actor.role == Role.ADMIN:
        return target.role != Role.PARTICIPANT and manages(actor, target.organisation_id)
    return False


def account_for_care(actor: User, user_id: int) -> User | None:
    """The account `actor` may look after, or None (the view answers 404)."""
    target = db.session.get(User, user_id)
    if target is None or not may_look_after(actor, target):
        return None
    return target


def set_active(actor: User, user_id: int, active: bool) -> User:
    """Switch her account on or off. Off: every session of hers ends now, and reminders that
    were waiting stay in her inbox unsent (none are made while she is off)."""
    target = account_for_care(actor, user_id)
    if target is None:
        raise ServiceError(_l("Dit account kun je niet veranderen."))
    target.active = bool(active)
    if not target.active:
        sessions.end_all_sessions(target, commit=False)
        db.session.execute(
            update(Reminder)
            .where(Reminder.user_id == target.id, Reminder.push_state == PushState.PENDING)
            .values(push_state=PushState.INBOX)
        )
    db.session.commit()
    return target
