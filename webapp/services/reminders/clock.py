"""Local time: reminders are planned in Europe/Amsterdam, stored as naive UTC."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Amsterdam")


def local_to_utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at, TZ).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def utc_to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(TZ)
