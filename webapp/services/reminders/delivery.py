"""Pushing claimed deliveries: one web push per phone, each result written as it comes
(`outcomes.Recorder`: every attempt recorded, failures tried again with backoff or after the
push service's Retry-After, gone phones forgotten)."""

import json
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Text, cast, select

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.reminders import (
    DeliveryState,
    NotificationSettings,
    PushDelivery,
    PushSubscription,
    Reminder,
    ReminderKind,
    StaffMessage,
)
from webapp.services import push as push_service
from webapp.services.push import Outcome
from webapp.services.reminders.dispatching import RENEW_EVERY
from webapp.services.reminders.outcomes import FLUSH_AFTER, Recorder
from webapp.services.reminders.records import among, chunks, plain_rows
from webapp.services.reminders.settings import default_settings
from webapp.services.reminders.texts import Payloads


def make_sender() -> push_service.Sender | None:
    """A sender with this instance's VAPID key, or None when there is no key."""
    key = push_service.vapid()
    if key is None:
        return None
    return push_service.Sender(key, push_service.contact())


# Everything one push needs, as plain columns (no ORM objects: a fan-out has thousands).
_d, _r = PushDelivery.__table__, Reminder.__table__
_s, _u = PushSubscription.__table__, User.__table__
_n = NotificationSettings.__table__
_ROWS = (
    select(
        _d.c.id,
        _d.c.tries,
        _d.c.claimed_at,
        _r.c.id.label("reminder_id"),
        _r.c.user_id,
        _r.c.kind,
        _r.c.target_id,
        # As text: decoded once per distinct value below, not once per push by the driver.
        cast(_r.c.params, Text).label("params"),
        _u.c.language,
        _s.c.id.label("subscription_id"),
        _s.c.endpoint,
        _s.c.p256dh,
        _s.c.auth,
        _n.c.lock_screen,  # None: she never chose, so the default
    )
    .select_from(_d)
    .join(_r, _r.c.id == _d.c.reminder_id)
    .join(_u, _u.c.id == _r.c.user_id)
    .outerjoin(_s, _s.c.id == _d.c.subscription_id)
    .outerjoin(_n, _n.c.user_id == _r.c.user_id)
    .where(_d.c.state == DeliveryState.SENDING)
)


class _Reminder(NamedTuple):  # what a payload reads of a reminder
    id: int
    kind: str
    target_id: int
    params: dict


class _Her(NamedTuple):  # and of her account
    id: int
    language: str


class _Settings(NamedTuple):  # and of her settings
    lock_screen: str


_DEFAULT_LOCK_SCREEN = default_settings().lock_screen


def deliver(
    delivery_ids: list[int],
    sender: push_service.Sender | None = None,
    now: datetime | None = None,
    claimed_at: datetime | None = None,
) -> dict:
    """Push these claimed deliveries, recording each result as it comes (a sender killed in
    the middle has recorded what it sent, and a second run sends only the rest). While it
    works it renews its claim, so no other sender takes these over. `claimed_at`: the claim
    this run holds (an RQ job's, from `enqueue`); deliveries claimed again since, by a run
    that found the claim stale, are that run's. Safe to call from RQ."""
    now = now or utcnow()
    sender = sender or make_sender()
    stats = {"sent": 0, "gone": 0, "retry": 0, "failed": 0}
    if not delivery_ids:
        return stats
    rows = [
        row
        for chunk in chunks(delivery_ids, 900)
        for row in plain_rows(db.session.execute(_ROWS.where(among(_d.c.id, chunk))))
        if claimed_at is None or row.claimed_at == claimed_at
    ]
    messages = _messages({r.target_id for r in rows if r.kind == ReminderKind.MESSAGE})
    record = Recorder(now, stats)
    payloads = Payloads()
    params_of: dict[str | None, dict | None] = {}  # a fan-out: one text for all its reminders
    items, live = [], []
    for row in rows:
        if row.endpoint is None or sender is None:  # the phone was removed meanwhile
            detail = "no subscription" if row.endpoint is None else "no keys"
            record.result(row, Outcome(None, detail=detail), gone=True)
            continue
        message = messages.get(row.target_id) if row.kind == ReminderKind.MESSAGE else None
        if row.params not in params_of:
            params_of[row.params] = json.loads(row.params) if row.params is not None else None
        payload = payloads.payload_for(
            _Reminder(row.reminder_id, row.kind, row.target_id, params_of[row.params]),
            _Her(row.user_id, row.language),
            _Settings(row.lock_screen or _DEFAULT_LOCK_SCREEN),
            message,
            params_key=row.params,
        )
        subscription = {"endpoint": row.endpoint, "keys": {"p256dh": row.p256dh, "auth": row.auth}}
        items.append((subscription, json.dumps(payload, ensure_ascii=False).encode(), _topic(row)))
        live.append(row)
    record.flush()
    if items:
        waiting = {row.id for row in live}
        look_every = min(FLUSH_AFTER, RENEW_EVERY.total_seconds())
        for got in sender.results(items, wait=look_every):
            for index, outcome in got:
                record.result(live[index], outcome)
                waiting.discard(live[index].id)
            record.flush_if_due()
            record.renew_if_due(waiting)
        record.flush()
    return stats


def _topic(row) -> str:
    """The push's Topic (RFC 8030: at most 32 base64url characters): one per reminder and
    phone, so a push service still holding it replaces it instead of adding a second."""
    return f"es-{row.reminder_id}-{row.subscription_id}"[:32]


def _messages(message_ids: set[int]) -> dict[int, StaffMessage]:
    if not message_ids:
        return {}
    return {
        m.id: m
        for m in db.session.scalars(select(StaffMessage).where(StaffMessage.id.in_(message_ids)))
    }
