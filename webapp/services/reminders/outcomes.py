"""What each push got, written down: every attempt, the delivery's next state (sent, gone, a
retry with backoff or after the push service's Retry-After, failed), gone phones forgotten and
each reminder settled. `delivery.deliver` hands results to a `Recorder` as they come."""

import logging
import time
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func, insert, literal, select, update

from webapp.extensions import db
from webapp.models.reminders import (
    DeliveryState,
    PushAttempt,
    PushDelivery,
    PushState,
    PushSubscription,
    Reminder,
)
from webapp.services import push as push_service
from webapp.services.push import Outcome
from webapp.services.reminders.dispatching import RENEW_EVERY
from webapp.services.reminders.records import among, chunks, id_array

log = logging.getLogger("elkestap.reminders")

MAX_TRIES = 6
# Results are written together: a transaction costs the sender about as much CPU as pushing
# ten messages, so one per result would cost more than the pushes. Written at the latest this
# long after they came (a sender killed meanwhile sends those again: their Topic makes the
# push service replace, not add), or as soon as this many wait.
FLUSH_AFTER = 0.25  # seconds
FLUSH_ROWS = 500


class Recorder:
    """Writes results in the order they come: one transaction for what finished in the last
    FLUSH_AFTER seconds (or FLUSH_ROWS results, when they come faster)."""

    def __init__(self, now: datetime, stats: dict) -> None:
        self.started, self.now, self.stats = time.monotonic(), now, stats
        self.renewed = self.started
        self.first_waiting: float | None = None  # when the oldest unwritten result came
        self.attempts: list[tuple] = []  # (delivery, status code, outcome, detail), at `now`
        self.groups: dict[tuple, list[int]] = defaultdict(list)
        self.gone_subs: set[int] = set()
        self.reminder_ids: set[int] = set()

    def clock(self) -> datetime:
        """`now` moved on by the time this run has taken (tests give their own `now`): the
        time of a renewed claim."""
        return self.now + timedelta(seconds=time.monotonic() - self.started)

    def result(self, row, outcome: Outcome, gone: bool = False) -> None:
        at = self.now  # the run's moment, as its backoff counts from it
        if gone:
            state, label, next_try, tries = DeliveryState.GONE, "gone", None, row.tries
        else:
            tries = row.tries + 1
            state, label, next_try = _next_state(outcome, tries, at)
            self.stats[label if label in self.stats else "retry"] += 1
            if state == DeliveryState.GONE:
                self.gone_subs.add(row.subscription_id)
        if self.first_waiting is None:
            self.first_waiting = time.monotonic()
        self.attempts.append((row.id, outcome.status_code, label, outcome.detail))
        self.groups[(state, next_try, tries)].append(row.id)
        self.reminder_ids.add(row.reminder_id)
        if not outcome.sent and not gone:
            # The push service and ids only: nothing about her, nothing of the text.
            log.warning(
                "push %s to %s: %s (try %d, delivery %d)",
                label,
                push_service.endpoint_host(row.endpoint),
                outcome.detail or outcome.status_code,
                tries,
                row.id,
            )

    def flush_if_due(self) -> None:
        if len(self.attempts) >= FLUSH_ROWS or (
            self.first_waiting is not None and time.monotonic() - self.first_waiting >= FLUSH_AFTER
        ):
            self.flush()

    def flush(self) -> None:
        self.first_waiting = None
        if not self.attempts:
            return
        _insert_attempts(self.attempts, self.now)
        _record_results(self.groups, self.now)
        if self.gone_subs:
            _forget_phones(self.gone_subs)
        _settle_reminders(self.reminder_ids, self.now)
        db.session.commit()
        self.attempts, self.groups = [], defaultdict(list)
        self.gone_subs, self.reminder_ids = set(), set()

    def renew_if_due(self, waiting: set[int]) -> None:
        """Still working on `waiting`: claim them for another lease."""
        if not waiting or time.monotonic() - self.renewed < RENEW_EVERY.total_seconds():
            return
        self.renewed = time.monotonic()
        t = PushDelivery.__table__
        for chunk in chunks(list(waiting), 900):
            db.session.execute(
                update(t)
                .where(among(t.c.id, chunk), t.c.state == DeliveryState.SENDING)
                .values(claimed_at=self.clock())
            )
        db.session.commit()


def _insert_attempts(attempts: list[tuple], at: datetime) -> None:
    """The attempts (delivery, status code, outcome, detail) made at `at`. On PostgreSQL one
    `INSERT … SELECT unnest(:deliveries), :at, :status_code, …` for each distinct answer (a
    fan-out's answers are nearly all the same): the same SQL for any number of rows, where
    an executemany costs the sender a statement per row, and only the deliveries as an
    array. psycopg dumps the elements of a list parameter one by one in Python: 2.7 µs for
    each datetime, about 0.35 µs for a number or a text. Elsewhere (SQLite) the executemany."""
    t = PushAttempt.__table__
    columns = [t.c.delivery_id, t.c.at, t.c.status_code, t.c.outcome, t.c.detail]
    if db.session.get_bind().dialect.name != "postgresql":
        rows = [
            {"delivery_id": d, "at": at, "status_code": code, "outcome": outcome, "detail": detail}
            for d, code, outcome, detail in attempts
        ]
        db.session.execute(insert(t), rows)
        return
    by_answer: dict[tuple, list[int]] = defaultdict(list)
    for delivery_id, *answer in attempts:
        by_answer[tuple(answer)].append(delivery_id)
    for (status_code, outcome, detail), ids in by_answer.items():
        values = select(
            func.unnest(id_array(ids)),
            literal(at, t.c.at.type),
            literal(status_code, t.c.status_code.type),
            literal(outcome, t.c.outcome.type),
            literal(detail, t.c.detail.type),
        )
        db.session.execute(insert(t).from_select(columns, values))


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
    """One UPDATE per (state, next try, tries): the results that come together have few
    distinct outcomes."""
    t = PushDelivery.__table__
    for (state, next_try, tries), ids in groups.items():
        values = {"state": state, "claimed_at": None, "tries": tries}
        if state == DeliveryState.SENT:
            values["sent_at"] = now
        if next_try is not None:
            values["next_try_at"] = next_try
        for chunk in chunks(ids, 900):
            db.session.execute(update(t).where(among(t.c.id, chunk)).values(**values))


def _forget_phones(gone_subs: set[int]) -> None:
    """The phone is gone (404/410): forget it; its other waiting deliveries end too."""
    t = PushDelivery.__table__
    db.session.execute(
        update(t)
        .where(among(t.c.subscription_id, gone_subs), t.c.state == DeliveryState.PENDING)
        .values(state=DeliveryState.GONE)
    )
    db.session.execute(
        PushSubscription.__table__.delete().where(among(PushSubscription.__table__.c.id, gone_subs))
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
            .where(among(r.c.id, chunk), r.c.push_state == PushState.SENDING, sent)
            .values(push_state=PushState.PUSHED)
        )
        db.session.execute(
            update(r)
            .where(among(r.c.id, chunk), r.c.push_state == PushState.SENDING, ~sent, ~open_)
            .values(push_state=PushState.INBOX)
        )
