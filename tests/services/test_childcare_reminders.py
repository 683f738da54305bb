"""Her own kinderopvang next action with a date becomes a reminder the day before, at a decent
hour, once, in her language, neutral on the lock screen unless she chose details."""

from datetime import date, time, timedelta

import pytest
from flask_babel import gettext as _
from sqlalchemy import select

from webapp.extensions import db
from webapp.i18n import in_language
from webapp.models import Group, Organisation, Role
from webapp.models.reminders import Reminder, ReminderKind
from webapp.services import childcare
from webapp.services import reminders as service
from webapp.services.accounts import create_user

DAY = date(2026, 11, 24)  # her action is on Wednesday the 25th


@pytest.fixture
def amina(app):
    organisation = Organisation(name="Gemeente Test")
    db.session.add(organisation)
    db.session.flush()
    group = Group(organisation_id=organisation.id, name="Groep Test")
    db.session.add(group)
    db.session.commit()
    return create_user(
        "amina", "geheim-123", "Amina", Role.PARTICIPANT, language="ar", groups=[group]
    )


def plan_action(user, on: date):
    child = childcare.add_child(user, "Yusuf", 2023, DAY)
    application = childcare.start_application(user, child, "kinderdagverblijf")
    childcare.update_application(
        user, application, "waitlist", next_action="De opvang bellen", next_action_on=on
    )
    return application


def at(day: date, hour: int, minute: int = 0):
    return service.local_to_utc(day, time(hour, minute))


def test_the_day_before_at_five_once_in_her_language(amina, fake_push):
    sub = fake_push.subscription("ok")
    service.save_subscription(amina, sub)
    s = service.get_settings(amina)
    service.save_settings(amina, True, s.quiet_start, s.quiet_end, "details")
    application = plan_action(amina, DAY + timedelta(days=1))

    service.send_due(now=at(DAY, 16, 59), use_rq=False)
    service.send_due(now=at(DAY - timedelta(days=1), 17), use_rq=False)  # two days before
    assert fake_push.messages_for(sub) == []
    for _run in range(3):  # every minute, on any number of machines: still one
        service.send_due(now=at(DAY, 17, 5), use_rq=False)
    [payload] = fake_push.messages_for(sub)
    with in_language("ar"):
        assert payload["title"] == _("Morgen: %(title)s", title="De opvang bellen")
        assert payload["body"] == _("Dit wilde je morgen doen voor de kinderopvang.")
    assert payload["lang"] == "ar"
    reminder = db.session.get(Reminder, payload["id"])
    assert reminder.kind == ReminderKind.CHILDCARE_ACTION
    assert reminder.url == f"/opvang/aanvragen/{application.id}"
    # On the day itself it is not made again.
    service.send_due(now=at(DAY + timedelta(days=1), 9), use_rq=False)
    assert len(fake_push.messages_for(sub)) == 1


def test_neutral_by_default_and_never_in_her_quiet_hours(amina, fake_push):
    sub = fake_push.subscription("ok")
    service.save_subscription(amina, sub)
    s = service.get_settings(amina)
    service.save_settings(amina, True, 16 * 60, 8 * 60, s.lock_screen)  # quiet from 16:00
    plan_action(amina, DAY + timedelta(days=1))
    service.send_due(now=at(DAY, 17, 5), use_rq=False)
    assert fake_push.messages_for(sub) == []  # made, kept for after her quiet hours
    assert service.unread_count(amina, now=at(DAY, 17, 5)) == 1
    service.send_due(now=at(DAY + timedelta(days=1), 8), use_rq=False)
    [payload] = fake_push.messages_for(sub)
    assert payload["title"] == "Elke Stap" and "opvang" not in str(payload).lower()


def test_no_reminder_without_a_date_or_an_action(amina):
    plan_action(amina, None)
    service.send_due(now=at(DAY, 18), use_rq=False)
    assert db.session.scalars(select(Reminder)).all() == []
