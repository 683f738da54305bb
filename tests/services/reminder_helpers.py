"""What the reminder tests share besides their fixtures (tests/services/conftest.py): a fixed
Tuesday noon, her phone subscribed to the local push service, details on her lock screen."""

from datetime import date, time

from webapp.services import reminders as service

DAY = date(2026, 11, 24)  # a Tuesday
NOON = service.local_to_utc(DAY, time(12, 0))


def subscribe(fake, user, behaviour="ok"):
    sub = fake.subscription(behaviour)
    service.save_subscription(user, sub)
    return sub


def details(user):
    s = service.get_settings(user)
    service.save_settings(user, True, s.quiet_start, s.quiet_end, "details")
