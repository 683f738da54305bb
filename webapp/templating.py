"""Helpers every template may use."""

from flask import Flask, current_app, g, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from webapp.i18n import LANGUAGES
from webapp.icons import icon
from webapp.navigation import more_links, tab_bar
from webapp.shell_cache import once_per_language


def has_endpoint(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


def written_by_staff(text: str) -> Markup:
    """Text a medewerker or trainster typed (in Dutch, for now): marked as Dutch and isolated,
    so an Arabic page neither reads it as Arabic nor moves its full stop to the wrong end."""
    return Markup('<bdi lang="nl" dir="auto">{}</bdi>').format(text)


def current_language() -> str:
    return str(get_locale() or "nl")


def csrf_field() -> Markup:
    """The hidden CSRF input, built once per request: the plan page has forty small forms.
    No id attribute: ids must be unique on a page."""
    if "csrf_field" not in g:
        g.csrf_field = Markup('<input type="hidden" name="csrf_token" value="{}">').format(
            generate_csrf()
        )
    return g.csrf_field


def js_strings() -> dict[str, str]:
    """The few texts app.js shows, in her language."""
    return {
        "close": _("Sluiten"),
        "reload": _("Nu vernieuwen"),
        "newVersion": _("Er is een nieuwe versie van Elke Stap."),
        "cachedAt": _("Zonder internet. Bijgewerkt om %(time)s."),
        **{key: str(text) for key, text in EXTRA_JS_STRINGS.items()},
    }


def js_strings_json() -> Markup:
    """`js_strings()` as the page's JSON, as the `tojson` filter would write it."""
    return once_per_language(
        "js_strings", lambda: htmlsafe_json_dumps(js_strings(), dumps=current_app.json.dumps)
    )


# Features add their texts for app.js here (key -> lazy translated text).
EXTRA_JS_STRINGS: dict[str, object] = {}

# Pages a participant can read offline; after login they are fetched into the phone's cache.
OFFLINE_PAGES: list[str] = ["home.index", "home.more", "pwa.offline"]


def warm_pages() -> list[str]:
    """Right after login only: the pages to fetch into her cache."""
    if not session.pop("warm_cache", False):
        return []
    return [url_for(e) for e in OFFLINE_PAGES if e in current_app.view_functions]


def init_app(app: Flask) -> None:
    app.jinja_env.filters["staff_text"] = written_by_staff

    @app.context_processor
    def once_after_login():
        return {"warm_pages": warm_pages() if current_user.is_authenticated else []}

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(
        languages=LANGUAGES,
        has_endpoint=has_endpoint,
        csrf_field=csrf_field,
        current_language=current_language,
        tab_bar=tab_bar,
        icon=icon,
        more_links=more_links,
        js_strings_json=js_strings_json,
    )
