"""The `flask` commands, run through Flask's CLI runner against the test database: each in its
own app context, as from a shell."""

import json
import os
import shutil
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from py_vapid import Vapid
from sqlalchemy import func, select

from tests.fakepush import FakePushService
from webapp import catalogs
from webapp.cli import ROOT
from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.agenda import Meeting, Rsvp
from webapp.models.attendance import Attendance
from webapp.models.childcare import Child
from webapp.models.plan import PlanStep
from webapp.models.reminders import Reminder
from webapp.services import push as push_service
from webapp.services import reminders


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args: str):
        result = runner.invoke(args=list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result

    return invoke


# --- demo load ----------------------------------------------------------------------------------


def test_demo_load_makes_the_accounts_and_their_content_once(run):
    first = run("demo", "load")
    assert first.exit_code == 0 and "demo data ready (17 new accounts)" in first.output
    names = set(db.session.scalars(select(User.username)))
    assert {"sara", "amina", "ewa", "elif", "trainster", "medewerker", "beheer"} <= names
    assert {"fatima", "fatimab", "kasia", "ayse", "joy"} <= names  # the rest of Groep Zuid
    content = (Meeting.id, PlanStep.id, Rsvp.id, Attendance.id, Child.id, Reminder.id)
    counts = [db.session.scalar(select(func.count(c))) for c in content]
    assert all(counts[:5])  # the features' demo content came along
    again = run("demo", "load")
    assert again.exit_code == 0 and "(0 new accounts)" in again.output
    assert [db.session.scalar(select(func.count(c))) for c in content] == counts


def test_demo_load_refuses_production(app, run):
    app.config["ENV_NAME"] = "production"
    result = run("demo", "load")
    assert result.exit_code != 0 and "never loaded in production" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0


# --- push init-keys -----------------------------------------------------------------------------


def test_push_init_keys_makes_a_private_key_file_once(app, run, tmp_path, monkeypatch):
    monkeypatch.delenv("VAPID_PRIVATE_KEY", raising=False)
    app.config["VAPID_PRIVATE_KEY"] = None
    app.instance_path = str(tmp_path)  # never the real instance folder
    made = run("push", "init-keys")
    assert made.exit_code == 0 and made.output.startswith("made new keys; public key: ")
    key_file = tmp_path / push_service.KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600  # readable by the app's user only
    public = made.output.rsplit(" ", 1)[1].strip()
    assert public == push_service.public_key()
    again = run("push", "init-keys")
    assert again.output == f"keys already there; public key: {public}\n"


def test_push_init_keys_leaves_a_key_from_the_environment(app, run, tmp_path):
    key = Vapid()
    key.generate_keys()
    app.config["VAPID_PRIVATE_KEY"] = key.private_pem().decode()
    app.instance_path = str(tmp_path)
    result = run("push", "init-keys")
    assert result.output.startswith("keys already there")
    assert not (tmp_path / push_service.KEY_FILE).exists()


# --- reminders send-due -------------------------------------------------------------------------


def test_reminders_send_due_pushes_what_is_due_once(app, run, zuid, sara, medewerker):
    key = Vapid()
    key.generate_keys()
    app.config["VAPID_PRIVATE_KEY"] = key.private_pem().decode()
    with FakePushService(application_server_key=push_service.public_key()) as fake:
        subscription = fake.subscription("ok")
        reminders.save_subscription(sara, subscription)
        reminders.save_settings(sara, True, 0, 0, "neutral")  # no quiet hours: runs at any hour
        reminders.send_staff_message(
            medewerker, "group", "Morgen koffie.", group=zuid, now=utcnow() - timedelta(hours=1)
        )
        first = run("reminders", "send-due")
        assert first.exit_code == 0
        stats = dict(pair.split("=") for pair in first.output.split())
        assert (stats["deliveries"], stats["sent"]) == ("1", "1")
        assert len(fake.messages_for(subscription)) == 1
        again = run("reminders", "send-due")
        assert dict(pair.split("=") for pair in again.output.split())["deliveries"] == "0"
        assert len(fake.messages_for(subscription)) == 1


# --- translate update, todo, apply --------------------------------------------------------------


@pytest.fixture
def catalog_copy(app, tmp_path):
    """A copy of the catalogs for the commands to work on; the real ones stay as they are."""
    copy = tmp_path / "translations"
    shutil.copytree(Path(ROOT) / "translations", copy, ignore=shutil.ignore_patterns("*.mo"))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(copy)
    return copy


def real_catalogs() -> dict[str, bytes]:
    found = Path(ROOT, "translations").rglob("*.po*")
    return {str(p): p.read_bytes() for p in sorted(found)}


def test_translate_update_todo_apply_on_a_copy(run, catalog_copy, tmp_path):
    before = real_catalogs()
    arabic = catalogs.load("ar", catalog_copy)  # as if "Sluiten" were new in the code
    del arabic["Sluiten"]
    catalogs.save(arabic, "ar", catalog_copy)

    updated = run("translate", "update")
    assert updated.exit_code == 0
    assert updated.output == "ar: 1 texts still to translate (flask translate todo ar)\n"
    todo = json.loads(run("translate", "todo", "ar").output)
    assert todo == [{"id": "Sluiten", "string": ""}]

    todo[0]["string"] = "إغلاق"
    filled = tmp_path / "ar.json"
    filled.write_text(json.dumps(todo, ensure_ascii=False), encoding="utf-8")
    applied = run("translate", "apply", "ar", str(filled))
    assert applied.output == "ar: 1 texts written\n"
    assert json.loads(run("translate", "todo", "ar").output) == []
    assert catalogs.load("ar", catalog_copy)["Sluiten"].string == "إغلاق"
    assert real_catalogs() == before
    assert os.path.exists(catalog_copy / "messages.pot")


# --- prune ----------------------------------------------------------------------------------------


def test_prune_deletes_only_what_is_older_than_its_retention(app, run, zuid, sara, medewerker):
    from webapp.models.reminders import DeliveryState, PushAttempt, PushDelivery
    from webapp.models.sharing import PartView
    from webapp.services import retention, sharing

    now = utcnow()
    reminders.send_staff_message(medewerker, "group", "Welkom!", group=zuid)
    reminder = db.session.scalar(select(Reminder).where(Reminder.user_id == sara.id))

    def delivery(state, days_ago):
        made = PushDelivery(
            reminder_id=reminder.id,
            state=state,
            next_try_at=now - timedelta(days=days_ago),
            sent_at=now - timedelta(days=days_ago) if state == DeliveryState.SENT else None,
        )
        db.session.add(made)
        db.session.flush()
        return made

    old_sent = delivery(DeliveryState.SENT, 91)
    delivery(DeliveryState.PENDING, 200)  # not finished: never pruned, whatever its age
    # Attempts of a recent delivery: one 31 days old, one of yesterday.
    recent = PushDelivery(reminder_id=reminder.id, state=DeliveryState.FAILED, next_try_at=now)
    db.session.add(recent)
    db.session.flush()
    for days in (31, 1):
        db.session.add(
            PushAttempt(delivery_id=recent.id, at=now - timedelta(days=days), outcome="retry")
        )
    db.session.add(
        PushAttempt(delivery_id=old_sent.id, at=now - timedelta(days=91), outcome="sent")
    )
    sharing.set_viewers(sara, "plan", {medewerker.id})
    for days in (366, 364):
        sharing.readable_part(medewerker, sara.id, "plan", now=now - timedelta(days=days))
    db.session.commit()

    result = run("prune")
    assert "push_attempts: 2 deleted (kept 30 days)" in result.output
    assert "push_deliveries: 1 deleted (kept 90 days)" in result.output
    assert "part_views: 1 deleted (kept 365 days)" in result.output
    db.session.expire_all()
    assert {d.state for d in db.session.scalars(select(PushDelivery))} == {"pending", "failed"}
    assert [a.at.date() for a in db.session.scalars(select(PushAttempt))] == [
        (now - timedelta(days=1)).date()
    ]
    assert db.session.scalar(select(func.count(PartView.id))) == 1
    assert run("prune").output.count(": 0 deleted") == 3  # again: nothing more
    assert retention.RETENTION_DAYS == {
        "push_attempts": 30,
        "push_deliveries": 90,
        "part_views": 365,
    }
