import hashlib
import json
import re
from datetime import date, timedelta
from pathlib import Path

from tests.factories import PASSWORD
from webapp.pwa.offline_pages import OFFLINE_PAGES


def test_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.get_data())
    assert manifest["display"] == "standalone"
    assert manifest["start_url"].startswith("/")
    assert manifest["theme_color"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200
        assert image.mimetype == "image/png"
        assert image.data[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(image.data[16:20], "big")
        assert f"{width}x{width}" == icon["sizes"]


def test_service_worker_is_served_at_the_root_without_caching(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    assert "es-shell-" in body and "/offline" in body


def test_service_worker_precaches_the_shell_it_names(client):
    body = client.get("/sw.js").get_data(as_text=True)  # minified: no spaces to rely on
    shell = json.loads(re.search(r"const SHELL\s*=\s*(\[.*?\])", body).group(1))
    later = json.loads(re.search(r"const LATER_SHELL\s*=\s*(\[.*?\])", body).group(1))
    assert "/offline" in shell
    assert any("/pending." in url for url in later) and not set(shell) & set(later)
    for url in shell + later:
        assert client.get(url).status_code == 200, url


def test_assets_have_hashed_names_and_long_cache_lifetimes(client):
    html = client.get("/login").get_data(as_text=True)
    css = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert css.startswith("/assets/app.") and css.endswith(".css")
    response = client.get(css)
    assert "immutable" in response.headers["Cache-Control"]
    assert client.get("/assets/app.0000000000.css").status_code == 404


def test_htmx_is_served_by_the_app_itself(client):
    html = client.get("/login").get_data(as_text=True)
    src = html.split('<script src="', 1)[1].split('"', 1)[0]
    assert src.startswith("/assets/vendor/htmx.min.")
    body = client.get(src).get_data(as_text=True)
    assert 'version:"2.' in body.replace(" ", "")


def test_pages_are_protected_by_a_strict_content_security_policy(client):
    policy = client.get("/login").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_every_page_varies_on_htmx(client):
    assert "HX-Request" in client.get("/login").headers["Vary"]


def test_pages_made_from_her_session_vary_on_the_cookie_once(client, auth, sara):
    """A cache never gives one phone's page to another: each page read from the session says
    so, once, also when the session cookie is written anew (a login)."""
    vary = client.get("/login").headers.get_all("Vary")
    assert [v.strip() for v in ", ".join(vary).split(",")].count("Cookie") == 1
    login = auth.login("sara")
    assert "Set-Cookie" in login.headers
    for response in (login, client.get("/"), client.get("/plan/")):
        vary = [v.strip() for v in ", ".join(response.headers.get_all("Vary")).split(",")]
        assert vary.count("Cookie") == 1 and "HX-Request" in vary


def test_assets_carry_nothing_about_her(client, auth, sara):
    auth.login("sara")
    html = client.get("/").get_data(as_text=True)
    css = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    response = client.get(css)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "private" not in response.headers["Cache-Control"]


def test_static_files_have_no_unhashed_address(client):
    """Only the hashed names under /assets/ exist: an unhashed copy at /static/ would be kept by
    browsers and caches with no way to tell a new version."""
    for path in ("/static/app.css", "/static/app.js", "/static/icons/icon-192.png"):
        assert client.get(path).status_code == 404, path
    html = client.get("/login").get_data(as_text=True)
    assert "/static/" not in html
    assert "/static/" not in client.get("/sw.js").get_data(as_text=True)


def test_our_scripts_and_styles_are_served_minified_under_the_hash_of_what_is_served(client, app):
    from webapp.assets import asset_url, hashed_name

    with app.test_request_context():
        url = asset_url("outbox.js")
    served = client.get(url, headers={"Accept-Encoding": "identity"}).get_data()
    written = (Path(app.root_path) / "static" / "outbox.js").read_bytes()
    assert b"/*" in written and b"/*" not in served and len(served) < 0.8 * len(written)
    digest = hashlib.sha256(served).hexdigest()[:10]
    assert url == "/assets/" + hashed_name("outbox.js", digest)


def test_her_phone_keeps_the_pages_one_tap_away_and_nothing_of_anyone_else(
    client, auth, sara, amina, zuid
):
    from tests import factories
    from webapp.services import childcare, reminders

    meetings = [factories.meeting(zuid, day=date.today() + timedelta(days=n)) for n in (2, 9)]
    past = factories.past_meeting(zuid, days_ago=7)
    application = childcare.start_application(sara, factories.child(sara), "bso")
    theirs = childcare.start_application(amina, factories.child(amina, "Adam"), "bso")
    reminders.send_staff_message(factories.staff(zuid.organisation), "group", "Hallo.", group=zuid)
    message = reminders.inbox(sara)[0]
    auth.login("sara")
    pages = client.get("/offline/paginas").get_json()["pages"]
    # Her main pages first, then the pages hers by id.
    assert not any(p[-1].isdigit() for p in pages[: len(OFFLINE_PAGES)])
    assert all(p[-1].isdigit() for p in pages[len(OFFLINE_PAGES) :])
    assert "/agenda/kalender" in pages and "/opvang/noodplan" in pages and "/" in pages
    for meeting in [*meetings, past]:
        assert f"/agenda/{meeting.id}" in pages
    assert f"/opvang/aanvragen/{application.id}" in pages
    assert f"/opvang/aanvragen/{theirs.id}" not in pages
    assert f"/inbox/{message.id}" in pages
    # Her phone keeping a message is not her reading it (the worker says Sec-Fetch-Dest: empty).
    client.get(f"/inbox/{message.id}", headers={"Sec-Fetch-Dest": "empty"})
    assert reminders.unread_count(sara) == 1
    client.get(f"/inbox/{message.id}")
    assert reminders.unread_count(sara) == 0


def test_a_shared_phone_keeps_only_the_pages_she_opens(client, auth, sara):
    token = auth.csrf()
    client.post(
        "/login",
        data={"username": "sara", "password": PASSWORD, "shared": "y", "csrf_token": token},
    )
    assert client.get("/offline/paginas").get_json() == {"pages": []}
