"""Reminders and messages in her inbox, the phones that may receive a push, and every attempt
to send one.

A `Reminder` is one item in one participant's inbox. Its key (user, kind, target, moment) is
unique, so however often and on however many machines `flask reminders send-due` runs, it
exists (and is pushed) at most once. Its text is not stored: it is rendered from `kind` and
`params` in her language when it is sent and when she reads it.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.models.accounts import User
from webapp.models.base import Base, ChangeTimes, utcnow
from webapp.models.versions import HasVersions


class ReminderKind:
    MEETING_WEEK = "meeting_week"  # 7 days before: "heb je opvang geregeld?"
    MEETING_DAY_BEFORE = "meeting_day_before"
    MEETING_MORNING = "meeting_morning"
    MEETING_CHANGED = "meeting_changed"  # cancelled or moved (sent by the agenda)
    STEP_DAY_BEFORE = "step_day_before"
    STEP_MORNING = "step_morning"
    CHILDCARE_ACTION = "childcare_action"  # the day before her own kinderopvang next action
    MESSAGE = "message"  # written by a projectmedewerker
    MEETING_NEWS = "meeting_news"  # a recap, homework or material shared for a meeting
    GROUP_NEWS = "group_news"  # a material shared for the whole group


class PushState:
    PENDING = "pending"  # created, not handled yet (or waiting for quiet hours to end)
    SENDING = "sending"  # deliveries made, being pushed
    PUSHED = "pushed"  # at least one phone accepted it
    INBOX = "inbox"  # only in the inbox: push off, no phone, or every phone failed


class StaffMessage(HasVersions, Base):
    """A short message a projectmedewerker wrote: `body` in Dutch, with optional versions per
    language (`HasVersions`: `translations["body"]`)."""

    __tablename__ = "staff_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    # "group", "meeting" (everyone invited) or "no_answer" (invited, no RSVP yet)
    audience: Mapped[str] = mapped_column(String(20))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column()  # the agenda's meeting, when there is one
    body: Mapped[str] = mapped_column(Text)  # Dutch, the fallback
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship()


class Reminder(ChangeTimes, Base):
    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "target_id", "moment"),
        Index("ix_reminders_state_due", "push_state", "due_at"),
        # Her inbox, newest first, a page at a time: read in order from here, not all of her
        # reminders sorted for every page (a year holds hundreds).
        Index("ix_reminders_user_due", "user_id", "due_at", "id"),
        # Her unread count, on every page of hers (the tab badge): only the unread are read.
        Index(
            "ix_reminders_unread",
            "user_id",
            "due_at",
            sqlite_where=text("read_at IS NULL"),
            postgresql_where=text("read_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[int] = mapped_column()  # meeting, step or staff message id
    moment: Mapped[datetime] = mapped_column()  # what it is about (start of the meeting, …)
    due_at: Mapped[datetime] = mapped_column()  # from when it may be sent
    url: Mapped[str] = mapped_column(String(300))  # opened by a tap on the notification
    params: Mapped[dict] = mapped_column(JSON, default=dict)  # title, place, … (no text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    push_state: Mapped[str] = mapped_column(String(10), default=PushState.PENDING)
    handled_at: Mapped[datetime | None] = mapped_column()
    read_at: Mapped[datetime | None] = mapped_column()
    # Her quick answer to "heb je opvang geregeld?": yes, childcare_on_site, cannot_come
    answer: Mapped[str | None] = mapped_column(String(20))

    user: Mapped[User] = relationship()


class PushSubscription(Base):
    """One phone or browser of one person (PushSubscription.toJSON() from the page)."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1000), unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()

    def as_webpush(self) -> dict:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class DeliveryState:
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    GONE = "gone"  # 404/410: the subscription was deleted
    FAILED = "failed"  # gave up after retries


class PushDelivery(Base):
    """One reminder to one phone: retried with backoff until it is sent, gone or given up."""

    __tablename__ = "push_deliveries"
    __table_args__ = (
        UniqueConstraint("reminder_id", "subscription_id"),
        Index("ix_push_deliveries_state_next", "state", "next_try_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_id: Mapped[int] = mapped_column(
        ForeignKey("reminders.id", ondelete="CASCADE"), index=True
    )
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="SET NULL"), index=True
    )
    state: Mapped[str] = mapped_column(String(10), default=DeliveryState.PENDING)
    tries: Mapped[int] = mapped_column(default=0)
    next_try_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()

    reminder: Mapped[Reminder] = relationship()
    subscription: Mapped[PushSubscription | None] = relationship()


class PushAttempt(Base):
    """Every try, kept so 'never sent' and 'sent but not shown' can be told apart."""

    __tablename__ = "push_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("push_deliveries.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None] = mapped_column()  # None: no answer (network error)
    outcome: Mapped[str] = mapped_column(String(10))  # sent, gone, throttled, retry, failed
    detail: Mapped[str | None] = mapped_column(String(200))  # error class, never content


class NotificationSettings(ChangeTimes, Base):
    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    push_enabled: Mapped[bool] = mapped_column(default=True)
    # Quiet hours in minutes after midnight, Europe/Amsterdam; start == end means none.
    quiet_start: Mapped[int] = mapped_column(default=21 * 60)
    quiet_end: Mapped[int] = mapped_column(default=8 * 60)
    # "neutral": "Je hebt een nieuw bericht van Elke Stap"; "details": what it is about.
    lock_screen: Mapped[str] = mapped_column(String(10), default="neutral")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
