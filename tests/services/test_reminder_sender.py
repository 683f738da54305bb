"""Each reminder sent exactly once: twice run, a Topic per reminder and phone, a claim renewed
while the push service is slow and left when another run took it over, through RQ, and by two
processes at once or one killed mid-run (PostgreSQL)."""

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from tests import factories
from tests.conftest import PG_URL
from tests.services.reminder_helpers import NOON, details, subscribe
from webapp.extensions import db
from webapp.models.reminders import (
    DeliveryState,
    PushDelivery,
    PushState,
    PushSubscription,
    Reminder,
)
from webapp.services import reminders as service


def test_send_due_twice_sends_once(people, group, fake_push):
    subs = [subscribe(fake_push, people[name]) for name in ("sara", "amina")]
    # Sara has two phones: both get it, once each.
    subs.append(subscribe(fake_push, people["sara"]))
    service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
    service.send_due(now=NOON, use_rq=False)
    service.send_due(now=NOON, use_rq=False)
    service.send_due(now=NOON + timedelta(minutes=1), use_rq=False)
    assert [len(fake_push.messages_for(s)) for s in subs] == [1, 1, 1]
    assert len(fake_push.received) == 3


def test_every_push_carries_a_topic_one_per_reminder_and_phone(people, group, fake_push):
    """RFC 8030's Topic: a push service still holding a message with the same topic replaces
    it, so a push sent again (after a crash) arrives once. One per reminder and phone, so two
    messages to one phone, or one message to her two phones, never replace each other."""
    sara = people["sara"]
    phones = [subscribe(fake_push, sara), subscribe(fake_push, sara)]
    for text in ("Hoi", "Tot morgen"):
        service.send_staff_message(people["medewerker"], "group", text, group=group, now=NOON)
    service.send_due(now=NOON, use_rq=False)
    assert len(fake_push.received) == 4
    sub_ids = {
        s.endpoint.rsplit("/", 1)[-1]: s.id for s in db.session.scalars(select(PushSubscription))
    }
    topics = [m["topic"] for m in fake_push.received]
    assert topics == [f"es-{m['payload']['id']}-{sub_ids[m['token']]}" for m in fake_push.received]
    assert len(set(topics)) == 4
    assert all(len(t) <= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", t) for t in topics), topics
    assert [len(fake_push.messages_for(p)) for p in phones] == [2, 2]


def test_a_sender_renews_its_claim_while_the_push_service_keeps_it_waiting(
    people, group, fake_push, monkeypatch
):
    """A slow push service is not a dead sender: while answers are awaited the claim moves
    on, so no other run (which takes claims older than STALE_AFTER) sends the same again."""
    from webapp.services.reminders import delivery, outcomes

    # How often the sender looks up from its answers, and how often it renews its claim.
    for module in (delivery, outcomes):
        monkeypatch.setattr(module, "RENEW_EVERY", timedelta(seconds=0.2))
    # What the waiting deliveries' claims are after each look at the lease (read, not changed).
    claims_while_waiting = []
    look_at_the_lease = outcomes.Recorder.renew_if_due

    def and_read_the_claims(recorder, waiting):
        look_at_the_lease(recorder, waiting)
        claims_while_waiting.extend(
            db.session.scalars(
                select(PushDelivery.claimed_at).where(
                    PushDelivery.id.in_(waiting), PushDelivery.state == DeliveryState.SENDING
                )
            )
        )
        if len(set(claims_while_waiting) - {NOON}) >= 2:
            fake_push.resume()  # renewed twice: the push service answers again

    monkeypatch.setattr(outcomes.Recorder, "renew_if_due", and_read_the_claims)
    for name in ("sara", "amina", "ewa"):
        subscribe(fake_push, people[name])
    service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
    fake_push.stall_after(0)  # the push service keeps every push waiting for an answer
    give_up = threading.Timer(10, fake_push.resume)  # a sender that never renews: the test ends
    give_up.start()
    service.send_due(now=NOON, use_rq=False)
    give_up.cancel()
    assert fake_push.held == 3
    renewed = sorted(set(claims_while_waiting) - {NOON})
    assert len(renewed) >= 2, claims_while_waiting
    assert renewed[-1] - renewed[0] >= timedelta(seconds=0.2)  # each renewal moves it on


def test_a_run_whose_claim_was_taken_over_leaves_those_deliveries(people, group, fake_push):
    """An RQ job that starts after its claim went stale (the queue was slow): a later run has
    claimed the deliveries again, so the late job sends nothing and the later run sends each
    once."""
    subs = [subscribe(fake_push, people[name]) for name in ("sara", "amina")]
    service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
    service.dispatch(NOON)
    first = service.claim_deliveries(NOON)
    later = NOON + service.STALE_AFTER + timedelta(minutes=1)
    second = service.claim_deliveries(later)
    assert sorted(first) == sorted(second) and len(first) == 2
    assert service.deliver(first, claimed_at=NOON, now=later) == dict.fromkeys(
        ("sent", "gone", "retry", "failed"), 0
    )
    assert fake_push.received == []
    assert service.deliver(second, claimed_at=later, now=later)["sent"] == 2
    assert [len(fake_push.messages_for(s)) for s in subs] == [1, 1]


def test_rq_path_delivers_the_same(people, group, fake_push, app):
    redis = pytest.importorskip("redis")
    rq = pytest.importorskip("rq")
    url = "redis://127.0.0.1:6379/15"
    connection = redis.Redis.from_url(url)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    queue = rq.Queue(service.RQ_QUEUE, connection=connection)
    queue.empty()
    app.config["REDIS_URL"] = url
    amina, ewa = people["amina"], people["ewa"]
    subs = {u.username: subscribe(fake_push, u) for u in (amina, ewa)}
    details(amina)
    service.send_staff_message(
        people["medewerker"], "group", "Hoi", translations={"ar": "مرحبا"}, group=group, now=NOON
    )
    stats = service.send_due(now=NOON)
    assert stats["jobs"] == 1 and stats["deliveries"] == 2
    assert fake_push.received == []  # handed to the queue, not sent here
    assert queue.count == 1
    worker = rq.SimpleWorker([queue], connection=connection)
    worker.work(burst=True)
    db.session.expire_all()
    [for_amina] = fake_push.messages_for(subs["amina"])
    [for_ewa] = fake_push.messages_for(subs["ewa"])
    assert (for_amina["lang"], for_amina["body"]) == ("ar", "مرحبا")
    assert for_ewa["lang"] == "pl" and for_ewa["title"] == "Elke Stap"
    assert {r.push_state for r in db.session.scalars(select(Reminder))} >= {PushState.PUSHED}
    # Running again changes nothing: nothing queued twice.
    stats = service.send_due(now=NOON + timedelta(minutes=1))
    assert stats["deliveries"] == 0 and queue.count == 0


@pytest.mark.commits  # the job's own app reads the deliveries through its own connection
def test_a_job_in_an_rq_worker_process_makes_its_own_app(
    people, group, fake_push, app, monkeypatch
):
    """`rq worker` runs a job with no app around it: webapp.worker makes one, configured from
    the environment like the web app."""
    import contextvars

    from webapp import worker

    sub = subscribe(fake_push, people["sara"])
    service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
    service.create_due(NOON)
    service.dispatch(NOON)
    delivery_ids = service.claim_deliveries(NOON)
    db.session.commit()
    monkeypatch.setenv("ELKESTAP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("VAPID_PRIVATE_KEY", app.config["VAPID_PRIVATE_KEY"])
    stats = contextvars.Context().run(worker.deliver_job, delivery_ids)  # outside any app
    assert stats["sent"] == 1 and len(fake_push.messages_for(sub)) == 1
    db.session.expire_all()
    hers = select(Reminder.push_state).where(Reminder.user_id == people["sara"].id)
    assert db.session.scalar(hers) == PushState.PUSHED


SENDER = """
import sys
from datetime import datetime
from webapp import create_app
from webapp.services import reminders
app = create_app({"ENV_NAME": "testing", "DATABASE_URL": sys.argv[1], "VAPID_PRIVATE_KEY": sys.argv[2]})
with app.app_context():
    print(reminders.send_due(now=datetime.fromisoformat(sys.argv[3]), use_rq=False))
"""


@pytest.mark.skipif(not PG_URL, reason="two senders at once need PostgreSQL (TEST_DATABASE_URL)")
@pytest.mark.commits  # the two processes must see the messages
def test_two_processes_at_once_send_once(people, group, fake_push, app):
    import subprocess
    import sys

    subs = [subscribe(fake_push, people[name]) for name in ("sara", "amina", "ewa", "elif")]
    for _round in range(3):
        service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
    db.session.commit()
    args = [sys.executable, "-c", SENDER, PG_URL, app.config["VAPID_PRIVATE_KEY"], NOON.isoformat()]
    procs = [
        subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert [len(fake_push.messages_for(s)) for s in subs] == [3, 3, 3, 3]
    assert len(fake_push.received) == 12


@pytest.mark.skipif(not PG_URL, reason="two sender processes need PostgreSQL (TEST_DATABASE_URL)")
@pytest.mark.commits  # the processes must see the messages, and the test what they recorded
def test_a_sender_killed_mid_run_and_run_again_sends_each_reminder_once(
    people, group, fake_push, app
):
    """Each result is recorded as it comes: a sender killed while it waits on the push service
    has recorded what went out, and the next run (once the dead one's claim is stale) sends
    only the rest."""
    import collections
    import subprocess
    import sys
    import time as clock

    subs = [subscribe(fake_push, people[name]) for name in ("sara", "amina", "ewa", "elif")]
    for _round in range(10):
        service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
    db.session.commit()
    sent = (
        select(func.count())
        .select_from(PushDelivery)
        .where(PushDelivery.state == DeliveryState.SENT)
    )

    def run(now):
        key = app.config["VAPID_PRIVATE_KEY"]
        args = [sys.executable, "-c", SENDER, PG_URL, key, now.isoformat()]
        return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    fake_push.stall_after(12)  # then the push service hangs
    first = run(NOON)
    deadline = clock.monotonic() + 90
    while True:
        recorded = db.session.scalar(sent)
        db.session.rollback()  # the next look is a new transaction: it sees their commits
        if fake_push.held and recorded == len(fake_push.received):
            break
        assert clock.monotonic() < deadline, (recorded, len(fake_push.received))
        assert first.poll() is None, first.communicate()
        clock.sleep(0.1)
    first.kill()
    first.communicate()
    delivered_before_the_kill = len(fake_push.received)
    assert 12 <= delivered_before_the_kill < 40

    fake_push.resume()
    rerun = run(NOON + service.STALE_AFTER + timedelta(minutes=1))
    output = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, output
    each = collections.Counter((m["token"], m["payload"]["id"]) for m in fake_push.received)
    assert len(each) == 40 and set(each.values()) == {1}
    assert [len(fake_push.messages_for(s)) for s in subs] == [10, 10, 10, 10]


@pytest.mark.skipif(not PG_URL, reason="ids as one array parameter: PostgreSQL (TEST_DATABASE_URL)")
def test_a_fan_out_runs_the_same_statements_for_few_phones_as_for_many(people, group, fake_push):
    """Ids go to PostgreSQL as one array (`records.among`), so each statement of a fan-out is
    compiled and prepared once whatever its size: an IN list is rendered and parsed again,
    bind by bind, for each statement (a third of the CPU of taking 10,000 due, bench/README.md)."""

    def statements_of_a_fan_out(to: int) -> set[str]:
        members = [factories.participant(group) for _ in range(to)]
        for her in members:
            subscribe(fake_push, her)
        seen: set[str] = set()

        def note(_conn, _cursor, statement, *_args):
            if "SAVEPOINT" not in statement:  # the tests' own transactions
                seen.add(statement)

        service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
        event.listen(db.engine, "before_cursor_execute", note)
        try:
            service.send_due(now=NOON, use_rq=False)
        finally:
            event.remove(db.engine, "before_cursor_execute", note)
        return seen

    few, many = statements_of_a_fan_out(2), statements_of_a_fan_out(12)
    assert few and few == many
