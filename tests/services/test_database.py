"""The database connection: no pre-ping round trip before each request on PostgreSQL; a pooled
connection the server dropped is replaced when the first statement of a transaction finds it
gone, so her next page is not an error page."""

import psycopg
import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import DBAPIError

from tests import factories
from tests.conftest import PG_URL
from webapp.extensions import db
from webapp.models import User

pytestmark = pytest.mark.skipif(
    not PG_URL, reason="dropping a server connection needs PostgreSQL (TEST_DATABASE_URL)"
)


def test_no_pre_ping_and_connections_recycled(app):
    pool = db.engine.pool
    assert pool._pre_ping is False  # noqa: SLF001  (no public reader of the setting)
    assert 0 < pool._recycle <= 3600  # noqa: SLF001


def terminate(pids: list[int]) -> None:
    """What a database restart does to the app's idle connections."""
    conninfo = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def backend_pids(engine) -> list[int]:
    """The server process of each connection the pool opens from now on."""
    pids = []
    event.listen(engine, "connect", lambda dbapi, _record: pids.append(dbapi.info.backend_pid))
    return pids


@pytest.mark.commits  # the requests use the pool, not the test's own connection
def test_her_next_page_after_the_connection_was_dropped_is_served(app, client, auth):
    sara = factories.participant(username="sara")
    db.session.commit()
    db.session.remove()
    db.engine.dispose()
    opened = backend_pids(db.engine)
    auth.login(sara)
    assert client.get("/").status_code == 200
    assert opened
    terminate(list(opened))
    page = client.get("/")
    assert page.status_code == 200 and "Sara" in page.get_data(as_text=True)
    assert len(opened) > 1  # a new connection replaced the dropped one


@pytest.mark.commits
def test_a_connection_dropped_in_the_middle_of_a_transaction_is_an_error(app):
    """Only the first statement is tried again: later ones would lose what came before."""
    factories.participant(username="sara")
    db.session.commit()
    db.session.remove()
    pid = db.session.scalar(text("SELECT pg_backend_pid()"))  # the transaction begins here
    terminate([pid])
    with pytest.raises(DBAPIError):
        db.session.scalar(select(User.username))
    db.session.rollback()
    assert db.session.scalar(select(User.username)) == "sara"  # and then it works again
