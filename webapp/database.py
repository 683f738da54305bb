"""A small SQLAlchemy 2 session holder bound to the Flask app.

Each app has its own engine. One session per app context (so each request has its own),
removed when the context ends; outside an app context (worker threads) one per thread.
Services use `db.session`; they own the commit.
"""

import threading

from flask import Flask, current_app
from flask.globals import _cv_app
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, scoped_session


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
    return create_engine(url, pool_pre_ping=True)


def _current_scope() -> int:
    app_ctx = _cv_app.get(None)
    return id(app_ctx) if app_ctx is not None else threading.get_ident()


class Database:
    def __init__(self) -> None:
        self.session: scoped_session[Session] = scoped_session(
            self._new_session, scopefunc=_current_scope
        )

    @staticmethod
    def _new_session() -> Session:
        return Session(bind=current_app.extensions["database"], expire_on_commit=False)

    @property
    def engine(self) -> Engine:
        return current_app.extensions["database"]

    def init_app(self, app: Flask) -> None:
        app.extensions["database"] = make_engine(app.config["DATABASE_URL"])

        @app.teardown_appcontext
        def remove_session(_exc: BaseException | None) -> None:
            self.session.remove()
