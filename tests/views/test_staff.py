import re


def test_staff_makes_an_invitation_with_code_link_and_qr(client, auth, medewerker):
    auth.login("medewerker")
    group = medewerker.organisation.groups[0]
    response = client.post(
        f"/medewerker/groepen/{group.id}/uitnodigingen",
        data={"note": "Hanna", "csrf_token": auth.token()},
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    code = re.search(r'class="code code-large"[^>]*>([A-Z0-9]{4}-[A-Z0-9]{4})<', page).group(1)
    assert f"/uitnodiging/{code.replace('-', '')}" in page
    assert 'src="data:image/svg+xml' in page
    assert "Hanna" in page


def test_the_invitation_page_is_ready_to_pass_on(client, auth, medewerker, zuid):
    auth.login("medewerker")
    location = client.post(
        f"/medewerker/groepen/{zuid.id}/uitnodigingen", data={"csrf_token": auth.token()}
    ).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    code = re.search(r'class="code code-large"[^>]*>([A-Z0-9]{4}-[A-Z0-9]{4})<', page).group(1)
    # "Voor Groep Zuid", the group's name as it was typed (marked Dutch, its own direction).
    assert re.search(r"Voor <bdi[^>]*>Groep Zuid</bdi>", page)
    assert "Voor de groep" not in page
    # The copy and share buttons carry the link; the shared text carries the code to type.
    link = re.search(r'data-link="([^"]+)"', page).group(1)
    assert link.endswith(f"/uitnodiging/{code.replace('-', '')}")
    text = re.search(r'data-text="([^"]+)"', page).group(1)
    assert code in text and "Groep Zuid" in text
    assert re.search(r"<button[^>]*data-copy hidden>Kopieer de link</button>", page)
    assert re.search(r"<button[^>]*data-share hidden>Deel de uitnodiging</button>", page)
    assert re.search(r"/assets/share\.[0-9a-f]+\.js", page)


def test_the_invitation_link_leads_to_language_choice_then_signup(client, auth, medewerker):
    auth.login("medewerker")
    group = medewerker.organisation.groups[0]
    location = client.post(
        f"/medewerker/groepen/{group.id}/uitnodigingen", data={"csrf_token": auth.token()}
    ).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    link = re.search(r"(/uitnodiging/[A-Z0-9]{8})", page).group(1)
    client.post("/logout", data={"csrf_token": auth.token()})
    first = client.get(link).get_data(as_text=True)
    assert 'name="lang" value="ar"' in first and "Kies eerst de taal" in first
    token = auth.csrf(link)
    client.post("/taal", data={"lang": "tr", "next": link, "csrf_token": token})
    signup = client.get(link).get_data(as_text=True)
    assert '<html lang="tr"' in signup and 'autocomplete="new-password"' in signup


def test_a_bad_code_gets_a_friendly_page_not_an_error(client):
    response = client.get("/uitnodiging/ABCDEFGH")
    assert response.status_code == 404
    assert "kennen deze code niet" in response.get_data(as_text=True)


def test_staff_makes_a_reset_code_for_a_participant_of_her_group(client, auth, sara, medewerker):
    auth.login("medewerker")
    response = client.post(
        f"/medewerker/deelneemsters/{sara.id}/herstelcode",
        data={"csrf_token": auth.token()},
    )
    page = response.get_data(as_text=True)
    code = re.search(r'class="code"[^>]*>([A-Z0-9]{4}-[A-Z0-9]{4})<', page).group(1)
    # Her login name beside the code: she needs both, and may have forgotten the name.
    assert 'Haar naam om in te loggen: <strong lang="en" dir="ltr">sara</strong>' in page
    client.post("/logout", data={"csrf_token": auth.token()})
    token = auth.csrf("/wachtwoord")
    done = client.post(
        "/wachtwoord",
        data={"username": "sara", "code": code, "password": "heel-nieuw-1", "csrf_token": token},
    )
    assert done.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert "Hoi Sara" in home  # logged in right away
    assert "Je nieuwe wachtwoord is bewaard." in home
    auth.logout()
    assert auth.login("sara", "heel-nieuw-1").headers["Location"] == "/"


def test_staff_cannot_make_a_reset_code_for_a_colleague(client, auth, trainster, medewerker):
    auth.login("medewerker")
    response = client.post(
        f"/medewerker/deelneemsters/{trainster.id}/herstelcode",
        data={"csrf_token": auth.token()},
    )
    assert response.status_code == 404


def test_staff_creates_a_group(client, auth, medewerker):
    auth.login("medewerker")
    response = client.post(
        "/medewerker/groepen", data={"name": "Groep Noord", "csrf_token": auth.token()}
    )
    assert response.status_code == 302
    assert "Groep Noord" in client.get("/medewerker/").get_data(as_text=True)


def test_admin_invites_staff_for_an_organisation(client, auth, medewerker, beheer):
    auth.login("beheer")
    organisation = medewerker.organisation
    response = client.post(
        f"/beheer/organisaties/{organisation.id}/medewerker", data={"csrf_token": auth.token()}
    )
    assert response.status_code == 302
    assert "code-card" in client.get(response.headers["Location"]).get_data(as_text=True)
