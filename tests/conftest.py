"""Shared fixtures. The database is real: a fresh SQLite file per test, or PostgreSQL when
TEST_DATABASE_URL is set (`make test` does both)."""

import contextvars
import os
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from webapp import create_app
from webapp.extensions import db, limiter
from webapp.models import Base
from webapp.services import passwords

PG_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashes():
    # The production argon2 parameters cost ~50 ms a hash; the rules are the same with cheap ones.
    passwords.use_parameters(time_cost=1, memory_cost=1024, parallelism=1)


def reset_schema(engine) -> None:
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    Base.metadata.create_all(engine)


@pytest.fixture
def app(tmp_path):
    url = PG_URL or f"sqlite:///{tmp_path / 'test.sqlite'}"
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": url, "SERVER_NAME": "localhost"})
    with app.app_context():
        reset_schema(db.engine)
        limiter.reset()
        yield app
        db.session.remove()
        if PG_URL:
            Base.metadata.drop_all(db.engine)
        db.engine.dispose()


@pytest.fixture
def demo(app):
    """The demo organisation, group and accounts (password demo-demo)."""
    from webapp.services.demo import load_demo

    load_demo()
    from sqlalchemy import select

    from webapp.models import User

    return {u.username: u for u in db.session.scalars(select(User))}


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production, although the test itself
    holds one open: nothing cached on `g` (the user, the locale) leaks between requests.
    Afterwards the test's own session forgets what it loaded, so it sees the request's writes."""

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def elsewhere(app):
    """Another organisation with its own group, medewerker and participant: a world whose ids
    must never open anything for the demo accounts."""
    from webapp.models import Group, Organisation, Role
    from webapp.services.accounts import create_user

    organisation = Organisation(name="Gemeente Elders")
    db.session.add(organisation)
    db.session.flush()
    group = Group(organisation_id=organisation.id, name="Groep Noord")
    db.session.add(group)
    db.session.commit()
    staff = create_user("anders", "geheim-123", "Anouk", Role.STAFF, organisation=organisation)
    participant = create_user("noor", "geheim-123", "Noor", Role.PARTICIPANT, groups=[group])
    return {
        "organisation": organisation,
        "group": group,
        "staff": staff,
        "participant": participant,
    }


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


class Auth:
    """Logs in through the real login form (CSRF and all)."""

    def __init__(self, client):
        self.client = client

    def csrf(self, path: str = "/login") -> str:
        """A CSRF token for this client's session, read from the page at `path`."""
        html = self.client.get(path).get_data(as_text=True)
        return re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)

    def login(self, username: str, password: str = "demo-demo"):
        return self.client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": self.csrf()},
        )

    def logout(self):
        return self.client.post("/logout", data={"csrf_token": self.token()})

    def token(self) -> str:
        """The CSRF token of the logged-in session."""
        return self.csrf("/meer")


@pytest.fixture
def auth(client):
    return Auth(client)
