"""Languages: which one a page is in, and which way it reads."""

from functools import cache, cached_property

import flask_babel
from babel import Locale
from flask import current_app, g, has_request_context, request, session
from flask_babel import Domain
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


@cache  # every page asks; the answer per language never changes
def text_direction(lang: str) -> str:
    return Locale.parse(lang).text_direction


class RequestCachedDomain(Domain):
    """Flask-Babel's message domain, finding the catalog once per request and locale.

    Flask-Babel looks it up through four context lookups on every text, and a page shows a
    hundred texts (the plan page's lazy labels most of all). `force_locale` (her language for a
    reminder) sets a new locale object, so inside it and after it the catalog is found again."""

    def get_translations(self):
        if not g:
            return super().get_translations()
        state = g.get("_flask_babel")
        cached = getattr(state, "elkestap_catalog", None)
        if cached is not None and cached[0] is state.babel_locale:
            return cached[1]
        catalog = super().get_translations()
        state = g._flask_babel
        state.elkestap_catalog = (state.babel_locale, catalog)
        return catalog


class Babel(flask_babel.Babel):
    @cached_property
    def domain_instance(self) -> Domain:
        return RequestCachedDomain(domain=self.domain)
