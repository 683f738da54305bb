"""What a reminder says: rendered when it is sent and again in her inbox, each time in her
language. The lock screen shows only the neutral text unless she chose details."""

import json
from collections.abc import Callable
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.i18n import LANGUAGES, format_date, format_time, in_language, page_language
from webapp.models import User
from webapp.models.reminders import NotificationSettings, Reminder, ReminderKind, StaffMessage
from webapp.services.reminders.records import path_builder

NEUTRAL_TEXT = _l("Je hebt een nieuw bericht van Elke Stap")
NEUTRAL_NAME = _l("Agenda")
PLAIN_TEXT = _l("Je hebt een nieuw bericht.")


def render_text(reminder: Reminder, message: StaffMessage | None = None) -> tuple[str, str]:
    """(title, body) in the current locale. Call inside in_language(her language)."""
    p = reminder.params or {}
    kind = reminder.kind
    if kind == ReminderKind.MESSAGE:
        lang = page_language()
        author = p.get("author") or "Elke Stap"
        return _("Bericht van %(name)s", name=author), (
            message.text_in("body", lang) if message else ""
        )
    if kind in (ReminderKind.STEP_DAY_BEFORE, ReminderKind.STEP_MORNING):
        title = p.get("title", "")
        if kind == ReminderKind.STEP_DAY_BEFORE:
            return _("Morgen: %(title)s", title=title), _("Deze stap staat voor morgen in je plan.")
        return _("Vandaag: %(title)s", title=title), _("Deze stap staat voor vandaag in je plan.")
    if kind == ReminderKind.CHILDCARE_ACTION:
        return (
            _("Morgen: %(title)s", title=p.get("title", "")),
            _("Dit wilde je morgen doen voor de kinderopvang."),
        )
    if kind == ReminderKind.GROUP_NEWS:
        return _("Nieuw voor je groep"), _("Er staat nieuw materiaal voor je klaar.")
    if kind == ReminderKind.MEETING_NEWS:
        return (
            _("Nieuw van de bijeenkomst: %(title)s", title=_title_in_her_language(p)),
            _("Er staat iets nieuws voor je klaar: het verslag, huiswerk of materiaal."),
        )
    # Her inbox shows thirty of these: the day is formatted only where the text names it.
    moment = datetime.fromisoformat(p["starts_at"])
    hour = format_time(moment, "HH:mm")
    title, place = _title_in_her_language(p), p.get("place") or ""
    if kind == ReminderKind.MEETING_WEEK:
        return (
            _("Over een week: %(title)s", title=title),
            _("%(day)s om %(time)s. Heb je opvang geregeld?", day=_day(moment), time=hour),
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
                _("De bijeenkomst van %(day)s gaat niet door.", day=_day(moment)),
            )
        return (
            _("Verplaatst: %(title)s", title=title),
            _("Nieuwe tijd: %(day)s om %(time)s.", day=_day(moment), time=hour),
        )
    return "Elke Stap", str(NEUTRAL_TEXT)


def _title_in_her_language(params: dict) -> str:
    """A meeting's title in the reader's language when the meeting has that version."""
    lang = page_language()
    return (params.get("titles") or {}).get(lang) or params.get("title", "")


def _day(moment: datetime) -> str:
    return format_date(moment, "EEEE d MMMM")


def payload_for(
    reminder: Reminder, user: User, settings: NotificationSettings, message: StaffMessage | None
) -> dict:
    """What the phone receives: rendered now, in her language; neutral unless she chose details."""
    return Payloads().payload_for(reminder, user, settings, message)


class Payloads:
    """`payload_for` for a fan-out: a message to a group is the same text in five languages
    for hundreds of phones, so each text is rendered once per (reminder kind, what it is
    about, its parameters, language, lock screen); only the ids differ per reminder."""

    def __init__(self) -> None:
        self._texts: dict[tuple, tuple] = {}
        self._paths: dict[str, Callable[[int], str]] = {}

    def payload_for(
        self,
        reminder,
        user,
        settings: NotificationSettings,
        message: StaffMessage | None,
        params_key: str | None = None,
    ) -> dict:
        """`params_key`: the parameters as they came from the database (JSON text), when the
        caller has it: then they are not encoded again for each push to find its texts."""
        lang, details = _language_of(user), settings.lock_screen == "details"
        params = params_key if params_key is not None else _frozen(reminder.params)
        key = (reminder.kind, reminder.target_id, params, lang, details)
        texts = self._texts.get(key)
        if texts is None:
            texts = self._texts[key] = _texts(reminder, lang, details, message)
        return _payload(reminder, user, lang, details, texts, self._path)

    def _path(self, endpoint: str, reminder_id: int) -> str:
        """A reminder's path (its page in the inbox), the rule's path built once per fan-out."""
        build = self._paths.get(endpoint)
        if build is None:
            build = self._paths[endpoint] = path_builder(endpoint, "/inbox", "reminder_id")
        return build(reminder_id)


def _frozen(params: dict | None) -> str:
    return json.dumps(params, sort_keys=True)  # nested (a meeting's titles): a dict key of it


def _language_of(user: User) -> str:
    return user.language if user.language in LANGUAGES else "nl"


def _texts(reminder: Reminder, lang: str, details: bool, message) -> tuple:
    """(title, body, answer buttons, plain texts): everything of a push in her language."""
    with in_language(lang):
        if details:
            title, body = render_text(reminder, message)
        else:
            title, body = "Elke Stap", str(NEUTRAL_TEXT)
        # "Heb je opvang geregeld?" answered on the notification itself; the buttons say what
        # it is about, so only when her lock screen may show details.
        actions = answer_actions() if details and reminder.kind == ReminderKind.MEETING_WEEK else []
        # On a phone where she gave the app a neutral name (app_names.py, a choice of the
        # phone the server does not know), the service worker shows these instead.
        plain = {} if details else {"title": str(NEUTRAL_NAME), "body": str(PLAIN_TEXT)}
    return title, body, actions, plain


def _payload(reminder, user, lang: str, details: bool, texts: tuple, path) -> dict:
    title, body, actions, plain = texts
    extra = {}
    if actions:
        extra = {
            "actions": actions,
            "answerUrl": path("reminders.answer", reminder.id),
            "user": user.id,
        }
    return {
        "title": title,
        "body": body,
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "url": path("reminders.open", reminder.id),
        "tag": f"es-{reminder.id}",
        "id": reminder.id,
        "neutral": not details,
        **({"plain": plain} if plain else {}),
        **extra,
    }


def answer_actions() -> list[dict]:
    """The notification's answer buttons, in the current locale (phones show two or three)."""
    return [
        {"action": "yes", "title": _("Ja")},
        {"action": "not_yet", "title": _("Nog niet")},
        {"action": "cannot_come", "title": _("Ik kom niet")},
    ]
