"""The agenda: group meetings, series, her answers (RSVP), childcare counts and calendars.

Times are stored as naive UTC. What people type and read is Europe/Amsterdam wall-clock time;
the conversion happens here (`to_utc`, `to_local`) and nowhere else.
"""

import csv
import hashlib
import io
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, Membership, Role, User, utcnow
from webapp.models.agenda import (
    Answer,
    CalendarFeed,
    Frequency,
    Meeting,
    MeetingSeries,
    NotComingReason,
    Rsvp,
)
from webapp.services import ServiceError
from webapp.services.accounts import get_group_for_staff, groups_for_staff

TZ = ZoneInfo("Europe/Amsterdam")
MAX_SERIES_DAYS = 366
MAX_SERIES_MEETINGS = 60
MAX_CHILDREN = 8
MAX_AGE = 17


# --- Time ---------------------------------------------------------------------------------


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


def to_local(moment: datetime) -> datetime:
    """Naive UTC to an aware Europe/Amsterdam datetime."""
    return moment.replace(tzinfo=UTC).astimezone(TZ)


def local_today(now: datetime | None = None) -> date:
    return to_local(now or utcnow()).date()


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


# --- Creating and changing meetings (projectmedewerker) -----------------------------------


@dataclass
class MeetingDetails:
    title: str
    theme: str = ""
    place_name: str = ""
    address: str = ""
    what_to_bring: str = ""
    children_welcome: bool = False
    childcare_on_site: bool = False
    led_by: str = ""
    report: str = ""

    def clean(self) -> "MeetingDetails":
        title = (self.title or "").strip()
        if not title:
            raise ServiceError(_l("Geef de bijeenkomst een naam."), "title")
        if len(title) > 120:
            raise ServiceError(_l("De naam is te lang (hoogstens 120 tekens)."), "title")
        return MeetingDetails(
            title=title,
            theme=(self.theme or "").strip()[:200],
            place_name=(self.place_name or "").strip()[:120],
            address=(self.address or "").strip()[:200],
            what_to_bring=(self.what_to_bring or "").strip()[:2000],
            children_welcome=bool(self.children_welcome),
            childcare_on_site=bool(self.childcare_on_site),
            led_by=(self.led_by or "").strip()[:120],
            report=(self.report or "").strip()[:4000],
        )

    def apply(self, meeting: Meeting) -> None:
        for name in self.__dataclass_fields__:
            setattr(meeting, name, getattr(self, name))


def _times(day: date | None, start: time | None, end: time | None, now: datetime):
    if day is None or start is None or end is None:
        raise ServiceError(_l("Vul de datum, de begintijd en de eindtijd in."), "day")
    if end <= start:
        raise ServiceError(
            _l("De eindtijd ligt voor de begintijd. Kies een latere eindtijd."), "end"
        )
    starts_at, ends_at = to_utc(day, start), to_utc(day, end)
    if starts_at <= now:
        raise ServiceError(_l("Deze tijd is al voorbij. Kies een moment in de toekomst."), "day")
    return starts_at, ends_at


def _check_may_edit(staff: User, group: Group) -> None:
    if staff.role not in (Role.STAFF, Role.ADMIN) or get_group_for_staff(staff, group.id) is None:
        raise ServiceError(_l("Je kunt geen bijeenkomsten maken voor deze groep."))


def _new_meeting(group: Group, details: MeetingDetails, staff: User, starts_at, ends_at):
    meeting = Meeting(
        uid=f"{uuid.uuid4()}@elkestap",
        group_id=group.id,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by_id=staff.id,
    )
    details.apply(meeting)
    return meeting


def create_meeting(
    staff: User,
    group: Group,
    details: MeetingDetails,
    day: date | None,
    start: time | None,
    end: time | None,
    now: datetime | None = None,
) -> Meeting:
    _check_may_edit(staff, group)
    details = details.clean()
    starts_at, ends_at = _times(day, start, end, now or utcnow())
    meeting = _new_meeting(group, details, staff, starts_at, ends_at)
    db.session.add(meeting)
    db.session.commit()
    return meeting


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
    _check_may_edit(staff, group)
    details = details.clean()
    now = now or utcnow()
    _times(first, start, end, now)  # the first date: not in the past, end after start
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
            starts_at, ends_at = to_utc(day, start), to_utc(day, end)
        except ServiceError:
            continue  # 02:30 on the night the clock skips: that date has no such time
        meeting = _new_meeting(group, details, staff, starts_at, ends_at)
        meeting.series_id = series.id
        meeting.series_date = day
        db.session.add(meeting)
    db.session.commit()
    return series


def update_meeting(
    staff: User,
    meeting: Meeting,
    details: MeetingDetails,
    day: date | None,
    start: time | None,
    end: time | None,
    now: datetime | None = None,
) -> Meeting:
    """Change a meeting; a new date or time is a move, and every invited participant hears
    of it."""
    _check_may_edit(staff, meeting.group)
    now = now or utcnow()
    if meeting.cancelled:
        raise ServiceError(
            _l("Deze bijeenkomst gaat niet door. Je kunt haar niet meer veranderen.")
        )
    details = details.clean()
    moved = (day, start, end) != _local_parts(meeting)
    if moved:
        starts_at, ends_at = _times(day, start, end, now)
        moved = (starts_at, ends_at) != (meeting.starts_at, meeting.ends_at)
    details.apply(meeting)
    if moved:
        meeting.moved_from = meeting.starts_at
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.sequence += 1
    db.session.commit()
    if moved:
        notify_participants(meeting, "moved")
    return meeting


def update_following(
    staff: User,
    meeting: Meeting,
    details: MeetingDetails,
    start: time | None,
    end: time | None,
    now: datetime | None = None,
) -> list[Meeting]:
    """Apply the details and the time of day to the later dates of the meeting's series (each
    keeps its own date and its own report; cancelled dates stay cancelled). Returns the moved
    meetings; their participants hear of it."""
    _check_may_edit(staff, meeting.group)
    now = now or utcnow()
    if meeting.series_id is None:
        raise ServiceError(_l("Deze bijeenkomst hoort niet bij een reeks."))
    if start is None or end is None:
        raise ServiceError(_l("Vul de datum, de begintijd en de eindtijd in."), "start")
    if end <= start:
        raise ServiceError(
            _l("De eindtijd ligt voor de begintijd. Kies een latere eindtijd."), "end"
        )
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
        day = _local_parts(other)[0]
        try:
            starts_at, ends_at = to_utc(day, start), to_utc(day, end)
        except ServiceError:
            starts_at, ends_at = other.starts_at, other.ends_at  # the skipped hour: keep it
        report = other.report
        details.apply(other)
        other.report = report
        if (starts_at, ends_at) != (other.starts_at, other.ends_at):
            other.moved_from = other.starts_at
            other.starts_at, other.ends_at = starts_at, ends_at
            moved.append(other)
        other.sequence += 1
    db.session.commit()
    for other in moved:
        notify_participants(other, "moved")
    return moved


def _local_parts(meeting: Meeting) -> tuple[date, time, time]:
    start, end = to_local(meeting.starts_at), to_local(meeting.ends_at)
    return start.date(), start.time().replace(tzinfo=None), end.time().replace(tzinfo=None)


def local_parts(meeting: Meeting) -> tuple[date, time, time]:
    """Date, start and end time of a meeting in Amsterdam (for the edit form)."""
    return _local_parts(meeting)


def cancel_meeting(staff: User, meeting: Meeting, now: datetime | None = None) -> Meeting:
    _check_may_edit(staff, meeting.group)
    now = now or utcnow()
    if meeting.cancelled:
        return meeting  # cancelling twice is harmless
    if meeting.ends_at <= now:
        raise ServiceError(_l("Deze bijeenkomst is al voorbij."))
    meeting.cancelled_at = now
    meeting.sequence += 1
    db.session.commit()
    notify_participants(meeting, "cancelled")
    return meeting


# --- Telling participants about a change --------------------------------------------------

# function(meeting, kind, participants) called after a meeting is moved or cancelled. The
# inbox/reminders feature registers here (kind is "moved" or "cancelled").
MEETING_CHANGE_LISTENERS: list[Callable[[Meeting, str, list[User]], None]] = []


def invited_participants(meeting: Meeting) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.group_id == meeting.group_id,
                User.role == Role.PARTICIPANT,
                User.active.is_(True),
            )
            .order_by(User.id)
        )
    )


def notify_participants(meeting: Meeting, kind: str) -> list[User]:
    """Tell everyone invited that the meeting moved or was cancelled: each registered listener
    (the inbox) gets the meeting, the kind and the people. Returns who was told."""
    if kind not in ("moved", "cancelled"):
        raise ValueError(kind)
    people = invited_participants(meeting)
    for listener in MEETING_CHANGE_LISTENERS:
        listener(meeting, kind, people)
    return people


# --- What a participant sees ---------------------------------------------------------------


def _group_ids(user: User) -> list[int]:
    return [m.group_id for m in user.memberships]


def _meetings_of_groups(
    group_ids, upcoming: bool, now: datetime | None, past_limit: int
) -> list[Meeting]:
    """Upcoming meetings soonest first, or the most recent past ones."""
    now = now or utcnow()
    query = select(Meeting).where(Meeting.group_id.in_(group_ids))
    if upcoming:
        query = query.where(Meeting.ends_at > now).order_by(Meeting.starts_at)
    else:
        query = query.where(Meeting.ends_at <= now).order_by(Meeting.starts_at.desc())
        query = query.limit(past_limit)
    return list(db.session.scalars(query))


def meetings_for_participant(
    user: User, upcoming: bool = True, now: datetime | None = None
) -> list[Meeting]:
    return _meetings_of_groups(_group_ids(user), upcoming, now, past_limit=30)


def get_meeting_for_participant(user: User, meeting_id: int) -> Meeting | None:
    """A meeting of one of her groups, or None (the view answers 404)."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.group_id not in _group_ids(user):
        return None
    return meeting


def next_meeting(user: User, now: datetime | None = None) -> Meeting | None:
    """Her next meeting that takes place (her home shows it on every visit: one row only)."""
    return db.session.scalar(
        select(Meeting)
        .where(
            Meeting.group_id.in_(_group_ids(user)),
            Meeting.ends_at > (now or utcnow()),
            Meeting.cancelled_at.is_(None),
        )
        .order_by(Meeting.starts_at)
        .limit(1)
    )


def rsvp_of(user: User, meeting: Meeting) -> Rsvp | None:
    return db.session.scalar(
        select(Rsvp).where(Rsvp.meeting_id == meeting.id, Rsvp.user_id == user.id)
    )


def rsvps_of(user: User, meetings: list[Meeting]) -> dict[int, Rsvp]:
    ids = [m.id for m in meetings]
    if not ids:
        return {}
    rows = db.session.scalars(select(Rsvp).where(Rsvp.user_id == user.id, Rsvp.meeting_id.in_(ids)))
    return {r.meeting_id: r for r in rows}


def late_allowed(meeting: Meeting, now: datetime | None = None) -> bool:
    """'Ik ben later' only on the day itself, until the meeting ends."""
    now = now or utcnow()
    return local_today(now) == to_local(meeting.starts_at).date() and now < meeting.ends_at


def open_for_answers(meeting: Meeting, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return not meeting.cancelled and (now < meeting.starts_at or late_allowed(meeting, now))


@dataclass
class Childcare:
    needed: bool = False
    count: int = 0
    ages: list[int] = field(default_factory=list)


def parse_ages(values: list[str]) -> list[int]:
    ages = []
    for value in values:
        value = (value or "").strip()
        if not value:
            continue
        if not value.isdigit() or int(value) > MAX_AGE:
            raise ServiceError(_l("Vul een leeftijd in van 0 tot %(n)d jaar.", n=MAX_AGE), "ages")
        ages.append(int(value))
    return ages


def answer_meeting(
    user: User,
    meeting_id: int,
    answer: Answer | str,
    reason: str | None = None,
    childcare: Childcare | None = None,
    now: datetime | None = None,
) -> Rsvp:
    """Her whole answer, replacing any earlier one: sending it twice changes nothing."""
    now = now or utcnow()
    meeting = get_meeting_for_participant(user, meeting_id)
    if meeting is None or user.role != Role.PARTICIPANT:
        raise ServiceError(_l("Deze bijeenkomst is niet van jouw groep."), "meeting")
    try:
        answer = Answer(answer)
    except ValueError:
        raise ServiceError(_l("Kies: ik kom, ik kom niet of ik ben later."), "answer") from None
    if meeting.cancelled:
        raise ServiceError(_l("Deze bijeenkomst gaat niet door."), "answer")
    if answer == Answer.LATE:
        if not late_allowed(meeting, now):
            raise ServiceError(
                _l("'Ik ben later' kan alleen op de dag van de bijeenkomst zelf."), "answer"
            )
    elif now >= meeting.starts_at:
        raise ServiceError(
            _l("De bijeenkomst is al begonnen. Je kunt je antwoord niet meer veranderen."),
            "answer",
        )
    childcare = childcare or Childcare()
    if answer == Answer.NOT_COMING:
        childcare = Childcare()
        if reason:
            try:
                reason = NotComingReason(reason).value
            except ValueError:
                reason = None
    else:
        reason = None
    if childcare.needed:
        if not 1 <= childcare.count <= MAX_CHILDREN:
            raise ServiceError(
                _l("Voor hoeveel kinderen heb je opvang nodig? Kies 1 tot %(n)d.", n=MAX_CHILDREN),
                "children",
            )
        if len(childcare.ages) > childcare.count:
            raise ServiceError(_l("Je gaf meer leeftijden dan kinderen."), "ages")
        if any(not 0 <= a <= MAX_AGE for a in childcare.ages):
            raise ServiceError(_l("Vul een leeftijd in van 0 tot %(n)d jaar.", n=MAX_AGE), "ages")
    else:
        childcare = Childcare()
    rsvp = rsvp_of(user, meeting) or Rsvp(meeting_id=meeting.id, user_id=user.id)
    rsvp.answer = answer
    rsvp.reason = reason
    rsvp.childcare_needed = childcare.needed
    rsvp.children_count = childcare.count if childcare.needed else 0
    rsvp.children_ages = ",".join(str(a) for a in childcare.ages)
    rsvp.answered_at = now
    db.session.add(rsvp)
    db.session.commit()
    return rsvp


# --- What the projectmedewerker sees -------------------------------------------------------


def meetings_for_staff(
    staff: User, upcoming: bool = True, now: datetime | None = None
) -> list[Meeting]:
    ids = [g.id for g in groups_for_staff(staff)]
    return _meetings_of_groups(ids, upcoming, now, past_limit=50)


def get_meeting_for_staff(staff: User, meeting_id: int) -> Meeting | None:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or get_group_for_staff(staff, meeting.group_id) is None:
        return None
    return meeting


@dataclass
class Overview:
    coming: list[Rsvp]
    not_coming: list[Rsvp]
    late: list[Rsvp]
    unanswered: list[User]
    childcare: list[Rsvp]  # who needs childcare (coming or late)

    @property
    def children(self) -> int:
        return sum(r.children_count for r in self.childcare)

    def ages(self) -> dict[int, int]:
        """Age -> how many children of that age."""
        counts: dict[int, int] = {}
        for r in self.childcare:
            for age in r.ages:
                counts[age] = counts.get(age, 0) + 1
        return dict(sorted(counts.items()))

    @property
    def unknown_ages(self) -> int:
        return sum(max(r.children_count - len(r.ages), 0) for r in self.childcare)


def overview(meeting: Meeting) -> Overview:
    people = invited_participants(meeting)
    by_user = {r.user_id: r for r in meeting.rsvps}
    answered = [by_user[p.id] for p in people if p.id in by_user]
    return Overview(
        coming=[r for r in answered if r.answer == Answer.COMING],
        not_coming=[r for r in answered if r.answer == Answer.NOT_COMING],
        late=[r for r in answered if r.answer == Answer.LATE],
        unanswered=[p for p in people if p.id not in by_user],
        childcare=[r for r in answered if r.childcare_needed and r.answer != Answer.NOT_COMING],
    )


def first_name(user: User) -> str:
    return (user.display_name or "").split(" ")[0]


def childcare_csv(meeting: Meeting) -> str:
    """For the childcare provider: first name and the children's ages, nothing else."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["voornaam", "aantal_kinderen", "leeftijden"])
    for rsvp in overview(meeting).childcare:
        ages = " ".join(str(a) for a in rsvp.ages)
        name = first_name(rsvp.user)
        if name[:1] in ("=", "+", "-", "@"):
            name = "'" + name  # never a formula in a spreadsheet
        writer.writerow([name, rsvp.children_count, ages])
    return out.getvalue()


# --- Calendars ----------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_feed(user: User) -> str:
    """A new secret calendar link for her; the old one stops working. Returns the token, which
    is shown once and never stored."""
    revoke_feeds(user, commit=False)
    token = secrets.token_urlsafe(24)
    db.session.add(CalendarFeed(user_id=user.id, token_hash=_hash(token)))
    db.session.commit()
    return token


def revoke_feeds(user: User, commit: bool = True) -> None:
    for feed in db.session.scalars(
        select(CalendarFeed).where(
            CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None)
        )
    ):
        feed.revoked_at = utcnow()
    if commit:
        db.session.commit()


def has_feed(user: User) -> bool:
    return (
        db.session.scalar(
            select(CalendarFeed.id).where(
                CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None)
            )
        )
        is not None
    )


def feed_owner(token: str) -> User | None:
    """The participant whose live link this is, or None for a wrong or revoked token."""
    if not token or len(token) > 100:
        return None
    feed = db.session.scalar(
        select(CalendarFeed).where(
            CalendarFeed.token_hash == _hash(token), CalendarFeed.revoked_at.is_(None)
        )
    )
    if feed is None or not feed.user.is_active:
        return None
    feed.last_used_at = utcnow()
    db.session.commit()
    return feed.user


def feed_meetings(user: User, now: datetime | None = None) -> list[Meeting]:
    """Her group's meetings from 60 days ago on."""
    since = (now or utcnow()) - timedelta(days=60)
    return list(
        db.session.scalars(
            select(Meeting)
            .where(Meeting.group_id.in_(_group_ids(user)), Meeting.ends_at > since)
            .order_by(Meeting.starts_at)
        )
    )


def map_link(meeting: Meeting) -> str | None:
    """A plain maps search link; phones open it in their map app. No embed, no tracking."""
    from urllib.parse import quote

    where = ", ".join(p for p in (meeting.place_name, meeting.address) if p)
    if not meeting.address:
        return None
    return "https://www.openstreetmap.org/search?query=" + quote(where)


def geo_link(meeting: Meeting) -> str | None:
    from urllib.parse import quote

    if not meeting.address:
        return None
    return "geo:0,0?q=" + quote(meeting.address)


def to_ics(meetings: list[Meeting], name: str, description_for=None) -> bytes:
    """An iCalendar file: Europe/Amsterdam times with their VTIMEZONE, one stable UID per
    meeting, a cancelled meeting marked CANCELLED so calendars remove it."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Elke Stap//Agenda//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting.uid)
        event.add("dtstamp", meeting.updated_at.replace(tzinfo=UTC))
        event.add("dtstart", to_local(meeting.starts_at))
        event.add("dtend", to_local(meeting.ends_at))
        event.add("summary", meeting.title)
        event.add("sequence", meeting.sequence)
        location = ", ".join(p for p in (meeting.place_name, meeting.address) if p)
        if location:
            event.add("location", location)
        lines = [meeting.theme]
        if meeting.what_to_bring:
            lines.append(str(_l("Neem mee: %(what)s", what=meeting.what_to_bring)))
        if meeting.led_by:
            lines.append(str(_l("Met %(name)s", name=meeting.led_by)))
        if description_for:
            lines.append(description_for(meeting))
        description = "\n".join(line for line in lines if line)
        if description:
            event.add("description", description)
        event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


# --- Demo ---------------------------------------------------------------------------------


def load_demo_meetings(now: datetime | None = None) -> None:
    """Groep Zuid: a startbijeenkomst in a few days, a weekly series from next week with one
    date cancelled (school holiday), and one past meeting with a short report. Runs once."""
    from webapp.services.demo import GROUP, ORGANISATION

    now = now or utcnow()
    group = db.session.scalar(select(Group).join(Group.organisation).where(Group.name == GROUP))
    staff = db.session.scalar(select(User).where(User.username == "medewerker"))
    if group is None or staff is None or group.organisation.name != ORGANISATION:
        return
    if db.session.scalar(select(Meeting.id).where(Meeting.group_id == group.id)):
        return
    place = MeetingDetails(
        title="",
        place_name="Wijkcentrum De Vaart",
        address="Slinge 1, 3085 EK Rotterdam",
        children_welcome=True,
        childcare_on_site=True,
        led_by="Nadia (peer trainster)",
    )
    today = local_today(now)
    next_week = today + timedelta(days=7 - today.weekday() + 1)  # Tuesday next week
    create_meeting(
        staff,
        group,
        replace(
            place,
            title="Startbijeenkomst",
            theme="Kennismaken en kiezen voor werk",
            what_to_bring="Je uitnodiging en iets om op te schrijven.",
        ),
        next_week - timedelta(days=1),  # the day before the series starts
        time(10, 0),
        time(12, 0),
        now=now,
    )
    series = create_series(
        staff,
        group,
        replace(place, title="Kind & Werkgeluk", theme="Werk en geld: wat past bij jou?"),
        next_week,
        time(9, 30),
        time(12, 0),
        Frequency.WEEKLY,
        next_week + timedelta(weeks=5),
        now=now,
    )
    holiday = sorted(series.meetings, key=lambda m: m.starts_at)[2]
    holiday.cancelled_at = now
    holiday.sequence += 1
    past = _new_meeting(
        group,
        replace(place, title="Kennismaking met de groep").clean(),
        staff,
        to_utc(today - timedelta(days=14), time(10)),
        to_utc(today - timedelta(days=14), time(12)),
    )
    past.report = (
        "We maakten kennis en vertelden over onze kinderen en onze wensen. "
        "Nadia vertelde haar eigen verhaal over werk zoeken met kinderen."
    )
    db.session.add(past)
    db.session.commit()


from webapp.services.demo import DEMO_EXTRAS  # noqa: E402

if load_demo_meetings not in DEMO_EXTRAS:
    DEMO_EXTRAS.append(load_demo_meetings)
