import re

from tests import factories
from webapp.services import access_codes


def test_login_form_has_the_names_password_managers_expect(client):
    html = client.get("/login").get_data(as_text=True)
    assert re.search(r'<input[^>]*autocomplete="username"[^>]*name="username"', html)
    assert re.search(r'<input[^>]*autocomplete="current-password"[^>]*name="password"', html)


def test_participant_logs_in_and_lands_on_her_home(client, auth, sara):
    response = auth.login("sara")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    assert "Hoi Sara" in home


def test_staff_lands_on_the_list_of_groups(client, auth, medewerker):
    response = auth.login("medewerker")
    assert response.headers["Location"] == "/medewerker/"
    assert "Groep Zuid" in client.get("/medewerker/").get_data(as_text=True)


def test_wrong_password_keeps_the_name_and_says_so_in_her_language(client, auth, ewa):
    client.post("/taal", data={"lang": "pl", "next": "/login", "csrf_token": auth.csrf()})
    response = auth.login("ewa", "wrong-password")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="ewa"' in html
    assert '<html lang="pl"' in html


def test_post_without_csrf_token_is_refused(client, sara):
    response = client.post("/login", data={"username": "sara", "password": factories.PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302  # still not logged in


def test_htmx_post_with_token_header_is_accepted(client, auth, sara):
    auth.login("sara")
    token = auth.token()
    response = client.post(
        "/taal", data={"lang": "tr", "next": "/meer"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 302
    assert '<html lang="tr"' in client.get("/meer").get_data(as_text=True)


def test_login_is_rate_limited_with_a_translated_message(app, client, auth, amina):
    client.post("/taal", data={"lang": "ar", "next": "/login", "csrf_token": auth.csrf()})
    statuses = [auth.login("amina", "wrong-password").status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    response = auth.login("amina", "wrong-password")
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert 'dir="rtl"' in html
    assert 'value="amina"' in html


def test_language_chosen_before_login_is_saved_on_the_new_account(client, auth, medewerker):
    staff = medewerker
    group = staff.organisation.groups[0]
    invitation = access_codes.create_invitation(staff, "deelneemster", staff.organisation, group)
    token = auth.csrf(f"/uitnodiging/{invitation.code}")
    client.post("/taal", data={"lang": "ar", "next": "/", "csrf_token": token})
    response = client.post(
        f"/uitnodiging/{invitation.code}",
        data={
            "display_name": "Noor",
            "username": "noor",
            "password": "geheim-123",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in home
    assert "noor" in [m.user.username for m in group.memberships]


def test_logout_clears_site_data(client, auth, sara):
    auth.login("sara")
    response = auth.logout()
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get("/").status_code == 302


def test_logout_keeps_what_another_person_left_waiting_on_the_phone(client, auth, sara):
    """outbox.js says so when someone else's changes wait in it (app.js wipes hers)."""
    auth.login("sara")
    response = client.post("/logout", data={"csrf_token": auth.token(), "others_waiting": "1"})
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache"'
    assert client.get("/").status_code == 302


def test_session_cookie_is_httponly_and_lax(client, auth, sara):
    response = auth.login("sara")
    cookie = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookie if c.startswith("session="))
    assert "HttpOnly" in session_cookie
    assert "SameSite=Lax" in session_cookie


def test_open_redirect_after_login_is_refused(client, auth, sara):
    response = client.post(
        "/login",
        data={
            "username": "sara",
            "password": factories.PASSWORD,
            "next": "//evil.example/",
            "csrf_token": auth.csrf(),
        },
    )
    assert response.headers["Location"] == "/"


def test_staying_logged_in_lasts_a_month_not_a_year(client, auth, sara):
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime

    response = auth.login("sara")
    remember = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")
    )
    expires = parsedate_to_datetime(remember.split("Expires=")[1].split(";")[0])
    assert 29 <= (expires - datetime.now(UTC)).days <= 30
    assert "HttpOnly" in remember
