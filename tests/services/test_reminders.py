"""Reminders: made once, in her language, never in her quiet hours, and what she gets by a real
web push protocol (the lock screen, a gone phone, a throttling push service). That each is sent
exactly once, also across crashes and processes: test_reminder_sender.py."""

from datetime import time, timedelta

import pytest
from flask_babel import gettext as _
from sqlalchemy import func, select

from tests import factories
from tests.services.reminder_helpers import DAY, NOON, details, subscribe
from webapp.extensions import db
from webapp.i18n import in_language
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


def test_message_arrives_in_her_language_with_details(people, group, fake_push):
    amina, ewa, sara = people["amina"], people["ewa"], people["sara"]
    subs = {u.username: subscribe(fake_push, u) for u in (amina, ewa, sara)}
    for user in (amina, ewa, sara):
        details(user)
    message = service.send_staff_message(
        people["medewerker"],
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
    with in_language("ar"):
        assert for_amina["title"] == _("Bericht van %(name)s", name="Marieke")
    with in_language("pl"):
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


def test_lock_screen_is_neutral_by_default(people, group, fake_push):
    amina = people["amina"]
    sub = subscribe(fake_push, amina)
    service.send_staff_message(
        people["medewerker"], "group", "Geheim: je afspraak bij het UWV", group=group, now=NOON
    )
    service.send_due(now=NOON, use_rq=False)
    [payload] = fake_push.messages_for(sub)
    with in_language("ar"):
        neutral = _("Je hebt een nieuw bericht van Elke Stap")
    assert payload["title"] == "Elke Stap"
    assert payload["body"] == neutral
    assert payload["lang"] == "ar"
    assert "UWV" not in str(payload) and "Marieke" not in str(payload)
    # For a phone where she named the app "Agenda": words that do not name Elke Stap either.
    with in_language("ar"):
        assert payload["plain"] == {"title": _("Agenda"), "body": _("Je hebt een nieuw bericht.")}


def test_one_run_renders_each_message_for_each_language_and_lock_screen(people, group, fake_push):
    """A fan-out renders each text once per language and lock screen: two messages in one run,
    to two readers of Arabic of whom one chose details, each get their own."""
    amina, noor = people["amina"], factories.participant(group, "noor", language="ar")
    details(amina)
    subs = {u.username: subscribe(fake_push, u) for u in (amina, noor)}
    for text in ("Hoi", "Tot morgen"):
        service.send_staff_message(
            people["medewerker"],
            "group",
            text,
            translations={"ar": text + " (ar)"},
            group=group,
            now=NOON,
        )
    service.send_due(now=NOON, use_rq=False)
    with in_language("ar"):
        neutral = _("Je hebt een nieuw bericht van Elke Stap")
    got = {name: fake_push.messages_for(sub) for name, sub in subs.items()}
    assert sorted(m["body"] for m in got["amina"]) == ["Hoi (ar)", "Tot morgen (ar)"]
    assert [m["body"] for m in got["noor"]] == [neutral, neutral]
    assert len({m["id"] for m in got["amina"] + got["noor"]}) == 4  # her own reminder each


def test_nothing_in_quiet_hours_then_sent_when_they_end(people, group, fake_push):
    sara = people["sara"]
    sub = subscribe(fake_push, sara)
    late = service.local_to_utc(DAY, time(22, 30))
    service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=late)
    stats = service.send_due(now=late, use_rq=False)
    assert stats["quiet"] >= 1
    assert fake_push.messages_for(sub) == []
    # It is in her inbox already: nothing she needs exists only as a push.
    assert service.unread_count(sara, now=late) == 1
    service.send_due(now=service.local_to_utc(DAY + timedelta(days=1), time(7, 59)), use_rq=False)
    assert fake_push.messages_for(sub) == []
    service.send_due(now=service.local_to_utc(DAY + timedelta(days=1), time(8, 0)), use_rq=False)
    assert len(fake_push.messages_for(sub)) == 1


def test_gone_subscription_is_deleted_and_inbox_remains(people, group, fake_push):
    sara = people["sara"]
    subscribe(fake_push, sara, "gone")
    message = service.send_staff_message(
        people["medewerker"], "group", "Hoi", group=group, now=NOON
    )
    stats = service.send_due(now=NOON, use_rq=False)
    assert stats["gone"] == 1
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0
    attempt = db.session.scalar(select(PushAttempt))
    assert (attempt.status_code, attempt.outcome) == (410, "gone")
    reminder = db.session.scalar(select(Reminder).where(Reminder.user_id == sara.id))
    assert reminder.push_state == PushState.INBOX
    assert service.message_counts(message)["inbox"] == 4  # the others have no phone at all


def test_throttled_waits_for_retry_after_and_errors_back_off(people, group, fake_push):
    sara, ewa = people["sara"], people["ewa"]
    subscribe(fake_push, sara, "slowdown")
    subscribe(fake_push, ewa, "error")
    service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
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


def test_without_keys_everything_is_inbox_only(people, group, app):
    app.config["VAPID_PRIVATE_KEY"] = None
    if push_service.vapid() is not None:
        pytest.skip("an instance key file exists on this machine")
    service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
    stats = service.send_due(now=NOON, use_rq=False)
    assert stats["inbox"] == 4 and stats["deliveries"] == 0


def test_inbox_is_hers_only(people, group):
    service.send_staff_message(people["medewerker"], "group", "Hoi", group=group, now=NOON)
    mine = service.inbox(people["sara"], now=NOON)[0]
    assert service.get_reminder(people["amina"], mine.id, now=NOON) is None
    assert service.get_reminder(people["sara"], mine.id, now=NOON).id == mine.id
    service.mark_read(mine)
    assert service.unread_count(people["sara"], now=NOON) == 0
    assert service.unread_count(people["amina"], now=NOON) == 1


def test_meeting_reminders_once_each_and_not_for_who_declined(people, group):
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
    db.session.add(
        agenda.Rsvp(meeting_id=meeting.id, user_id=people["ewa"].id, answer="not_coming")
    )
    db.session.commit()
    for moment in (NOON, NOON + timedelta(hours=1)):  # twice: still once each
        service.create_due(start - timedelta(days=7) + timedelta(minutes=1))
        service.create_due(moment + timedelta(days=6, hours=6))  # the day before, 18:00
        service.create_due(service.local_to_utc(DAY + timedelta(days=7), time(8, 1)))
    kinds = {}
    for r in db.session.scalars(select(Reminder)):
        kinds.setdefault(r.kind, set()).add(r.user_id)
    others = {people[n].id for n in ("sara", "amina", "elif")}
    assert kinds == {
        ReminderKind.MEETING_WEEK: others,
        ReminderKind.MEETING_DAY_BEFORE: others,
        ReminderKind.MEETING_MORNING: others,
    }
    assert db.session.scalar(select(func.count()).select_from(Reminder)) == 9


def test_a_meeting_planned_late_gets_no_week_reminder(people, group):
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


def test_a_path_built_once_for_many_reminders_is_each_ones_own_path(app):
    """A fan-out builds a notification's paths once and puts each id in place
    (`records.path_builder`): the same paths as building each, and the fallback where the
    page is not there."""
    from webapp.services.reminders.records import build_path, path_builder

    for endpoint in ("reminders.open", "reminders.answer"):
        build = path_builder(endpoint, "/inbox", "reminder_id")
        for reminder_id in (1, 42, 918273645, 10**12):
            assert build(reminder_id) == build_path(endpoint, "/inbox", reminder_id=reminder_id)
    assert path_builder("no.such_page", "/inbox", "reminder_id")(7) == "/inbox"
