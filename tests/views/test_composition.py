"""What the features contribute to shared places (the texts for JavaScript, the Meer links,
the pages kept for offline), each listed in one module, reaches her pages."""

import json
import re

from webapp.js_texts import js_texts
from webapp.navigation import MORE_LINKS
from webapp.pwa.offline_pages import OFFLINE_PAGES


def page_texts(html: str) -> dict:
    return json.loads(re.search(r'id="es-strings">(.*?)</script>', html, re.S).group(1))


def test_every_javascript_text_reaches_the_page_in_her_language(client, auth, amina):
    auth.login("amina")
    texts = page_texts(client.get("/").get_data(as_text=True))
    with client.application.test_request_context():
        keys = set(js_texts())
    assert set(texts) == keys
    assert texts["pushOfferYes"] != "Ja, meldingen aan"  # Arabic, not the Dutch source
    assert texts["outboxSendNow"] != "Nu versturen"


def test_every_meer_link_is_on_the_meer_tab(client, auth, sara):
    auth.login("sara")
    html = client.get("/meer").get_data(as_text=True)
    with client.application.test_request_context():
        from flask import url_for

        for endpoint, _label in MORE_LINKS:
            assert f'href="{url_for(endpoint)}"' in html, endpoint


def test_after_login_her_phone_is_told_every_offline_page(client, auth, sara):
    auth.login("sara")
    html = client.get("/").get_data(as_text=True)
    pages = json.loads(re.search(r"data-offline-pages='([^']+)'", html).group(1))
    assert len(pages) == len(OFFLINE_PAGES)
    assert {"/", "/plan/", "/agenda", "/opvang/", "/cv/", "/inbox"} <= set(pages)
    for url in pages:
        assert client.get(url).status_code == 200, url
    again = client.get("/").get_data(as_text=True)
    assert "data-offline-pages" not in again  # only once, right after login


def test_her_first_page_after_login_is_told_them_whatever_her_phone_fetched_first(
    client, auth, sara
):
    """Right after login, her service worker may ask for its own script or its offline page
    (installing, checking for an update) before her first page arrives: those are not her
    pages, and her first page still carries the list."""
    auth.login("sara")
    assert client.get("/sw.js").status_code == 200
    assert client.get("/offline", headers={"Sec-Fetch-Dest": "empty"}).status_code == 200
    html = client.get("/", headers={"Sec-Fetch-Dest": "document"}).get_data(as_text=True)
    assert len(json.loads(re.search(r"data-offline-pages='([^']+)'", html).group(1))) == len(
        OFFLINE_PAGES
    )


def test_a_moved_meeting_reaches_her_inbox_through_the_signal(app, zuid, sara, amina):
    from tests import factories
    from webapp.extensions import db
    from webapp.models.reminders import Reminder, ReminderKind
    from webapp.services import agenda

    meeting = factories.meeting(zuid)
    agenda.notify_participants(meeting, "moved")
    told = {
        r.user_id
        for r in db.session.query(Reminder).filter_by(target_id=meeting.id)
        if r.kind == ReminderKind.MEETING_CHANGED
    }
    assert {sara.id, amina.id} <= told
