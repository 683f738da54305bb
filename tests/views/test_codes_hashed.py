"""Invitation and reset codes are stored as a hash only: the database holds no code, the code
works as typed, and the invitation page shows it only on the phone where it was made."""

import hashlib

from sqlalchemy import text

from tests.conftest import Auth
from webapp.extensions import db
from webapp.services import access_codes


def test_the_database_holds_no_code(app, medewerker, zuid, sara):
    invitation = access_codes.create_invitation(medewerker, "deelneemster", zuid.organisation, zuid)
    reset = access_codes.create_reset_code(medewerker, sara)
    for table, code in (("invitations", invitation.code), ("reset_codes", reset.code)):
        stored = db.session.execute(text(f"SELECT * FROM {table}")).mappings().all()
        assert code not in repr(stored)
        assert stored[0]["code_hash"] == access_codes.hash_code(code)
    typed = f"{invitation.code[:4].lower()}-{invitation.code[4:]}"
    assert access_codes.find_open_invitation(typed).id == invitation.id


def test_a_copy_of_the_database_alone_does_not_give_the_codes_back(app, medewerker, sara):
    """The stored hash is keyed with the app's secret: trying every code against a plain
    SHA-256 finds nothing, and under another SECRET_KEY the same code hashes differently."""
    code = access_codes.create_reset_code(medewerker, sara).code
    stored = db.session.execute(text("SELECT code_hash FROM reset_codes")).scalar_one()
    assert stored != hashlib.sha256(code.encode()).hexdigest()
    secret = app.secret_key
    app.secret_key = "another-deployment-secret"
    try:
        assert access_codes.hash_code(code) != stored
    finally:
        app.secret_key = secret
    assert access_codes.hash_code(code) == stored


def test_the_invitation_page_shows_the_code_only_where_it_was_made(
    app, client, auth, medewerker, zuid
):
    auth.login(medewerker)
    page = auth.csrf(f"/medewerker/groepen/{zuid.id}")
    response = client.post(
        f"/medewerker/groepen/{zuid.id}/uitnodigingen", data={"note": "Noor", "csrf_token": page}
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    here = client.get(location).get_data(as_text=True)
    assert 'class="code code-large"' in here

    elsewhere = app.test_client()
    Auth(elsewhere).login(medewerker)
    there = elsewhere.get(location).get_data(as_text=True)
    assert 'class="code code-large"' not in there
    assert "Maak dan een nieuwe uitnodiging" in there


def test_a_code_handed_out_before_the_key_still_works(app, medewerker, zuid):
    """Codes hashed by migration 7d3a9c1e5b20 (plain SHA-256) keep working until they expire."""
    invitation = access_codes.create_invitation(medewerker, "deelneemster", zuid.organisation, zuid)
    plain = hashlib.sha256(invitation.code.encode()).hexdigest()
    db.session.execute(
        text("UPDATE invitations SET code_hash = :plain WHERE id = :id"),
        {"plain": plain, "id": invitation.id},
    )
    db.session.commit()
    assert access_codes.find_open_invitation(invitation.code.lower()).id == invitation.id
