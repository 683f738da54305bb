"""Languages: which one a page is in, and which way it reads."""

from babel import Locale
from flask import current_app, has_request_context, request, session
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
