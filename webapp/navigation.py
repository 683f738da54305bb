"""Her navigation: the bottom tabs, the count on a tab, and the links on the Meer tab. Each is
one list here: a feature with a tab or a Meer link adds it to the list."""

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from webapp.models import Role
from webapp.services import reminders
from webapp.shell_cache import once_per_language


def unread_on_this_page(user) -> int:
    """Her unread count, counted once per request: the tab badge, the home card and the Meer
    link all show it."""
    counts = g.setdefault("unread_counts", {})
    if user.id not in counts:
        counts[user.id] = reminders.unread_count(user)
    return counts[user.id]


def _no_badge(user) -> int:
    return 0


# endpoint, label, icon, the count shown on the tab
PARTICIPANT_TABS = (
    ("plan.index", _l("Mijn plan"), "plan", _no_badge),
    ("agenda.index", _l("Agenda"), "calendar", _no_badge),
    ("childcare.index", _l("Opvang"), "child", _no_badge),
    ("cv.index", _l("Cv"), "cv", _no_badge),
    # Unread messages show on Meer (where Berichten is), not only inside it.
    ("home.more", _l("Meer"), "more", unread_on_this_page),
)


def _is_current(tab: str, current: str) -> bool:
    """A tab stays lit on every page of its feature; home's pages (start, Meer) are separate."""
    blueprint = tab.split(".")[0]
    return tab == current or (blueprint != "home" and current.split(".")[0] == blueprint)


def participant_tabs() -> list[dict]:
    current = request.endpoint or ""
    her = current_user._get_current_object()  # once, not through the proxy for each tab
    return [
        {
            "endpoint": endpoint,
            "label": label,
            "icon": icon,
            "active": _is_current(endpoint, current),
            "badge": badge(her),
        }
        for endpoint, label, icon, badge in PARTICIPANT_TABS
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


def _inbox_label(user) -> str:
    count = unread_on_this_page(user) if user.role == Role.PARTICIPANT else 0
    return _("Berichten (%(n)d nieuw)", n=count) if count else _("Berichten")


# The links on her Meer tab: endpoint, label (a text, or a function of her for a label that
# carries a count).
# Her messages and notifications come first on Meer, before her language and logging out; the
# other links follow below those (she needs them less often).
MORE_FIRST = ("reminders.inbox", "reminders.settings")
MORE_LINKS = (
    ("reminders.inbox", _inbox_label),
    ("reminders.settings", _l("Meldingen")),
    ("agenda.calendar", _l("Bijeenkomsten in je telefoon-agenda")),
    ("safety.settings", _l("Veilig op een gedeelde telefoon")),
    ("safety.her_sessions", _l("Waar ben je ingelogd?")),
    ("sharing.page", _l("Delen met je projectmedewerker")),
    ("her_data.page", _l("Je gegevens: download alles of verwijder je account")),
    ("materials.group", _l("Materiaal van je groep")),
    ("materials.saved", _l("Opgeslagen op je telefoon")),
)


def more_links() -> list[dict]:
    return [
        {
            "endpoint": endpoint,
            "label": label(current_user) if callable(label) else label,
            "first": endpoint in MORE_FIRST,
        }
        for endpoint, label in MORE_LINKS
    ]
