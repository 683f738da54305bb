"""Languages: which one a page is in, and which way it reads."""

import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from functools import cache, cached_property, lru_cache
from zoneinfo import ZoneInfo

import flask_babel
from babel import Locale, dates
from flask import current_app, g, has_app_context, has_request_context, request, session
from flask_login import current_user
from markupsafe import Markup

# The order is the order of the language buttons; Dutch is the source language.
LANGUAGES = {
    "nl": "Nederlands",
    "ar": "العربية",
    "pl": "Polski",
    "tr": "Türkçe",
    "en": "English",
}
SESSION_KEY = "lang"


def select_locale() -> str:
    """Her saved choice, else the choice made before login, else the browser's, else Dutch.
    Outside a request (the CLI, the reminder worker) Dutch, unless `force_locale` says otherwise."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    chosen = session.get(SESSION_KEY)
    if chosen in LANGUAGES:
        return chosen
    return (
        request.accept_languages.best_match(list(LANGUAGES))
        or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


@cache  # every page asks; the answer per language never changes
def text_direction(lang: str) -> str:
    return Locale.parse(lang).text_direction


# The catalog of this request's language, kept on `g` (Flask's per-request namespace), and its
# locale and time zone for dates.
_CATALOG = "page_catalog"
_LOCALE_AND_ZONE = "page_locale_and_zone"
_LANGUAGE = "page_language"
_PAGE_KEYS = (_CATALOG, _LOCALE_AND_ZONE, _LANGUAGE)


class PageDomain(flask_babel.Domain):
    """Flask-Babel's message domain, finding the catalog once per request.

    Flask-Babel finds it again through five context lookups for every text, and a page shows a
    hundred texts. Another language inside a request (her reminder in her language) goes
    through `in_language`, which sets the page's catalog aside."""

    def get_translations(self):
        if not has_app_context():
            return super().get_translations()
        catalog = g.get(_CATALOG)
        if catalog is None:
            catalog = super().get_translations()
            setattr(g, _CATALOG, catalog)
        return catalog


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Texts, dates and templates in `lang` inside the block (a reminder in her language, in
    the middle of a Dutch page or of the sender's run); the page's own language after it.
    The one way to switch: Flask-Babel's `force_locale` alone would leave the page's catalog
    in place (an import-linter contract keeps it out of the rest of the code)."""
    outer = {key: g.pop(key, None) for key in _PAGE_KEYS} if has_app_context() else {}
    try:
        with flask_babel.force_locale(lang):
            yield
    finally:
        if has_app_context():
            for key in _PAGE_KEYS:
                g.pop(key, None)
                if outer.get(key) is not None:
                    setattr(g, key, outer[key])


# --- Dates ------------------------------------------------------------------------------------
# Flask-Babel's date functions, with the request's locale and time zone found once instead of
# through its context for every date (her inbox shows sixty), and the zone converted by the
# standard library's zoneinfo. The same texts: the same patterns, named formats and rebasing
# (naive datetimes are UTC, shown in the app's time zone). Templates: `datetimeformat`,
# `dateformat` and `timeformat` are these.


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


class PlainLocale(Locale):
    """A Babel locale whose day and month names and named formats are plain dicts.

    Babel hands them out as views that resolve aliases on every access: a date's weekday and
    month name are a dozen lookups each, and a list of meetings or messages formats a date per
    row. Read once per language here, the same names and patterns; `format_date` and the
    others accept any `Locale`."""

    days = property(lambda self: self._read_once("days"))
    months = property(lambda self: self._read_once("months"))
    date_formats = property(lambda self: self._read_once("date_formats"))
    time_formats = property(lambda self: self._read_once("time_formats"))
    datetime_formats = property(lambda self: self._read_once("datetime_formats"))

    def _read_once(self, key: str):
        read = self.__dict__.setdefault("_read", {})
        if key not in read:
            read[key] = _plain(self._data[key])
        return read[key]


def _plain(value):
    if isinstance(value, Mapping):
        return {key: _plain(value[key]) for key in value}
    return value


@cache
def plain_locale(identifier: str) -> PlainLocale:
    return PlainLocale.parse(identifier)


def _locale_and_zone() -> tuple[Locale, ZoneInfo]:
    found = g.get(_LOCALE_AND_ZONE) if has_app_context() else None
    if found is None:
        zone = flask_babel.get_timezone()
        locale = flask_babel.get_locale()
        found = (plain_locale(str(locale)) if locale else None, _zone(str(zone.zone)))
        if has_app_context():
            setattr(g, _LOCALE_AND_ZONE, found)
    return found


def page_language() -> str:
    """The language code of this request, found once ("nl" outside the app)."""
    if not has_app_context():
        return "nl"
    found = g.get(_LANGUAGE)
    if found is None:
        locale = _locale_and_zone()[0]
        found = str(locale) if locale else "nl"
        setattr(g, _LANGUAGE, found)
    return found


_NAMED = ("short", "medium", "long", "full")  # Babel's named formats


def _pattern(kind: str, pattern: str | None) -> str:
    """A named format ('short', 'medium', 'long', 'full') as the app's Babel maps it."""
    if pattern is None or pattern in _NAMED:
        formats = current_app.extensions["babel"].instance.date_formats
        pattern = pattern or formats[kind]
        return formats[f"{kind}.{pattern}"] or pattern
    return pattern


def format_datetime(value: datetime, pattern: str | None = None) -> str:
    locale, zone = _locale_and_zone()
    return dates.format_datetime(value, _pattern("datetime", pattern), tzinfo=zone, locale=locale)


def format_date(value: date | datetime, pattern: str | None = None) -> str:
    locale, zone = _locale_and_zone()
    if isinstance(value, datetime):
        value = _in_zone(value, zone).date()
    return _date_text(value, _pattern("date", pattern), _locale_id(locale))


def format_time(value: time | datetime, pattern: str | None = None) -> str:
    locale, zone = _locale_and_zone()
    pattern = _pattern("time", pattern)
    if pattern in _NAMED:  # the language's own pattern, to see whether it names the zone
        pattern = dates.get_time_format(pattern, locale=locale or dates.LC_TIME).pattern
    if not _ZONE_FIELDS.isdisjoint(pattern):
        return dates.format_time(value, pattern, tzinfo=zone, locale=locale)
    # A time of day is her wall clock as it is; a moment is shown in her zone.
    wall = _in_zone(value, zone).time() if isinstance(value, datetime) else value
    return _time_text(wall.replace(tzinfo=None), pattern, _locale_id(locale))


def _in_zone(value: datetime, zone: ZoneInfo) -> datetime:
    """A moment in `zone`; a naive one is UTC, as everywhere in the app."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(zone)


def _locale_id(locale: Locale | None) -> str | None:
    return str(locale) if locale else None


# A day's or an hour's text, kept per worker: a list of meetings shows the same days and hours
# again and again (a series meets at one hour, and a whole group sees the same meetings), and
# Babel reads the pattern and the language's names anew for each. A date's text depends on its
# day, pattern and language only; a time's on its hour, minute and second too, unless the
# pattern names the zone (its name then depends on the date: not kept).
_ZONE_FIELDS = frozenset("zZvVOxX")


@lru_cache(maxsize=4096)
def _date_text(day: date, pattern: str, locale: str | None) -> str:
    return dates.format_date(day, pattern, locale=plain_locale(locale) if locale else None)


@lru_cache(maxsize=4096)
def _time_text(wall: time, pattern: str, locale: str | None) -> str:
    return dates.format_time(wall, pattern, locale=plain_locale(locale) if locale else None)


class Babel(flask_babel.Babel):
    @cached_property
    def domain_instance(self) -> flask_babel.Domain:
        return PageDomain(domain=self.domain)

    def init_app(self, app, *args, **kwargs) -> None:
        super().init_app(app, *args, **kwargs)

        # Template texts go to the domain directly: each `{{ _('…') }}` is one lookup of the
        # request's catalog (Flask-Babel's own callables find the domain first, each time).
        def catalog():
            return self.domain_instance.get_translations()

        app.jinja_env.install_gettext_callables(
            gettext=lambda s: catalog().ugettext(s),
            ngettext=lambda s, p, n: catalog().ungettext(s, p, n),
            pgettext=lambda c, s: catalog().upgettext(c, s),
            npgettext=lambda c, s, p, n: catalog().unpgettext(c, s, p, n),
            newstyle=True,
        )
        # `_()` and `ngettext()`, the two the templates use, as one call each instead of
        # Jinja's three (alias, newstyle wrapper, callable), and a text without values
        # translated and made markup once per language (`_TemplateTexts`).
        texts = _TemplateTexts(catalog)
        app.jinja_env.globals.update(
            _=texts.gettext, gettext=texts.gettext, ngettext=texts.ngettext
        )
        app.jinja_env.filters.update(
            datetimeformat=format_datetime, dateformat=format_date, timeformat=format_time
        )


class _TemplateTexts:
    """Jinja's newstyle gettext, in one step: the text of her catalog as markup, with its
    `%(name)s` values escaped in (exactly what `install_gettext_callables(newstyle=True)`
    gives, tested in test_languages.py). A text without values is the same markup on every
    page of a language: it is kept per catalog, and a page asks a dict for it."""

    def __init__(self, catalog) -> None:
        self.catalog = catalog
        self.plain: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def gettext(self, string: str, **variables) -> Markup:
        catalog = self.catalog()
        if variables:
            return Markup(catalog.ugettext(string)) % variables
        known = self.plain.get(catalog)
        if known is None:
            known = self.plain[catalog] = {}
        text = known.get(string)
        if text is None:
            text = known[string] = Markup(catalog.ugettext(string)) % {}
        return text

    def ngettext(self, singular: str, plural: str, num: int, **variables) -> Markup:
        variables.setdefault("num", num)
        return Markup(self.catalog().ungettext(singular, plural, num)) % variables
