"""The participant's bottom navigation. A feature adds its tab by endpoint; a tab whose
blueprint is not registered is simply not shown."""

from collections.abc import Callable

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from webapp.shell_cache import once_per_language

PARTICIPANT_TABS = (
    ("plan.index", _l("Mijn plan"), "plan"),
    ("agenda.index", _l("Agenda"), "calendar"),
    ("childcare.index", _l("Opvang"), "child"),
    ("cv.index", _l("Cv"), "cv"),
    ("home.more", _l("Meer"), "more"),
)


# A count shown on a tab (unread messages on Meer): endpoint -> function(user) -> int.
TAB_BADGES: dict[str, Callable] = {}


def _is_current(tab: str, current: str) -> bool:
    """A tab stays lit on every page of its feature; home's pages (start, Meer) are separate."""
    blueprint = tab.split(".")[0]
    return tab == current or (blueprint != "home" and current.split(".")[0] == blueprint)


def participant_tabs() -> list[dict]:
    current = request.endpoint or ""
    return [
        {
            "endpoint": endpoint,
            "label": label,
            "icon": icon,
            "active": _is_current(endpoint, current),
            "badge": TAB_BADGES[endpoint](current_user) if endpoint in TAB_BADGES else 0,
        }
        for endpoint, label, icon in PARTICIPANT_TABS
        if endpoint in current_app.view_functions
    ]


def tab_bar() -> Markup:
    """Her bottom navigation. Only the lit tab and the counts vary, so each variant is rendered
    once per language and kept."""
    tabs = participant_tabs()
    variant = tuple((tab["active"], tab["badge"]) for tab in tabs)
    return once_per_language(
        ("tab_bar", variant),
        # Straight from the environment: the page's context processors have run already.
        lambda: Markup(current_app.jinja_env.get_template("_tab_bar.html").render(tabs=tabs)),
    )


# Extra links on the 'Meer' tab (messages, notification settings, privacy), added by features.
MORE_LINKS: list[tuple[str, object]] = []


def more_links() -> list[dict]:
    return [
        {"endpoint": endpoint, "label": label}
        for endpoint, label in MORE_LINKS
        if endpoint in current_app.view_functions
    ]
