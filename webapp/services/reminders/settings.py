"""Her notification settings: push on or off, quiet hours, what the lock screen shows."""

from collections.abc import Iterable
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User
from webapp.models.reminders import NotificationSettings
from webapp.services import ServiceError
from webapp.services.conflicts import Outcome, apply_changes
from webapp.services.reminders.clock import utc_to_local
from webapp.services.reminders.records import among, plain_rows


def default_settings(user_id: int | None = None) -> NotificationSettings:
    """What she has before she chose anything: push on, quiet 21:00–08:00, neutral text."""
    return NotificationSettings(
        user_id=user_id,
        push_enabled=True,
        quiet_start=21 * 60,
        quiet_end=8 * 60,
        lock_screen="neutral",
    )


def get_settings(user: User) -> NotificationSettings:
    settings = db.session.get(NotificationSettings, user.id)
    if settings is None:
        settings = default_settings(user.id)
    return settings


def load_settings(user_ids: Iterable[int]) -> dict:
    """The saved settings of many people at once, by user id (missing: never saved): rows
    with what sending reads, not ORM objects (a fan-out loads thousands, only to read them)."""
    n = NotificationSettings
    rows = db.session.execute(
        select(n.user_id, n.push_enabled, n.quiet_start, n.quiet_end, n.lock_screen).where(
            among(n.user_id, user_ids)
        )
    )
    return {row.user_id: row for row in plain_rows(rows)}


def save_settings(
    user: User,
    push_enabled: bool,
    quiet_start: int,
    quiet_end: int,
    lock_screen: str,
    at: datetime | None = None,
) -> Outcome:
    """Her choices, from this page or later from her outbox (`at`: when she made them on her
    phone; per choice, the one she made last stays)."""
    if lock_screen not in ("neutral", "details"):
        raise ServiceError(_l("Kies wat je telefoon laat zien."), "lock_screen")
    for value in (quiet_start, quiet_end):
        if not 0 <= value < 24 * 60:
            raise ServiceError(_l("Kies een tijd."), "quiet_start")
    settings = get_settings(user)
    outcome = apply_changes(
        settings,
        {
            "push_enabled": push_enabled,
            "quiet_start": quiet_start,
            "quiet_end": quiet_end,
            "lock_screen": lock_screen,
        },
        at,
    )
    db.session.add(settings)
    db.session.commit()
    return outcome


def in_quiet_hours(settings: NotificationSettings, now: datetime) -> bool:
    return quiet_at(settings, local_minute(now))


def local_minute(now: datetime) -> int:
    """The minute of the day here (the time zone of the project) at `now`, UTC."""
    local = utc_to_local(now)
    return local.hour * 60 + local.minute


def quiet_at(settings, minute: int) -> bool:
    """`in_quiet_hours` at this minute of the local day (for many people at one moment)."""
    start, end = settings.quiet_start, settings.quiet_end
    if start == end:
        return False
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end  # over midnight: 21:00–08:00
