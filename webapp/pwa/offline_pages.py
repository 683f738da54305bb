"""The pages of hers that her phone keeps, so they open without internet even if she never
opened them: fetched right after login and refreshed in the background (sw.js, within its
pages budget). Two lists: `OFFLINE_PAGES`, her main pages (a feature with a page she may need
offline adds its endpoint here, or the endpoint and its URL values, for a page per part), and
`pages_one_tap_away(user)`, the pages those link to that are hers by id (each meeting in her
agenda, each application, each message of her inbox's first page)."""

from flask import Flask, request, session, url_for
from flask_login import current_user

from webapp.models import User
from webapp.services import agenda, childcare
from webapp.services import reminders as inbox
from webapp.services.cv.choices import PARTS as CV_PARTS

OFFLINE_PAGES = (
    "home.index",
    "home.more",
    "pwa.offline",
    "plan.index",
    "plan.timeline",
    "agenda.index",
    "agenda.next_meeting",  # her next meeting in full
    "agenda.last_meeting",  # her last meeting: the recap and homework (texts only)
    "childcare.index",
    "cv.index",
    *(("cv.part", {"slug": slug}) for _title, slug in CV_PARTS.values()),  # each part's form
    "reminders.inbox",
    "safety.settings",  # her PIN, also set without internet
    "safety.lock",  # the lock screen in her language
    "materials.saved",  # what she kept on her phone (the list itself is read there)
    "agenda.calendar",  # "zet alle bijeenkomsten in je telefoon-agenda"
    "childcare.calamity_plan",  # her noodplan
)
# Her applications, bounded as every list of hers (a page's cost never grows with her data).
MAX_APPLICATIONS = 20


def main_pages() -> list[str]:
    return [
        url_for(page) if isinstance(page, str) else url_for(page[0], **page[1])
        for page in OFFLINE_PAGES
    ]


def pages_one_tap_away(user: User) -> list[str]:
    """The pages her main pages link to, hers by id: her next ten meetings and the last three
    (the agenda lists them), each application (kinderopvang), each message on the first page
    of her inbox. Most useful first: the phone keeps the first ones if the budget is tight.
    One query per list, whatever her history."""
    upcoming = agenda.upcoming_meetings(user).items
    past = agenda.past_meetings(user, per_page=agenda.PAST_ON_AGENDA).items
    applications = childcare.application_ids(user, limit=MAX_APPLICATIONS)
    messages = [reminder for reminder, _message in inbox.inbox_page(user).items]
    return [
        *(url_for("agenda.meeting", meeting_id=m.id) for m in [*upcoming, *past]),
        *(url_for("childcare.application", application_id=a) for a in applications),
        *(url_for("reminders.item", reminder_id=r.id) for r in messages),
    ]


def warm_pages() -> list[str]:
    """Right after login only (the login view sets the flag): the pages to fetch. Taken by her
    first page itself (base.html asks as it writes the page), not by every template, and not by
    the offline page: her service worker fetches its script and that page for itself while it
    installs or updates, maybe just as she logs in, and either would take the list, leaving her
    first page, the one that hands it to the service worker, without it."""
    if not current_user.is_authenticated or request.endpoint == "pwa.offline":
        return []
    return main_pages() if session.pop("warm_cache", False) else []


def init_app(app: Flask) -> None:
    @app.context_processor
    def pages_to_keep_offline():
        return {"warm_pages": warm_pages}  # asked by base.html only
