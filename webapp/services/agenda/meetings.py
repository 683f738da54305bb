"""Planning single meetings (projectmedewerker): create, edit or move, cancel.

A move or a cancellation is told to every invited participant (see `notify`).
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l

from webapp.extensions import db
from webapp.models import Group, Role, User, utcnow
from webapp.models.agenda import Meeting
from webapp.services import ServiceError
from webapp.services.accounts import get_group_for_staff
from webapp.services.agenda.notify import notify_participants
from webapp.services.agenda.times import local_parts, to_utc_span
from webapp.services.versions import clean_versions, set_versions

# The meeting's texts with language versions (`HasVersions`), and their length limits.
VERSIONED = {"title": 120, "theme": 200, "place_notes": 1000, "what_to_bring": 2000}


@dataclass
class MeetingDetails:
    title: str
    theme: str = ""
    place_name: str = ""
    address: str = ""
    place_notes: str = ""
    what_to_bring: str = ""
    children_welcome: bool = False
    childcare_on_site: bool = False
    led_by: str = ""
    # Versions in other languages of the fields in VERSIONED: {"title": {"ar": "…"}}.
    translations: dict = field(default_factory=dict)

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
            place_notes=(self.place_notes or "").strip()[:1000],
            what_to_bring=(self.what_to_bring or "").strip()[:2000],
            children_welcome=bool(self.children_welcome),
            childcare_on_site=bool(self.childcare_on_site),
            led_by=(self.led_by or "").strip()[:120],
            translations={
                name: clean_versions(name, (self.translations or {}).get(name), limit)
                for name, limit in VERSIONED.items()
            },
        )

    def apply(self, meeting: Meeting) -> None:
        for name in self.__dataclass_fields__:
            if name != "translations":
                setattr(meeting, name, getattr(self, name))
        for name in VERSIONED:
            set_versions(meeting, name, (self.translations or {}).get(name) or {})


def check_end_after_start(start: time, end: time) -> None:
    if end <= start:
        raise ServiceError(
            _l("De eindtijd ligt voor de begintijd. Kies een latere eindtijd."), "end"
        )


def check_times(day: date | None, start: time | None, end: time | None, now: datetime):
    """The typed date and times as naive UTC, refused when missing, reversed or past."""
    if day is None or start is None or end is None:
        raise ServiceError(_l("Vul de datum, de begintijd en de eindtijd in."), "day")
    check_end_after_start(start, end)
    starts_at, ends_at = to_utc_span(day, start, end)
    if starts_at <= now:
        raise ServiceError(_l("Deze tijd is al voorbij. Kies een moment in de toekomst."), "day")
    return starts_at, ends_at


def check_may_edit(staff: User, group: Group) -> None:
    if staff.role not in (Role.STAFF, Role.ADMIN) or get_group_for_staff(staff, group.id) is None:
        raise ServiceError(_l("Je kunt geen bijeenkomsten maken voor deze groep."))


def new_meeting(group: Group, details: MeetingDetails, staff: User, starts_at, ends_at):
    """A meeting not yet added to the session, with a calendar UID that never changes."""
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
    check_may_edit(staff, group)
    details = details.clean()
    starts_at, ends_at = check_times(day, start, end, now or utcnow())
    meeting = new_meeting(group, details, staff, starts_at, ends_at)
    db.session.add(meeting)
    db.session.commit()
    return meeting


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
    check_may_edit(staff, meeting.group)
    now = now or utcnow()
    if meeting.cancelled:
        raise ServiceError(
            _l(
                "Deze bijeenkomst gaat niet door. Je kunt niets meer aan deze bijeenkomst veranderen."
            )
        )
    details = details.clean()
    moved = (day, start, end) != local_parts(meeting)
    if moved:
        starts_at, ends_at = check_times(day, start, end, now)
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


def cancel_meeting(staff: User, meeting: Meeting, now: datetime | None = None) -> Meeting:
    check_may_edit(staff, meeting.group)
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
