"""SQLAlchemy 2 sessions for the Flask app, through public APIs only: SQLAlchemy's own
`scoped_session`, scoped by Flask's application context (`flask.g`, which lives exactly as long
as one), and a `sessionmaker` bound in the app factory (`init_app`).

Each app has its own engine. One session per app context (so each request has its own),
removed when the context ends; outside an app context (worker threads) one per thread.
Services use `db.session`; they own the commit.

PostgreSQL runs without a pre-ping (a round trip before every request): connections are
recycled after RECYCLE_SECONDS, and the first statement of a transaction is tried again once on
a fresh connection when the one it got turns out to be dropped (a database restart, an idle
connection closed by the server). Nothing had happened in that transaction yet, so trying again
is safe; a connection lost later in a transaction is an error, as it must be.

Tests bind every session of an app to one connection with an open transaction
(`bind_sessions_to`): each session then works in a SAVEPOINT of it, a service's commit releases
its savepoint, and rolling the connection's transaction back forgets the whole test.
"""

import threading

from flask import Flask, current_app, g, has_app_context
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, scoped_session, sessionmaker

# Below the usual idle timeouts of proxies and firewalls between app and database.
RECYCLE_SECONDS = 30 * 60


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers and the reminder worker run while a request writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_recycle=RECYCLE_SECONDS)


class RetryingSession(Session):
    """A session whose first statement of a transaction survives a dropped connection.

    SQLAlchemy invalidates the pool when it sees a disconnect, so the second try gets a new
    connection. Only when nothing is waiting to be flushed: a retry after a rollback must not
    silently forget what she added."""

    def execute(self, *args, **kwargs):
        if self.in_transaction():
            return super().execute(*args, **kwargs)
        return self._once_more_if_dropped(super().execute, args, kwargs)

    def scalar(self, *args, **kwargs):
        if self.in_transaction():
            return super().scalar(*args, **kwargs)
        return self._once_more_if_dropped(super().scalar, args, kwargs)

    def scalars(self, *args, **kwargs):
        if self.in_transaction():
            return super().scalars(*args, **kwargs)
        return self._once_more_if_dropped(super().scalars, args, kwargs)

    def _once_more_if_dropped(self, run, args, kwargs):
        try:
            return run(*args, **kwargs)
        except DBAPIError as error:
            if not error.connection_invalidated or self.new or self.dirty or self.deleted:
                raise
            self.rollback()
            return run(*args, **kwargs)


def _current_scope() -> int:
    # `g` is Flask's namespace of the current application context (one per request).
    return id(g._get_current_object()) if has_app_context() else threading.get_ident()


class Database:
    def __init__(self) -> None:
        self.session: scoped_session[Session] = scoped_session(
            self._new_session, scopefunc=_current_scope
        )

    @staticmethod
    def _new_session() -> Session:
        return current_app.extensions["database_sessions"]()

    @property
    def engine(self) -> Engine:
        return current_app.extensions["database"]

    @staticmethod
    def read_one(statement, params: dict):
        """The first row of a read outside the ORM session, on a pooled connection of its
        own, which goes back to the pool at once: who is signed in, on every request. The
        ORM session and its transaction cost 8 % of a request that does nothing else
        (bench/README.md, "The floor"). A dropped connection is replaced, once, as a
        session's first statement is (RetryingSession)."""
        bind = current_app.extensions["database_sessions"].kw["bind"]
        if isinstance(bind, Connection):  # tests: the connection holding the test's transaction
            return bind.execute(statement, params).first()

        def read():
            with bind.connect() as connection:
                return connection.execute(statement, params).first()

        try:
            return read()
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            return read()  # SQLAlchemy emptied the pool: a new connection

    @staticmethod
    def bind_sessions_to(app: Flask, connection: Connection | None) -> None:
        """Sessions made from now on for `app` use `connection` (None: the engine again)."""
        app.extensions["database_sessions"].configure(
            bind=connection if connection is not None else app.extensions["database"]
        )

    def init_app(self, app: Flask) -> None:
        engine = app.extensions["database"] = make_engine(app.config["DATABASE_URL"])
        # The join mode matters only with a connection as the bind (tests): see the module text.
        app.extensions["database_sessions"] = sessionmaker(
            bind=engine,
            class_=RetryingSession,
            expire_on_commit=False,
            join_transaction_mode="create_savepoint",
        )

        @app.teardown_appcontext
        def remove_session(_exc: BaseException | None) -> None:
            self.session.remove()
