"""Taking what is due: each reminder goes to her inbox only, or gets one delivery per phone,
and deliveries are claimed by exactly one sender."""

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select, update

from webapp.extensions import db
from webapp.models import utcnow
from webapp.models.reminders import (
    DeliveryState,
    PushDelivery,
    PushState,
    PushSubscription,
    Reminder,
    ReminderKind,
)
from webapp.services import push as push_service
from webapp.services.reminders.records import among, claim, insert_ignore
from webapp.services.reminders.settings import default_settings, in_quiet_hours, load_settings

# A sender's claim on its deliveries: renewed every RENEW_EVERY while it works, so a claim
# older than STALE_AFTER is a sender that died (or a job that never started): tried again.
STALE_AFTER = timedelta(minutes=2)
RENEW_EVERY = timedelta(seconds=30)


def dispatch(now: datetime | None = None, limit: int = 20000) -> dict:
    """Take the reminders that are due: inbox only, or one delivery per phone."""
    now = now or utcnow()
    stats = {"inbox": 0, "push": 0, "quiet": 0}
    due = db.session.execute(
        select(Reminder.id, Reminder.user_id, Reminder.kind, Reminder.moment, Reminder.read_at)
        .where(Reminder.push_state == PushState.PENDING, Reminder.due_at <= now)
        .order_by(Reminder.due_at, Reminder.id)
        .limit(limit)
    ).all()
    if not due:
        return stats
    user_ids = {r.user_id for r in due}
    settings = load_settings(user_ids)
    subs: dict[int, list[int]] = defaultdict(list)
    for sub_id, user_id in db.session.execute(
        select(PushSubscription.id, PushSubscription.user_id).where(
            among(PushSubscription.user_id, user_ids)
        )
    ):
        subs[user_id].append(sub_id)
    can_push = push_service.vapid() is not None
    to_inbox, to_push = [], []
    for r in due:
        s = settings.get(r.user_id) or default_settings()
        past = (
            r.kind != ReminderKind.MESSAGE
            and r.kind != ReminderKind.MEETING_CHANGED
            and (r.moment + timedelta(days=1) < now)
        )
        if not can_push or not s.push_enabled or not subs.get(r.user_id) or r.read_at or past:
            to_inbox.append(r.id)
        elif in_quiet_hours(s, now):
            stats["quiet"] += 1  # waits: the next run after her quiet hours sends it
        else:
            to_push.append(r.id)
    reminders = Reminder.__table__
    pending = reminders.c.push_state == PushState.PENDING
    stats["inbox"] = len(
        claim(reminders, to_inbox, pending, {"push_state": PushState.INBOX, "handled_at": now})
    )
    claimed = claim(
        reminders, to_push, pending, {"push_state": PushState.SENDING, "handled_at": now}
    )
    stats["push"] = len(claimed)
    owner = {r.id: r.user_id for r in due}
    insert_ignore(
        PushDelivery.__table__,
        [
            {
                "reminder_id": rid,
                "subscription_id": sid,
                "state": DeliveryState.PENDING,
                "tries": 0,
                "next_try_at": now,
            }
            for rid in claimed
            for sid in subs[owner[rid]]
        ],
    )
    db.session.commit()
    return stats


def claim_deliveries(now: datetime | None = None, limit: int = 50000) -> list[int]:
    now = now or utcnow()
    t = PushDelivery.__table__
    # A sender that died mid-send: its deliveries are tried again.
    db.session.execute(
        update(t)
        .where(t.c.state == DeliveryState.SENDING, t.c.claimed_at < now - STALE_AFTER)
        .values(state=DeliveryState.PENDING)
    )
    ids = list(
        db.session.scalars(
            select(t.c.id)
            .where(t.c.state == DeliveryState.PENDING, t.c.next_try_at <= now)
            .order_by(t.c.id)
            .limit(limit)
        )
    )
    claimed = claim(
        t,
        ids,
        t.c.state == DeliveryState.PENDING,
        {"state": DeliveryState.SENDING, "claimed_at": now},
    )
    db.session.commit()
    return claimed
