"""Shared fixtures. The database is real: SQLite, or PostgreSQL when TEST_DATABASE_URL is set
(`make test` does both). The schema is built once per run; each test runs inside a transaction
that is rolled back at its end (what the services commit included), so every test starts from
empty tables. A test marked `@pytest.mark.commits` really commits (for other processes or
threads to see), and the tables are emptied after it."""

import contextvars
import os
import re
from datetime import datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, text

from tests import factories
from tests.factories import PASSWORD
from webapp import create_app
from webapp.database import make_engine
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


def empty_tables(engine) -> None:
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The test database, its schema built from the models once for the whole run."""
    url = PG_URL or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    engine = make_engine(url)
    reset_schema(engine)
    engine.dispose()
    yield url
    if PG_URL:
        engine = make_engine(url)
        Base.metadata.drop_all(engine)
        engine.dispose()


def _sqlite_transactions_as_written(engine) -> None:
    """Python's sqlite3 driver starts transactions itself and lets a RELEASE of the first
    SAVEPOINT commit: leave BEGIN to SQLAlchemy, so savepoints nest in the test's transaction."""

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest.fixture(scope="session")
def upload_folder(tmp_path_factory):
    """Uploaded files (materials) go here during the tests, never into instance/."""
    return str(tmp_path_factory.mktemp("uploads"))


@pytest.fixture
def app(request, database_url, upload_folder):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": database_url,
            "SERVER_NAME": "localhost",
            "UPLOAD_FOLDER": upload_folder,
        }
    )
    with app.app_context():
        limiter.reset()
        if request.node.get_closest_marker("commits"):
            yield app
            db.session.remove()
            empty_tables(db.engine)
        else:
            if db.engine.dialect.name == "sqlite":
                _sqlite_transactions_as_written(db.engine)
            connection = db.engine.connect()
            transaction = connection.begin()
            db.bind_sessions_to(app, connection)
            yield app
            db.session.remove()
            transaction.rollback()
            connection.close()
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
        # Buffered: a streamed answer (her data export) ends inside the request's own context,
        # as a server ends it, not whenever the test drops the response.
        kwargs.setdefault("buffered", True)
        response = contextvars.Context().run(super().open, *args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def elsewhere(app):
    """Another organisation with its own group, medewerker and participant: a world whose ids
    must never open anything for the people below."""
    group = factories.group(factories.organisation("Gemeente Elders"), "Groep Noord")
    return {
        "organisation": group.organisation,
        "group": group,
        "staff": factories.staff(group.organisation, "anders", display_name="Anouk"),
        "participant": factories.participant(group, "noor", display_name="Noor"),
    }


# People by name, made only when a test asks for them: four participants of Groep Zuid, each
# with her language, and the organisation's trainster, medewerker and a beheerder. The demo
# accounts have the same names; nothing else of the demo (no plan, meeting or message) is here.
# Groep Zuid started before any meeting a test plans (from early 2026 on): its participants
# joined on ZUID_STARTED, so every meeting of the group is theirs.
ZUID_STARTED = datetime(2025, 9, 1)


@pytest.fixture
def zuid(app):
    return factories.group(factories.organisation("Gemeente Rotterdam"), "Groep Zuid")


def _participant(zuid, username: str, name: str, language: str = "nl"):
    return factories.participant(
        zuid, username, display_name=name, language=language, joined_at=ZUID_STARTED
    )


@pytest.fixture
def sara(zuid):
    return _participant(zuid, "sara", "Sara")


@pytest.fixture
def amina(zuid):
    return _participant(zuid, "amina", "Amina", "ar")


@pytest.fixture
def ewa(zuid):
    return _participant(zuid, "ewa", "Ewa", "pl")


@pytest.fixture
def elif_(zuid):
    return _participant(zuid, "elif", "Elif", "tr")


@pytest.fixture
def zuid_participants(sara, amina, ewa, elif_):
    """All four participants of Groep Zuid."""
    return [sara, amina, ewa, elif_]


@pytest.fixture
def trainster(zuid):
    """The trainster of Groep Zuid (a trainster works with the groups she is in)."""
    return factories.trainer(zuid.organisation, "trainster", display_name="Nadia", groups=[zuid])


@pytest.fixture
def medewerker(zuid):
    return factories.staff(zuid.organisation, "medewerker", display_name="Marieke")


@pytest.fixture
def beheer(zuid):
    """The beheerder of Groep Zuid's organisation."""
    return factories.admin("beheer", manages=zuid.organisation)


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

    def login(self, user, password: str = PASSWORD):
        """Log in as `user`: a login name or a User (the factories give every account PASSWORD,
        the same as the demo accounts')."""
        username = user if isinstance(user, str) else user.username
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
