"""Languages: which one a page is in, and which way it reads."""

from babel import Locale
from flask import current_app, g, has_request_context, request, session
from flask_babel import get_translations
from flask_login import current_user

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


def text_direction(lang: str) -> str:
    return Locale.parse(lang).text_direction


def _request_catalog():
    """The catalog for the current locale, looked up once per request and locale.

    Flask-Babel finds it through four context lookups on every call, and a page makes dozens of
    calls. `force_locale` (her language for a reminder) sets a new locale object, so the
    catalog is looked up again inside it and after it."""
    if not g:
        return get_translations()
    babel_context = g.get("_flask_babel")
    cached = getattr(babel_context, "elkestap_catalog", None)
    if cached is not None and cached[0] is babel_context.babel_locale:
        return cached[1]
    catalog = get_translations()
    babel_context = g._flask_babel
    babel_context.elkestap_catalog = (babel_context.babel_locale, catalog)
    return catalog


def install_template_gettext(app) -> None:
    """Templates translate through `_request_catalog`; the same texts as Flask-Babel's own."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _request_catalog().ugettext(s),
        ngettext=lambda s, p, n: _request_catalog().ungettext(s, p, n),
        pgettext=lambda c, s: _request_catalog().upgettext(c, s),
        npgettext=lambda c, s, p, n: _request_catalog().unpgettext(c, s, p, n),
        newstyle=True,
    )
