"""Pushing claimed deliveries: one web push per phone, every attempt recorded, failures tried
again with backoff (or after the push service's Retry-After), gone phones forgotten."""

import json
import logging
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.reminders import (
    DeliveryState,
    PushAttempt,
    PushDelivery,
    PushState,
    PushSubscription,
    Reminder,
    ReminderKind,
    StaffMessage,
)
from webapp.services import push as push_service
from webapp.services.reminders.records import chunks
from webapp.services.reminders.settings import get_settings, load_settings
from webapp.services.reminders.texts import payload_for

log = logging.getLogger("elkestap.reminders")

MAX_TRIES = 6


def make_sender() -> push_service.Sender | None:
    """A sender with this instance's VAPID key, or None when there is no key."""
    key = push_service.vapid()
    if key is None:
        return None
    return push_service.Sender(key, push_service.contact())


def deliver(
    delivery_ids: list[int],
    sender: push_service.Sender | None = None,
    now: datetime | None = None,
) -> dict:
    """Push these (claimed) deliveries and record every attempt. Safe to call from RQ."""
    now = now or utcnow()
    sender = sender or make_sender()
    stats = {"sent": 0, "gone": 0, "retry": 0, "failed": 0}
    if not delivery_ids:
        return stats
    rows = db.session.execute(
        select(PushDelivery, Reminder, PushSubscription, User)
        .join(Reminder, Reminder.id == PushDelivery.reminder_id)
        .join(User, User.id == Reminder.user_id)
        .outerjoin(PushSubscription, PushSubscription.id == PushDelivery.subscription_id)
        .where(PushDelivery.id.in_(delivery_ids), PushDelivery.state == DeliveryState.SENDING)
    ).all()
    settings = load_settings({u.id for _d, _r, _s, u in rows})
    messages = _messages({r.target_id for _d, r, _s, _u in rows if r.kind == ReminderKind.MESSAGE})
    items, live = [], []
    attempts, results = [], {}
    for delivery, reminder, sub, user in rows:
        if sub is None or sender is None:  # the phone was removed meanwhile
            results[delivery.id] = (DeliveryState.GONE, None)
            detail = "no subscription" if sub is None else "no keys"
            attempts.append(_attempt(delivery.id, now, None, "gone", detail))
            continue
        s = settings.get(user.id) or get_settings(user)
        message = (
            messages.get(reminder.target_id) if reminder.kind == ReminderKind.MESSAGE else None
        )
        payload = json.dumps(payload_for(reminder, user, s, message), ensure_ascii=False)
        items.append((sub.as_webpush(), payload.encode()))
        live.append((delivery, sub))
    outcomes = sender.send_many(items) if items else []
    gone_subs = set()
    tries_of: dict[int, int] = {}
    for (delivery, sub), outcome in zip(live, outcomes, strict=True):
        tries = tries_of[delivery.id] = delivery.tries + 1
        state, label, next_try = _next_state(outcome, tries, now)
        if state == DeliveryState.GONE:
            gone_subs.add(sub.id)
        stats[label if label in stats else "retry"] += 1
        results[delivery.id] = (state, next_try)
        attempts.append(_attempt(delivery.id, now, outcome.status_code, label, outcome.detail))
        if not outcome.sent:
            # The push service and ids only: nothing about her, nothing of the text.
            log.warning(
                "push %s to %s: %s (try %d, delivery %d)",
                label,
                push_service.endpoint_host(sub.endpoint),
                outcome.detail or outcome.status_code,
                tries,
                delivery.id,
            )
    if attempts:
        db.session.execute(insert(PushAttempt), attempts)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for delivery, _r, _s, _u in rows:
        state, next_try = results.get(delivery.id, (DeliveryState.FAILED, None))
        groups[(state, next_try, tries_of.get(delivery.id, delivery.tries))].append(delivery.id)
    _record_results(groups, now)
    if gone_subs:
        _forget_phones(gone_subs)
    db.session.expire_all()
    _settle_reminders({r.id for _d, r, _s, _u in rows}, now)
    db.session.commit()
    return stats


def _messages(message_ids: set[int]) -> dict[int, StaffMessage]:
    if not message_ids:
        return {}
    return {
        m.id: m
        for m in db.session.scalars(select(StaffMessage).where(StaffMessage.id.in_(message_ids)))
    }


def _attempt(delivery_id: int, at: datetime, status_code, outcome: str, detail) -> dict:
    return {
        "delivery_id": delivery_id,
        "at": at,
        "status_code": status_code,
        "outcome": outcome,
        "detail": detail,
    }


def _next_state(outcome, tries: int, now: datetime) -> tuple[str, str, datetime | None]:
    """(state, label for the attempt, next try) after one push: 429 waits for Retry-After,
    other errors back off 1, 2, 4 … minutes, until MAX_TRIES."""
    if outcome.sent:
        return DeliveryState.SENT, "sent", None
    if outcome.gone:
        return DeliveryState.GONE, "gone", None
    if tries >= MAX_TRIES:
        return DeliveryState.FAILED, "failed", None
    if outcome.status_code == 429:
        wait = outcome.retry_after if outcome.retry_after is not None else 60
        return DeliveryState.PENDING, "throttled", now + timedelta(seconds=max(wait, 1))
    return DeliveryState.PENDING, "retry", now + timedelta(seconds=60 * 2 ** (tries - 1))


def _record_results(groups: dict[tuple, list[int]], now: datetime) -> None:
    """One UPDATE per (state, next try, tries): a fan-out has few distinct outcomes."""
    t = PushDelivery.__table__
    for (state, next_try, tries), ids in groups.items():
        values = {"state": state, "claimed_at": None, "tries": tries}
        if state == DeliveryState.SENT:
            values["sent_at"] = now
        if next_try is not None:
            values["next_try_at"] = next_try
        for chunk in chunks(ids, 900):
            db.session.execute(update(t).where(t.c.id.in_(chunk)).values(**values))


def _forget_phones(gone_subs: set[int]) -> None:
    """The phone is gone (404/410): forget it; its other waiting deliveries end too."""
    t = PushDelivery.__table__
    db.session.execute(
        update(t)
        .where(t.c.subscription_id.in_(gone_subs), t.c.state == DeliveryState.PENDING)
        .values(state=DeliveryState.GONE)
    )
    db.session.execute(
        PushSubscription.__table__.delete().where(PushSubscription.__table__.c.id.in_(gone_subs))
    )


def _settle_reminders(reminder_ids: set[int], now: datetime) -> None:
    """A reminder is 'pushed' once one phone took it; 'inbox' when no phone can."""
    if not reminder_ids:
        return
    t = PushDelivery.__table__
    r = Reminder.__table__
    sent = select(t.c.id).where(t.c.reminder_id == r.c.id, t.c.state == DeliveryState.SENT).exists()
    open_ = (
        select(t.c.id)
        .where(
            t.c.reminder_id == r.c.id,
            t.c.state.in_([DeliveryState.PENDING, DeliveryState.SENDING]),
        )
        .exists()
    )
    for chunk in chunks(list(reminder_ids), 900):
        db.session.execute(
            update(r)
            .where(r.c.id.in_(chunk), r.c.push_state == PushState.SENDING, sent)
            .values(push_state=PushState.PUSHED)
        )
        db.session.execute(
            update(r)
            .where(r.c.id.in_(chunk), r.c.push_state == PushState.SENDING, ~sent, ~open_)
            .values(push_state=PushState.INBOX)
        )
