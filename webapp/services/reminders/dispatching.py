"""Taking what is due: each reminder goes to her inbox only, or gets one delivery per phone,
and deliveries are claimed by exactly one sender."""

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func, literal, select, update
from sqlalchemy.dialects import postgresql

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
from webapp.services.reminders.records import (
    among,
    chunks,
    claim,
    id_array,
    insert_ignore,
    plain_rows,
)
from webapp.services.reminders.settings import (
    default_settings,
    load_settings,
    local_minute,
    quiet_at,
)

# A sender's claim on its deliveries: renewed every RENEW_EVERY while it works, so a claim
# older than STALE_AFTER is a sender that died (or a job that never started): tried again.
STALE_AFTER = timedelta(minutes=2)
RENEW_EVERY = timedelta(seconds=30)


def dispatch(now: datetime | None = None, limit: int = 20000) -> dict:
    """Take the reminders that are due: inbox only, or one delivery per phone."""
    now = now or utcnow()
    stats = {"inbox": 0, "push": 0, "quiet": 0}
    due = plain_rows(
        db.session.execute(
            select(Reminder.id, Reminder.user_id, Reminder.kind, Reminder.moment, Reminder.read_at)
            .where(Reminder.push_state == PushState.PENDING, Reminder.due_at <= now)
            .order_by(Reminder.due_at, Reminder.id)
            .limit(limit)
        )
    )
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
    default, minute = default_settings(), local_minute(now)  # once, not per reminder
    to_inbox, to_push = [], []
    for r in due:
        s = settings.get(r.user_id) or default
        past = (
            r.kind != ReminderKind.MESSAGE
            and r.kind != ReminderKind.MEETING_CHANGED
            and (r.moment + timedelta(days=1) < now)
        )
        if not can_push or not s.push_enabled or not subs.get(r.user_id) or r.read_at or past:
            to_inbox.append(r.id)
        elif quiet_at(s, minute):
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
    _make_deliveries([(rid, sid) for rid in claimed for sid in subs[owner[rid]]], now)
    db.session.commit()
    return stats


def _make_deliveries(pairs: list[tuple[int, int]], now: datetime) -> None:
    """One pending delivery per (reminder, phone), each once. On PostgreSQL one `INSERT …
    SELECT … FROM unnest(reminders, phones) ON CONFLICT DO NOTHING`: an executemany is a
    statement per delivery for the sender to prepare and send (and psycopg's dumping of the
    same columns as lists, element by element, costs about as much: records.id_array)."""
    t = PushDelivery.__table__
    if not pairs or db.session.get_bind().dialect.name != "postgresql":
        insert_ignore(
            t,
            [
                {
                    "reminder_id": rid,
                    "subscription_id": sid,
                    "state": DeliveryState.PENDING,
                    "tries": 0,
                    "next_try_at": now,
                }
                for rid, sid in pairs
            ],
        )
        return
    columns = [t.c.reminder_id, t.c.subscription_id, t.c.state, t.c.tries, t.c.next_try_at]
    for chunk in chunks(pairs, 10000):
        reminder_ids, subscription_ids = zip(*chunk, strict=True)
        new = func.unnest(id_array(reminder_ids), id_array(subscription_ids))
        new = new.table_valued("reminder_id", "subscription_id").render_derived("new")
        values = select(
            new.c.reminder_id,
            new.c.subscription_id,
            literal(DeliveryState.PENDING, t.c.state.type),
            literal(0, t.c.tries.type),
            literal(now, t.c.next_try_at.type),
        )
        db.session.execute(
            postgresql.insert(t).from_select(columns, values).on_conflict_do_nothing()
        )


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
