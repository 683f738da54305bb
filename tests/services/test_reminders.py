"""Reminders: made once, sent once, in her language, never in her quiet hours, by a real web
push protocol to a local push service (tests/fakepush.py) that checks VAPID and decrypts."""

from datetime import date, time, timedelta

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from py_vapid import Vapid
from sqlalchemy import func, select

from tests.conftest import PG_URL
from tests.fakepush import FakePushService
from webapp.extensions import db
from webapp.models import Base, Group
from webapp.models.reminders import (
    DeliveryState,
    PushAttempt,
    PushDelivery,
    PushState,
    PushSubscription,
    Reminder,
    ReminderKind,
)
from webapp.services import push as push_service
from webapp.services import reminders as service

DAY = date(2026, 11, 24)  # a Tuesday
NOON = service.local_to_utc(DAY, time(12, 0))


@pytest.fixture
def vapid_key(app):
    key = Vapid()
    key.generate_keys()
    app.config["VAPID_PRIVATE_KEY"] = key.private_pem().decode()
    return push_service.public_key()


@pytest.fixture
def fake_push(vapid_key):
    with FakePushService(application_server_key=vapid_key) as fake:
        yield fake


@pytest.fixture
def group(demo):
    """The demo group, without the meetings and dated steps other features' demo data adds
    (they would make reminders of their own due in these tests)."""
    for table in ("rsvps", "meetings", "plan_steps"):
        if table in Base.metadata.tables:
            db.session.execute(Base.metadata.tables[table].delete())
    db.session.commit()
    return db.session.scalar(select(Group))


def subscribe(fake, user, behaviour="ok"):
    sub = fake.subscription(behaviour)
    service.save_subscription(user, sub)
    return sub


def details(user):
    s = service.get_settings(user)
    service.save_settings(user, True, s.quiet_start, s.quiet_end, "details")


def test_message_arrives_in_her_language_with_details(demo, group, fake_push):
    amina, ewa, sara = demo["amina"], demo["ewa"], demo["sara"]
    subs = {u.username: subscribe(fake_push, u) for u in (amina, ewa, sara)}
    for user in (amina, ewa, sara):
        details(user)
    message = service.send_staff_message(
        demo["medewerker"],
        "group",
        "Morgen is de bijeenkomst in de bibliotheek.",
        translations={"ar": "غدا اللقاء في المكتبة.", "pl": "Jutro spotkanie w bibliotece."},
        group=group,
        now=NOON,
    )
    stats = service.send_due(now=NOON, use_rq=False)
    assert stats["sent"] == 3

    [for_amina] = fake_push.messages_for(subs["amina"])
    [for_ewa] = fake_push.messages_for(subs["ewa"])
    [for_sara] = fake_push.messages_for(subs["sara"])
    assert (for_amina["lang"], for_amina["dir"]) == ("ar", "rtl")
    assert for_amina["body"] == "غدا اللقاء في المكتبة."
    assert (for_ewa["lang"], for_ewa["body"]) == ("pl", "Jutro spotkanie w bibliotece.")
    assert (for_sara["lang"], for_sara["body"]) == ("nl", message.body)
    # The title is rendered in her language when sent (equal to Dutch until translated).
    with force_locale("ar"):
        assert for_amina["title"] == _("Bericht van %(name)s", name="Marieke")
    with force_locale("pl"):
        assert for_ewa["title"] == _("Bericht van %(name)s", name="Marieke")
    # Tapping it opens the message itself.
    reminder = db.session.get(Reminder, for_amina["id"])
    assert reminder.user_id == amina.id
    assert for_amina["url"] == f"/inbox/{reminder.id}/open"
    # Every push had a TTL and a valid VAPID JWT with a real mailto: sub.
    assert all(
        m["ttl"] > 0 and m["claims"]["sub"].startswith("mailto:") for m in fake_push.received
    )
    assert fake_push.rejected == []
    counts = service.message_counts(message)
    # Elif has no phone with push: she has it in her inbox only.
    assert counts == {"total": 4, "push": 3, "inbox": 1, "waiting": 0, "opened": 0}


def test_lock_screen_is_neutral_by_default(demo, group, fake_push):
    amina = demo["amina"]
    sub = subscribe(fake_push, amina)
    service.send_staff_message(
        demo["medewerker"], "group", "Geheim: je afspraak bij het UWV", group=group, now=NOON
    )
    service.send_due(now=NOON, use_rq=False)
    [payload] = fake_push.messages_for(sub)
    with force_locale("ar"):
        neutral = _("Je hebt een nieuw bericht van Elke Stap")
    assert payload["title"] == "Elke Stap"
    assert payload["body"] == neutral
    assert payload["lang"] == "ar"
    assert "UWV" not in str(payload) and "Marieke" not in str(payload)


def test_nothing_in_quiet_hours_then_sent_when_they_end(demo, group, fake_push):
    sara = demo["sara"]
    sub = subscribe(fake_push, sara)
    late = service.local_to_utc(DAY, time(22, 30))
    service.send_staff_message(demo["medewerker"], "group", "Hoi", group=group, now=late)
    stats = service.send_due(now=late, use_rq=False)
    assert stats["quiet"] >= 1
    assert fake_push.messages_for(sub) == []
    # It is in her inbox already: nothing she needs exists only as a push.
    assert service.unread_count(sara, now=late) == 1
    service.send_due(now=service.local_to_utc(DAY + timedelta(days=1), time(7, 59)), use_rq=False)
    assert fake_push.messages_for(sub) == []
    service.send_due(now=service.local_to_utc(DAY + timedelta(days=1), time(8, 0)), use_rq=False)
    assert len(fake_push.messages_for(sub)) == 1


def test_gone_subscription_is_deleted_and_inbox_remains(demo, group, fake_push):
    sara = demo["sara"]
    subscribe(fake_push, sara, "gone")
    message = service.send_staff_message(demo["medewerker"], "group", "Hoi", group=group, now=NOON)
    stats = service.send_due(now=NOON, use_rq=False)
    assert stats["gone"] == 1
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0
    attempt = db.session.scalar(select(PushAttempt))
    assert (attempt.status_code, attempt.outcome) == (410, "gone")
    reminder = db.session.scalar(select(Reminder).where(Reminder.user_id == sara.id))
    assert reminder.push_state == PushState.INBOX
    assert service.message_counts(message)["inbox"] == 4  # the others have no phone at all


def test_throttled_waits_for_retry_after_and_errors_back_off(demo, group, fake_push):
    sara, ewa = demo["sara"], demo["ewa"]
    subscribe(fake_push, sara, "slowdown")
    subscribe(fake_push, ewa, "error")
    service.send_staff_message(demo["medewerker"], "group", "Hoi", group=group, now=NOON)
    service.send_due(now=NOON, use_rq=False)
    deliveries = {d.reminder.user_id: d for d in db.session.scalars(select(PushDelivery))}
    assert deliveries[sara.id].state == DeliveryState.PENDING
    assert deliveries[sara.id].next_try_at == NOON + timedelta(seconds=120)  # Retry-After: 120
    assert deliveries[ewa.id].next_try_at == NOON + timedelta(seconds=60)
    outcomes = sorted(a.outcome for a in db.session.scalars(select(PushAttempt)))
    assert outcomes == ["retry", "throttled"]
    # Not before the time has come …
    service.send_due(now=NOON + timedelta(seconds=30), use_rq=False)
    assert db.session.scalar(select(func.count()).select_from(PushAttempt)) == 2
    # … and after enough tries it gives up, every attempt recorded.
    moment = NOON
    for _round in range(12):
        moment += timedelta(hours=1)
        service.send_due(now=moment, use_rq=False)
    db.session.expire_all()
    states = {d.reminder.user_id: d.state for d in db.session.scalars(select(PushDelivery))}
    assert states == {sara.id: DeliveryState.FAILED, ewa.id: DeliveryState.FAILED}
    assert db.session.scalar(select(func.count()).select_from(PushAttempt)) == 2 * service.MAX_TRIES
    assert {r.push_state for r in db.session.scalars(select(Reminder))} == {PushState.INBOX}


def test_send_due_twice_sends_once(demo, group, fake_push):
    subs = [subscribe(fake_push, demo[name]) for name in ("sara", "amina")]
    # Sara has two phones: both get it, once each.
    subs.append(subscribe(fake_push, demo["sara"]))
    service.send_staff_message(demo["medewerker"], "group", "Hoi", group=group, now=NOON)
    service.send_due(now=NOON, use_rq=False)
    service.send_due(now=NOON, use_rq=False)
    service.send_due(now=NOON + timedelta(minutes=1), use_rq=False)
    assert [len(fake_push.messages_for(s)) for s in subs] == [1, 1, 1]
    assert len(fake_push.received) == 3


def test_without_keys_everything_is_inbox_only(demo, group, app):
    app.config["VAPID_PRIVATE_KEY"] = None
    if push_service.vapid() is not None:
        pytest.skip("an instance key file exists on this machine")
    service.send_staff_message(demo["medewerker"], "group", "Hoi", group=group, now=NOON)
    stats = service.send_due(now=NOON, use_rq=False)
    assert stats["inbox"] == 4 and stats["deliveries"] == 0


def test_inbox_is_hers_only(demo, group):
    service.send_staff_message(demo["medewerker"], "group", "Hoi", group=group, now=NOON)
    mine = service.inbox(demo["sara"], now=NOON)[0]
    assert service.get_reminder(demo["amina"], mine.id, now=NOON) is None
    assert service.get_reminder(demo["sara"], mine.id, now=NOON).id == mine.id
    service.mark_read(mine)
    assert service.unread_count(demo["sara"], now=NOON) == 0
    assert service.unread_count(demo["amina"], now=NOON) == 1


def test_rq_path_delivers_the_same(demo, group, fake_push, app):
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
    amina, ewa = demo["amina"], demo["ewa"]
    subs = {u.username: subscribe(fake_push, u) for u in (amina, ewa)}
    details(amina)
    service.send_staff_message(
        demo["medewerker"], "group", "Hoi", translations={"ar": "مرحبا"}, group=group, now=NOON
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


def test_meeting_reminders_once_each_and_not_for_who_declined(demo, group):
    agenda = pytest.importorskip("webapp.models.agenda")
    start = service.local_to_utc(DAY + timedelta(days=7), time(19, 0))
    meeting = agenda.Meeting(
        uid="bench-1",
        group_id=group.id,
        title="Solliciteren",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place_name="Bibliotheek",
    )
    db.session.add(meeting)
    db.session.flush()
    db.session.add(agenda.Rsvp(meeting_id=meeting.id, user_id=demo["ewa"].id, answer="not_coming"))
    db.session.commit()
    for moment in (NOON, NOON + timedelta(hours=1)):  # twice: still once each
        service.create_due(start - timedelta(days=7) + timedelta(minutes=1))
        service.create_due(moment + timedelta(days=6, hours=6))  # the day before, 18:00
        service.create_due(service.local_to_utc(DAY + timedelta(days=7), time(8, 1)))
    kinds = {}
    for r in db.session.scalars(select(Reminder)):
        kinds.setdefault(r.kind, set()).add(r.user_id)
    others = {demo[n].id for n in ("sara", "amina", "elif")}
    assert kinds == {
        ReminderKind.MEETING_WEEK: others,
        ReminderKind.MEETING_DAY_BEFORE: others,
        ReminderKind.MEETING_MORNING: others,
    }
    assert db.session.scalar(select(func.count()).select_from(Reminder)) == 9


def test_a_meeting_planned_late_gets_no_week_reminder(demo, group):
    """'Over een week' would not be true for a meeting three days away: it is skipped; the
    day-before and morning reminders still come."""
    agenda = pytest.importorskip("webapp.models.agenda")
    planned = service.local_to_utc(DAY, time(12, 0))
    start = planned + timedelta(days=3, hours=7)
    meeting = agenda.Meeting(uid="late-1", group_id=group.id, title="Kort dag",
                             starts_at=start, ends_at=start + timedelta(hours=2))  # fmt: skip
    db.session.add(meeting)
    db.session.commit()
    service.create_due(planned)
    assert db.session.scalar(select(func.count()).select_from(Reminder)) == 0
    service.create_due(start - timedelta(hours=2))  # the morning of the day itself
    kinds = {r.kind for r in db.session.scalars(select(Reminder))}
    assert kinds == {ReminderKind.MEETING_MORNING}


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
def test_two_processes_at_once_send_once(demo, group, fake_push, app):
    import subprocess
    import sys

    subs = [subscribe(fake_push, demo[name]) for name in ("sara", "amina", "ewa", "elif")]
    for _round in range(3):
        service.send_staff_message(demo["medewerker"], "group", "Hoi", group=group, now=NOON)
    db.session.commit()
    args = [sys.executable, "-c", SENDER, PG_URL, app.config["VAPID_PRIVATE_KEY"], NOON.isoformat()]
    procs = [
        subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert [len(fake_push.messages_for(s)) for s in subs] == [3, 3, 3, 3]
    assert len(fake_push.received) == 12
