"""Who is signed in is read from her rows on every request, as plain columns (no ORM objects,
webapp/signed_in.py), and nothing of it is kept between requests: a role change, a switched-off
account and a logout count from her very next request."""

from sqlalchemy import event, update

from webapp.extensions import db
from webapp.models import Role, User
from webapp.services.account_care import activation


def _change(user, **values) -> None:
    """What another process (the beheerder's request) writes to her account."""
    db.session.execute(
        update(User.__table__).where(User.__table__.c.id == user.id).values(**values)
    )
    db.session.commit()


def test_a_role_change_counts_from_her_next_request(client, auth, sara):
    auth.login(sara)
    assert client.get("/plan/").status_code == 200
    _change(sara, role=Role.STAFF)
    assert client.get("/plan/").status_code == 403
    _change(sara, role=Role.PARTICIPANT)
    assert client.get("/plan/").status_code == 200


def test_a_switched_off_account_is_out_at_its_next_request(client, auth, sara, medewerker):
    auth.login(sara)
    assert client.get("/plan/").status_code == 200
    _change(sara, active=False)  # even with her session still there
    assert client.get("/plan/").headers["Location"].startswith("/login")
    _change(sara, active=True)
    assert client.get("/plan/").status_code == 200
    activation.set_active(medewerker, sara.id, False)  # as her medewerker does it
    assert client.get("/plan/").headers["Location"].startswith("/login")


def test_a_cookie_kept_from_before_the_logout_opens_nothing(client, auth, sara):
    auth.login(sara)
    assert client.get("/plan/").status_code == 200
    kept = client.get_cookie("session")
    auth.logout()
    client.set_cookie("session", kept.value)
    assert client.get("/plan/").headers["Location"].startswith("/login")


def test_a_change_to_her_account_is_saved(client, auth, sara):
    """A service that changes her account gets her ORM row through the signed-in user."""
    auth.login(sara)
    client.post("/meer/naam", data={"display_name": "Sara B", "csrf_token": auth.token()})
    db.session.expire_all()
    assert db.session.get(User, sara.id).display_name == "Sara B"
    assert "Sara B" in client.get("/meer").get_data(as_text=True)


def test_her_pages_build_no_orm_object_for_her_account(app, client, auth, sara):
    auth.login(sara)
    client.get("/")
    loaded = []

    def count(target, _context):
        loaded.append(target.id)

    event.listen(User, "load", count)
    try:
        for page in ("/", "/plan/", "/agenda", "/inbox", "/meer"):
            assert client.get(page).status_code == 200, page
    finally:
        event.remove(User, "load", count)
    assert loaded == []
