"""Meetings outside the app: .ics files, her secret calendar feed link, and map links.

A feed token is shown once and only its hash is stored, so a leaked database gives no links.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.agenda import CalendarFeed, Meeting
from webapp.services.agenda.participant import her_group_ids
from webapp.services.agenda.times import to_local


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
            .where(Meeting.group_id.in_(her_group_ids(user.id)), Meeting.ends_at > since)
            .order_by(Meeting.starts_at)
        )
    )


def _location(meeting: Meeting) -> str:
    return ", ".join(p for p in (meeting.place_name, meeting.address) if p)


def map_link(meeting: Meeting) -> str | None:
    """A plain maps search link; phones open it in their map app. No embed, no tracking."""
    if not meeting.address:
        return None
    return "https://www.openstreetmap.org/search?query=" + quote(_location(meeting))


def geo_link(meeting: Meeting) -> str | None:
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
        location = _location(meeting)
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
