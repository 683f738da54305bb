"""Her first minutes: the language she already read is not asked again, the welcome is said
once, and the first time she opens her plan she says where she stands."""

from tests import factories
from webapp.extensions import db
from webapp.services import plan as plans


def test_a_typed_code_keeps_the_language_she_read_it_in(client, auth):
    medewerker = factories.staff()
    group = factories.group(
        db.session.get(type(medewerker.organisation), medewerker.organisation_id)
    )
    invitation = factories.invitation(medewerker, group)
    page = client.get("/uitnodiging", headers={"Accept-Language": "pl"}).get_data(as_text=True)
    assert '<html lang="pl"' in page
    response = client.post(
        "/uitnodiging",
        data={"code": invitation.code, "csrf_token": auth.csrf("/uitnodiging")},
        headers={"Accept-Language": "pl"},
    )
    signup = client.get(response.headers["Location"], headers={"Accept-Language": "pl"})
    html = signup.get_data(as_text=True)
    assert 'name="username"' in html  # straight to sign-up: no second language question
    assert '<html lang="pl"' in html


def test_the_welcome_is_said_once(client, auth):
    medewerker = factories.staff()
    group = factories.group(
        db.session.get(type(medewerker.organisation), medewerker.organisation_id)
    )
    invitation = factories.invitation(medewerker, group)
    client.post("/taal", data={"lang": "pl", "next": "/", "csrf_token": auth.csrf()})
    client.post(
        f"/uitnodiging/{invitation.code}",
        data={"display_name": "Ewa", "username": "ewa.nowa", "password": "dobre-haslo-1",
              "csrf_token": auth.csrf(f"/uitnodiging/{invitation.code}")},
    )  # fmt: skip
    home = client.get("/").get_data(as_text=True)
    assert home.count("Dobrze, że jesteś") == 1, home


def test_her_starting_rung_is_asked_once_and_hers_to_change(client, auth):
    her = factories.participant()
    auth.login(her)
    page = client.get("/plan/").get_data(as_text=True)
    assert 'action="/plan/startpunt"' in page and '<details class="start-rung"' not in page
    token = auth.token()
    response = client.post("/plan/startpunt", data={"start_rung": "3", "csrf_token": token})
    assert response.status_code == 303
    assert plans.get_plan(her).start_rung == 3 and plans.ladder(her)["up"] == 0
    page = client.get("/plan/").get_data(as_text=True)
    assert '<details class="start-rung"' in page  # asked once; later behind "Aanpassen"
    assert 'value="3" id="start-3" checked' in page
    assert (
        client.post("/plan/startpunt", data={"start_rung": "9", "csrf_token": token}).status_code
        == 400
    )
    assert plans.get_plan(her).start_rung == 3


def test_changing_her_language_refreshes_the_pages_on_her_phone(client, auth):
    her = factories.participant()
    auth.login(her)
    client.get("/")  # the pages fetched after login, once
    assert "data-offline-pages" not in client.get("/").get_data(as_text=True)
    client.post("/taal", data={"lang": "ar", "next": "/meer", "csrf_token": auth.token()})
    page = client.get("/meer").get_data(as_text=True)
    assert "data-offline-pages" in page and '<html lang="ar"' in page
