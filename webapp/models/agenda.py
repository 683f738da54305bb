"""The agenda of group meetings: meetings (single or from a series), her answers (RSVP) and
her personal calendar feed.

Times are naive UTC in the database. A series keeps its wall-clock time in Europe/Amsterdam
(19:00 stays 19:00 across the daylight-saving change); each date of a series is its own
`Meeting` row, so a single date can be moved or cancelled.
"""

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.models.accounts import Group, User
from webapp.models.base import Base, ChangeTimes, utcnow
from webapp.models.versions import HasVersions


class Frequency(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class Answer(StrEnum):
    COMING = "coming"
    NOT_COMING = "not_coming"
    LATE = "late"


class NotComingReason(StrEnum):
    NO_CHILDCARE = "no_childcare"
    CHILD_ILL = "child_ill"
    ILL = "ill"
    APPOINTMENT = "appointment"
    OTHER = "other"


class MeetingSeries(Base):
    """A repeating meeting: weekly, or monthly on the same weekday of the month."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    frequency: Mapped[Frequency] = mapped_column(String(10))
    first_date: Mapped[date]
    until_date: Mapped[date]
    start_time: Mapped[time]  # Europe/Amsterdam wall-clock time
    end_time: Mapped[time]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    group: Mapped[Group] = relationship()
    meetings: Mapped[list["Meeting"]] = relationship(back_populates="series")


class Meeting(HasVersions, Base):
    """One meeting. Its texts (title, theme, place notes, what to bring, recap) are Dutch with
    optional versions per language (`HasVersions`)."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable identity for calendar apps: never changes, even when the meeting moves.
    uid: Mapped[str] = mapped_column(String(80), unique=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="SET NULL"), index=True
    )
    # The date this meeting had in its series before it was moved (local date).
    series_date: Mapped[date | None]
    title: Mapped[str] = mapped_column(String(120))
    theme: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime] = mapped_column(index=True)  # naive UTC
    ends_at: Mapped[datetime]  # naive UTC
    place_name: Mapped[str] = mapped_column(String(120), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    # How to find the room, the entrance, the lift: a text with language versions.
    place_notes: Mapped[str] = mapped_column(Text, default="")
    what_to_bring: Mapped[str] = mapped_column(Text, default="")
    children_welcome: Mapped[bool] = mapped_column(default=False)
    childcare_on_site: Mapped[bool] = mapped_column(default=False)
    led_by: Mapped[str] = mapped_column(String(120), default="")
    # The recap ("wat we deden", Markdown) and the homework (one line, it can become a step in
    # her plan, in this life area), written afterwards by the trainster or the medewerker.
    report: Mapped[str] = mapped_column(Text, default="")
    homework: Mapped[str] = mapped_column(String(200), default="")
    homework_area: Mapped[str] = mapped_column(String(20), default="netwerk")
    moved_from: Mapped[datetime | None]  # naive UTC start before the last move
    cancelled_at: Mapped[datetime | None]
    sequence: Mapped[int] = mapped_column(default=0)  # iCalendar SEQUENCE, up on every change
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    group: Mapped[Group] = relationship()
    series: Mapped[MeetingSeries | None] = relationship(back_populates="meetings")
    rsvps: Mapped[list["Rsvp"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class Rsvp(ChangeTimes, Base):
    """Her answer to one meeting. Always the whole answer (absolute), so sending it twice is
    harmless; the later answer she gave wins (`field_times`)."""

    __tablename__ = "rsvps"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    answer: Mapped[Answer] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(String(20))  # NotComingReason, only if she chose
    childcare_needed: Mapped[bool] = mapped_column(default=False)
    children_count: Mapped[int] = mapped_column(default=0)
    children_ages: Mapped[str] = mapped_column(String(40), default="")  # "2,5": years, in order
    answered_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="rsvps")
    user: Mapped[User] = relationship()

    @property
    def ages(self) -> list[int]:
        return [int(a) for a in self.children_ages.split(",") if a.strip().isdigit()]


class CalendarFeed(Base):
    """Her personal calendar link. Only a hash of the secret is kept; a new link or 'stop'
    revokes the old one."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
