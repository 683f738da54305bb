"""Amsterdam wall-clock time and naive UTC: the one place where they are converted.

What people type and read is Europe/Amsterdam time; what is stored is naive UTC. The clock
change twice a year is why this is not a plain offset.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from webapp.models import utcnow
from webapp.models.agenda import Meeting
from webapp.services import ServiceError

TZ = ZoneInfo("Europe/Amsterdam")


def to_utc(day: date, at: time) -> datetime:
    """Amsterdam wall-clock date and time to naive UTC. A time that does not exist (the hour
    skipped on the last Sunday of March) is refused; an hour that happens twice (last Sunday
    of October) means the first of the two."""
    local = datetime.combine(day, at, tzinfo=TZ)
    utc = local.astimezone(UTC)
    if utc.astimezone(TZ).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ServiceError(
            _l("Deze tijd bestaat niet op deze dag: de klok gaat dan een uur vooruit."), "start"
        )
    return utc.replace(tzinfo=None)


def to_utc_span(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Start and end on one Amsterdam day to naive UTC (see `to_utc` for the clock change)."""
    return to_utc(day, start), to_utc(day, end)


def to_local(moment: datetime) -> datetime:
    """Naive UTC to an aware Europe/Amsterdam datetime."""
    return moment.replace(tzinfo=UTC).astimezone(TZ)


def local_today(now: datetime | None = None) -> date:
    return to_local(now or utcnow()).date()


def local_parts(meeting: Meeting) -> tuple[date, time, time]:
    """Date, start and end time of a meeting in Amsterdam (for the edit form)."""
    start, end = to_local(meeting.starts_at), to_local(meeting.ends_at)
    return start.date(), start.time().replace(tzinfo=None), end.time().replace(tzinfo=None)
