"""What a reminder says: rendered when it is sent and again in her inbox, each time in her
language. The lock screen shows only the neutral text unless she chose details."""

from datetime import datetime

from flask_babel import force_locale, format_date, format_time, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.i18n import LANGUAGES
from webapp.models import User
from webapp.models.reminders import NotificationSettings, Reminder, ReminderKind, StaffMessage
from webapp.services.reminders.records import build_path

NEUTRAL_TEXT = _l("Je hebt een nieuw bericht van Elke Stap")


def render_text(reminder: Reminder, message: StaffMessage | None = None) -> tuple[str, str]:
    """(title, body) in the current locale. Call inside force_locale(her language)."""
    p = reminder.params or {}
    kind = reminder.kind
    if kind == ReminderKind.MESSAGE:
        lang = str(get_locale() or "nl")
        author = p.get("author") or "Elke Stap"
        return _("Bericht van %(name)s", name=author), (message.text_for(lang) if message else "")
    if kind in (ReminderKind.STEP_DAY_BEFORE, ReminderKind.STEP_MORNING):
        title = p.get("title", "")
        if kind == ReminderKind.STEP_DAY_BEFORE:
            return _("Morgen: %(title)s", title=title), _("Deze stap staat voor morgen in je plan.")
        return _("Vandaag: %(title)s", title=title), _("Deze stap staat voor vandaag in je plan.")
    day, hour = _when(p["starts_at"])
    title, place = p.get("title", ""), p.get("place") or ""
    if kind == ReminderKind.MEETING_WEEK:
        return (
            _("Over een week: %(title)s", title=title),
            _("%(day)s om %(time)s. Heb je opvang geregeld?", day=day, time=hour),
        )
    if kind == ReminderKind.MEETING_DAY_BEFORE:
        body = _("Morgen om %(time)s.", time=hour)
        return _("Morgen: %(title)s", title=title), f"{body} {place}".strip()
    if kind == ReminderKind.MEETING_MORNING:
        body = _("Vandaag om %(time)s. Tot straks!", time=hour)
        return _("Vandaag: %(title)s", title=title), f"{body} {place}".strip()
    if kind == ReminderKind.MEETING_CHANGED:
        if p.get("change") == "cancelled":
            return (
                _("Gaat niet door: %(title)s", title=title),
                _("De bijeenkomst van %(day)s gaat niet door.", day=day),
            )
        return (
            _("Verplaatst: %(title)s", title=title),
            _("Nieuwe tijd: %(day)s om %(time)s.", day=day, time=hour),
        )
    return "Elke Stap", str(NEUTRAL_TEXT)


def _when(iso: str) -> tuple[str, str]:
    moment = datetime.fromisoformat(iso)
    return format_date(moment, "EEEE d MMMM"), format_time(moment, "HH:mm")


def payload_for(
    reminder: Reminder, user: User, settings: NotificationSettings, message: StaffMessage | None
) -> dict:
    """What the phone receives: rendered now, in her language; neutral unless she chose details."""
    lang = user.language if user.language in LANGUAGES else "nl"
    with force_locale(lang):
        if settings.lock_screen == "details":
            title, body = render_text(reminder, message)
        else:
            title, body = "Elke Stap", str(NEUTRAL_TEXT)
    return {
        "title": title,
        "body": body,
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "url": build_path("reminders.open", "/inbox", reminder_id=reminder.id),
        "tag": f"es-{reminder.id}",
        "id": reminder.id,
        "neutral": settings.lock_screen != "details",
    }
