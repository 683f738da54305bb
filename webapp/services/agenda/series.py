"""Series of meetings: a weekly or monthly rhythm expanded into one meeting per date, and
changes to the rest of a series.

Each date is its own meeting so that one date can move or be cancelled on its own.
"""

from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, User, utcnow
from webapp.models.agenda import Frequency, Meeting, MeetingSeries
from webapp.services import ServiceError
from webapp.services.agenda.meetings import (
    MeetingDetails,
    check_end_after_start,
    check_may_edit,
    check_times,
    new_meeting,
)
from webapp.services.agenda.notify import notify_participants
from webapp.services.agenda.times import local_parts, to_utc_span

MAX_SERIES_DAYS = 366
MAX_SERIES_MEETINGS = 60


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-4) weekday of a month, or the last one when n is 5."""
    if n >= 5:
        last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def series_dates(first: date, frequency: Frequency, until: date) -> list[date]:
    """The dates of a series, first included, until included. Monthly means the same weekday
    of the month (the 2nd Tuesday); a series starting on a 5th weekday takes the last one."""
    days: list[date] = []
    if frequency == Frequency.WEEKLY:
        day = first
        while day <= until:
            days.append(day)
            day += timedelta(days=7)
    elif frequency == Frequency.MONTHLY:
        n = (first.day - 1) // 7 + 1
        year, month = first.year, first.month
        while True:
            day = nth_weekday(year, month, first.weekday(), n)
            if day > until:
                break
            days.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        raise ServiceError(_l("Kies hoe vaak de bijeenkomst terugkomt."), "frequency")
    return days


def create_series(
    staff: User,
    group: Group,
    details: MeetingDetails,
    first: date | None,
    start: time | None,
    end: time | None,
    frequency: Frequency | str,
    until: date | None,
    now: datetime | None = None,
) -> MeetingSeries:
    """A weekly or monthly series, each date its own meeting. A series needs an end date."""
    check_may_edit(staff, group)
    details = details.clean()
    now = now or utcnow()
    check_times(first, start, end, now)  # the first date: not in the past, end after start
    if until is None:
        raise ServiceError(_l("Kies tot wanneer de bijeenkomst terugkomt."), "until")
    if until < first:
        raise ServiceError(
            _l("De laatste datum ligt voor de eerste. Kies een latere datum."), "until"
        )
    if (until - first).days > MAX_SERIES_DAYS:
        raise ServiceError(
            _l("Een reeks duurt hoogstens een jaar. Kies een eerdere einddatum."), "until"
        )
    try:
        frequency = Frequency(frequency)
    except ValueError:
        raise ServiceError(_l("Kies hoe vaak de bijeenkomst terugkomt."), "frequency") from None
    days = series_dates(first, frequency, until)
    if len(days) > MAX_SERIES_MEETINGS:
        raise ServiceError(_l("Dat zijn te veel bijeenkomsten in één reeks."), "until")
    series = MeetingSeries(
        group_id=group.id,
        frequency=frequency,
        first_date=first,
        until_date=until,
        start_time=start,
        end_time=end,
        created_by_id=staff.id,
    )
    db.session.add(series)
    db.session.flush()
    for day in days:
        try:
            starts_at, ends_at = to_utc_span(day, start, end)
        except ServiceError:
            continue  # 02:30 on the night the clock skips: that date has no such time
        meeting = new_meeting(group, details, staff, starts_at, ends_at)
        meeting.series_id = series.id
        meeting.series_date = day
        db.session.add(meeting)
    db.session.commit()
    return series


def update_following(
    staff: User,
    meeting: Meeting,
    details: MeetingDetails,
    start: time | None,
    end: time | None,
    now: datetime | None = None,
) -> list[Meeting]:
    """Apply the details and the time of day to the later dates of the meeting's series (each
    keeps its own date and its own recap; cancelled dates stay cancelled). Returns the moved
    meetings; their participants hear of it."""
    check_may_edit(staff, meeting.group)
    now = now or utcnow()
    if meeting.series_id is None:
        raise ServiceError(_l("Deze bijeenkomst hoort niet bij een reeks."))
    if start is None or end is None:
        raise ServiceError(_l("Vul de datum, de begintijd en de eindtijd in."), "start")
    check_end_after_start(start, end)
    details = details.clean()
    later = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.series_id == meeting.series_id,
            Meeting.id != meeting.id,
            Meeting.starts_at > meeting.starts_at,
            Meeting.starts_at > now,
            Meeting.cancelled_at.is_(None),
        )
        .order_by(Meeting.starts_at)
    ).all()
    moved = []
    for other in later:
        day = local_parts(other)[0]
        try:
            starts_at, ends_at = to_utc_span(day, start, end)
        except ServiceError:
            starts_at, ends_at = other.starts_at, other.ends_at  # the skipped hour: keep it
        details.apply(other)  # its own recap stays: the details do not hold one
        if (starts_at, ends_at) != (other.starts_at, other.ends_at):
            other.moved_from = other.starts_at
            other.starts_at, other.ends_at = starts_at, ends_at
            moved.append(other)
        other.sequence += 1
    db.session.commit()
    for other in moved:
        notify_participants(other, "moved")
    return moved
