"""A reset code opens her account only with her login name: a right code with another name is
answered exactly as a wrong code (the same page, the same limits), and a mistake gives her back
what she typed (not the password)."""

import re

import pytest

from tests import factories
from webapp.services import access_codes, accounts

WRONG = "Deze naam of deze code klopt niet."


@pytest.fixture
def reset(medewerker, sara):
    return access_codes.create_reset_code(medewerker, sara)


@pytest.fixture
def ewa(zuid):
    return factories.participant(zuid, username="ewa")


def _reset(client, token, username, code, password="heel-nieuw-1", address="10.3.3.3"):
    return client.post(
        "/wachtwoord",
        data={"username": username, "code": code, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def _without_typed(response) -> str:
    """The page without what was typed, nor the CSRF token's signature: it is signed with the
    current second, so two answers a second apart differ there (and failed this test once)."""
    html = response.get_data(as_text=True)
    html = re.sub(r'(name="(?:username|code)"[^>]*value=")[^"]*"', r'\1"', html)
    html, signed = re.subn(r'("X-CSRFToken": ")[^"]*"', r'\1"', html)
    assert signed == 1, "the page carries its CSRF token"
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]*"', r'\1"', html)


def _logged_in(client) -> bool:
    return client.get("/").status_code == 200


def test_a_right_code_with_another_name_is_refused(client, auth, reset, sara, ewa):
    token = auth.csrf("/wachtwoord")
    for name in ("ewa", "iemand-anders", "sara.k"):
        response = _reset(client, token, name, reset.code)
        assert response.status_code == 400
        assert WRONG in response.get_data(as_text=True)
    assert not _logged_in(client)
    assert accounts.authenticate("sara", "heel-nieuw-1") is None
    assert accounts.authenticate("ewa", "heel-nieuw-1") is None
    assert accounts.authenticate("sara", factories.PASSWORD).id == sara.id


def test_a_right_code_with_her_name_logs_her_in(client, auth, reset, sara, ewa):
    token = auth.csrf(f"/wachtwoord?code={reset.code}")
    assert _reset(client, token, "ewa", reset.code).status_code == 400  # not used up by that
    response = _reset(client, token, " Sara ", reset.code)  # as she may type it
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Hoi Sara" in client.get("/").get_data(as_text=True)
    assert accounts.authenticate("sara", "heel-nieuw-1").id == sara.id


def test_a_wrong_name_and_a_wrong_code_read_the_same(client, auth, reset, sara, ewa):
    token = auth.csrf("/wachtwoord")
    wrong_name = _reset(client, token, "ewa", reset.code)
    wrong_code = _reset(client, token, "sara", "ACDE-FGHJ")
    assert wrong_name.status_code == wrong_code.status_code == 400
    # The pages differ only by what was typed, given back in the form.
    assert _without_typed(wrong_name) == _without_typed(wrong_code)


def test_a_mistake_keeps_her_name_and_code_not_the_password(client, auth, reset, sara):
    token = auth.csrf("/wachtwoord")
    page = _reset(client, token, "sarah", reset.code, password="mijn-geheim-99")
    html = page.get_data(as_text=True)
    assert re.search(r'name="username"[^>]*value="sarah"', html), html
    assert re.search(rf'name="code"[^>]*value="{reset.code}"', html)
    assert "mijn-geheim-99" not in html


def test_wrong_names_count_towards_the_limit(client, auth, reset, sara, ewa):
    token = auth.csrf("/wachtwoord")
    statuses = [_reset(client, token, "ewa", reset.code).status_code for _ in range(10)]
    assert statuses == [400] * 10
    # Ten wrong names with her code: the next try waits, even with the right name.
    limited = _reset(client, token, "sara", reset.code)
    assert limited.status_code == 429
    html = limited.get_data(as_text=True)
    assert "Je hebt het vaak geprobeerd" in html
    assert re.search(r'name="username"[^>]*value="sara"', html)  # her name still there
    assert not _logged_in(client)
    # From another address too: the count is also per code beginning.
    assert _reset(client, token, "sara", reset.code, address="10.4.4.4").status_code == 429


@pytest.mark.parametrize("lang", ["ar", "pl", "tr"])
def test_the_reset_page_asks_her_name_in_her_language(client, lang):
    html = client.get("/wachtwoord", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    assert 'name="username"' in html and 'autocomplete="username"' in html
    assert "Je naam om in te loggen" not in html and "Weet je je naam" not in html
