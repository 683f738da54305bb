"""The pages of a shared phone's safety: the lock screen shows nothing of anyone, her lock
settings are hers, and a phone that logged out offline ends its session without wiping what
another person left waiting on it."""

import re

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import LoginSession


def her_sessions(user) -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.count(LoginSession.id)).where(LoginSession.user_id == user.id)
    )


def test_the_lock_screen_shows_nothing_of_her_even_when_she_is_logged_in(client, auth, sara):
    auth.login(sara)
    html = client.get("/slot").get_data(as_text=True)
    assert "data-user" not in html
    assert sara.display_name not in html
    assert 'class="tabs"' not in html
    assert "data-lock-screen" in html


def test_the_offline_page_kept_in_the_app_shell_shows_nothing_of_her(client, auth, sara):
    auth.login(sara)
    html = client.get("/offline").get_data(as_text=True)
    assert "data-user" not in html and 'class="tabs"' not in html


def test_her_lock_settings_are_on_meer_and_only_for_her(client, auth, sara, medewerker):
    auth.login(sara)
    assert 'href="/meer/veilig"' in client.get("/meer").get_data(as_text=True)
    page = client.get("/meer/veilig").get_data(as_text=True)
    assert 'id="pin-form"' in page and "Als ik de app sluit" in page
    # The title is only the title; the app-name form is on the page once.
    assert "<title>Veilig op een gedeelde telefoon · Elke Stap</title>" in page
    assert page.count('id="app-name"') == 1
    client.post("/logout", data={"csrf_token": auth.token()})
    auth.login(medewerker)
    assert client.get("/meer/veilig").status_code == 403


def test_a_phone_that_logged_out_offline_ends_its_session_and_keeps_its_storage(client, auth, sara):
    auth.login(sara)
    token = client.get("/offline/token", headers={"Accept": "application/json"}).json["token"]
    response = client.post(
        "/logout",
        data={"csrf_token": token},
        headers={"Accept": "application/json", "X-CSRFToken": token},
    )
    assert response.status_code == 200 and response.json == {"logged_out": True}
    # It wiped itself already; "storage" would also wipe what someone else left waiting.
    assert response.headers["Clear-Site-Data"] == '"cache"'
    assert her_sessions(sara) == 0
    after = client.get("/offline/token", headers={"Accept": "application/json"})
    assert after.status_code == 401


def test_a_logout_from_the_page_wipes_the_phone(client, auth, sara):
    auth.login(sara)
    response = client.post("/logout", data={"csrf_token": auth.token()})
    assert response.status_code == 302 and "bye=1" in response.headers["Location"]
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_the_login_page_says_why_after_the_lock_logged_her_out(client):
    assert 'data-bye="pin"' in client.get("/login?bye=pin").get_data(as_text=True)
    assert 'data-bye="pin-vergeten"' in client.get("/login?bye=pin-vergeten").get_data(as_text=True)


def test_quick_exit_is_on_every_page_of_hers_and_its_page_is_neutral(client, auth, sara, app):
    auth.login(sara)
    for path in ("/", "/plan/", "/agenda", "/meer"):
        html = client.get(path).get_data(as_text=True)
        assert re.search(r'<a [^>]*href="/klok" data-quick-exit>', html), path
    away = client.get("/klok").get_data(as_text=True)
    assert "Elke Stap" not in away and "data-user" not in away and "manifest" not in away


def test_quick_exit_goes_where_the_deployment_chose(tmp_path):
    import pytest

    from webapp.config import ConfigError, load_config

    chosen = load_config(
        str(tmp_path), {"ENV_NAME": "testing", "QUICK_EXIT_URL": "https://weer.example"}
    )
    assert chosen["QUICK_EXIT_URL"] == "https://weer.example"
    with pytest.raises(ConfigError):
        load_config(str(tmp_path), {"ENV_NAME": "testing", "QUICK_EXIT_URL": "javascript:alert(1)"})


def test_a_neutral_app_name_for_this_phone_stays_after_logout(client, auth, sara):
    auth.login(sara)
    assert client.get("/manifest.webmanifest").json["name"] == "Elke Stap"
    response = client.post("/meer/veilig/naam", data={"app": "agenda", "csrf_token": auth.token()})
    assert response.status_code == 302
    page = client.get("/plan/").get_data(as_text=True)
    assert "<title>Mijn plan · Agenda</title>" in page
    assert 'href="/manifest.webmanifest?naam=agenda"' in page
    assert "icons/neutral/icon-192" in page and "Elke Stap</span>" not in page
    manifest = client.get("/manifest.webmanifest?naam=agenda").json
    assert manifest["name"] == manifest["short_name"] == "Agenda"
    assert all("/icons/neutral/" in icon["src"] for icon in manifest["icons"])
    assert "Elke Stap" not in str(manifest)

    client.post("/logout", data={"csrf_token": auth.token()})
    login_page = client.get("/login").get_data(as_text=True)  # the phone's choice, not hers
    assert (
        "Elke Stap" not in login_page.split("<body")[0] and "Welkom bij Elke Stap" not in login_page
    )

    auth.login(sara)
    client.post("/meer/veilig/naam", data={"app": "elkestap", "csrf_token": auth.token()})
    assert "· Elke Stap</title>" in client.get("/plan/").get_data(as_text=True)
