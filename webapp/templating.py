"""Helpers every template may use."""

from flask import Flask, current_app, g
from flask.templating import Environment
from flask_login import current_user
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from webapp import rich_text
from webapp.app_names import app_name, neutral_app
from webapp.forms import LANGUAGE_NAMES
from webapp.i18n import LANGUAGES, page_language
from webapp.icons import icon
from webapp.js_texts import js_texts
from webapp.models.versions import VERSION_LANGUAGES
from webapp.navigation import more_links, tab_bar
from webapp.security import csrf_token_for_page
from webapp.services.materials.files import MAX_FILE, human_size
from webapp.shell_cache import once_per_language


class PageEnvironment(Environment):
    """Flask's Jinja environment, with each template's globals in one plain dict.

    Jinja keeps them as a ChainMap over the environment's own, and each
    `{% from "…" import … %}` compares the names of the page's globals with the imported
    template's through it, one lookup per name in Python (six imports and 36 names on her
    home). A dict compares them in C. The app sets all its globals while it is made, before a
    template is loaded, as Jinja asks; a template loaded later sees them all."""

    def make_globals(self, d):
        return {**self.globals, **d} if d else dict(self.globals)


def written_by_staff(value, name: str | None = None) -> Markup:
    """Text a medewerker or trainster typed, marked with its language and isolated, so an
    Arabic page neither reads Dutch as Arabic nor moves its full stop to the wrong end.

    `{{ meeting|staff_text('title') }}`: her version of the field (`HasVersions`), else the
    Dutch text marked lang="nl". `{{ text|staff_text }}`: a plain string, always Dutch."""
    if name is None:
        return Markup(f'<bdi lang="nl">{escape(value)}</bdi>')
    # Built with escape() rather than Markup.format: a list shows two or three per line. No
    # dir attribute: a <bdi> is dir="auto" unless it says otherwise.
    lang = value.language_in(name, current_language())
    return Markup(f'<bdi lang="{escape(lang)}">{escape(value.version(name, lang))}</bdi>')


def written_by_staff_formatted(value, name: str) -> Markup:
    """A longer text with plain formatting (Markdown: paragraphs, lists, bold, links), in her
    version else Dutch, rendered and sanitised (`webapp.rich_text`), marked with its language."""
    lang = value.language_in(name, current_language())
    return Markup('<div class="staff-text" lang="{}" dir="auto">{}</div>').format(
        lang, rich_text.render(value.version(name, lang))
    )


def comma() -> str:
    """The comma between a date and a time: Arabic writes its own (،)."""
    return "، " if current_language() == "ar" else ", "


def with_her_commas(text: str) -> str:
    """A formatted date whose pattern has a comma (`'EEEE d MMMM, HH:mm'`), with the comma
    of her language."""
    return text.replace(", ", comma()) if current_language() == "ar" else text


def file_size(size: int) -> Markup:
    """'1,2 MB', kept left-to-right inside an Arabic sentence."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(human_size(size))


def language_list(codes) -> str:
    """'Arabisch, Pools': language codes named in the reader's language."""
    return ", ".join(str(LANGUAGE_NAMES[code]) for code in codes)


def current_language() -> str:
    return page_language()


def csrf_field() -> Markup:
    """The hidden CSRF input, built once per request: the plan page has forty small forms.
    No id attribute: ids must be unique on a page."""
    if "csrf_field" not in g:
        g.csrf_field = Markup('<input type="hidden" name="csrf_token" value="{}">').format(
            csrf_token_for_page()
        )
    return g.csrf_field


def js_strings_json() -> Markup:
    """The texts of `webapp/js_texts.py` as the page's JSON, as `tojson` would write it."""
    return once_per_language(
        "js_strings", lambda: htmlsafe_json_dumps(js_texts(), dumps=current_app.json.dumps)
    )


def page_head(neutral_name: bool) -> Markup:
    """The links and scripts in every page's head (`_page_head.html`): 4 % of her home when
    rendered with each page, and the same for everyone with her language and app name."""
    return once_per_language(
        ("page_head", bool(neutral_name)),
        # Straight from the environment, as the tab bar: only globals, nothing of hers.
        lambda: Markup(
            current_app.jinja_env.get_template("_page_head.html").render(neutral_name=neutral_name)
        ),
    )


def init_app(app: Flask) -> None:
    app.jinja_env.filters["staff_text"] = written_by_staff
    app.jinja_env.filters["her_commas"] = with_her_commas
    app.jinja_env.filters["staff_html"] = written_by_staff_formatted
    app.jinja_env.filters["filesize"] = file_size

    app.jinja_env.add_extension("jinja2.ext.do")
    # Flask-WTF's token, remembered for the page's ETag. A context processor, not a global:
    # CSRFProtect gives every template `csrf_token` through a context processor of its own,
    # which would win over a global (and a page without a form would get a new tag every second).
    app.context_processor(lambda: {"csrf_token": csrf_token_for_page})
    app.jinja_env.globals.update(
        languages=LANGUAGES,
        language_names=LANGUAGE_NAMES,
        version_languages=VERSION_LANGUAGES,
        max_file=MAX_FILE,
        language_list=language_list,
        csrf_field=csrf_field,
        current_language=current_language,
        comma=comma,
        tab_bar=tab_bar,
        page_head=page_head,
        icon=icon,
        more_links=more_links,
        js_strings_json=js_strings_json,
        app_name=app_name,
        neutral_app=neutral_app,
        # Also inside imported macros (macros/offline.html writes whose a kept change is).
        current_user=current_user,
    )
