"""Writing reminders and deliveries in bulk, each exactly once, and the paths they link to.

A reminder is inserted with ON CONFLICT DO NOTHING on its key (user, kind, target, moment), so
it exists once; a sender takes rows with `UPDATE … WHERE <state> RETURNING id`, so only one
sender gets each. Statements go in chunks to stay within the databases' parameter limits.
"""

from collections import namedtuple
from collections.abc import Callable, Iterator
from functools import lru_cache

import psycopg
from flask import current_app
from psycopg.adapt import Dumper
from psycopg.postgres import types as pg_types
from sqlalchemy import any_, literal, select, update
from sqlalchemy.types import UserDefinedType
from werkzeug.routing import BuildError, Map, MapAdapter

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.models.reminders import PushState, Reminder


def among(column, ids):
    """`column IN (ids)`; on PostgreSQL `column = ANY(:ids)`, one array parameter. The same
    SQL for any number of ids, so it is compiled and prepared once: an IN list is rendered
    and parsed again, bind by bind, for each statement (in a push fan-out that cost the
    sender more CPU per message than writing the results did)."""
    ids = list(ids)
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(id_array(ids))
    return column.in_(ids)


class Ids:
    """Whole numbers for one INTEGER[] parameter (`id_array`)."""

    __slots__ = ("ids",)

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids


class _IdsDumper(Dumper):
    """An `Ids` as the array's text, `{1,2,3}`, in one join, sent typed as int4[] (so no cast
    in the SQL). psycopg's own list dumper calls a dumper and a regex for each element, in
    Python: in a push fan-out that was about 4 % of the sender's instructions (bench/README)."""

    oid = pg_types["int4"].array_oid

    def dump(self, obj: Ids) -> bytes:
        return ("{" + ",".join(map(str, obj.ids)) + "}").encode()


psycopg.adapters.register_dumper(Ids, _IdsDumper)


class _IdArray(UserDefinedType):
    """INTEGER[] whose value goes to the driver as it is (an `Ids`)."""

    cache_ok = True

    def get_col_spec(self, **kw) -> str:
        return "INTEGER[]"


def id_array(ids):
    """Whole numbers as one PostgreSQL array parameter, typed int4[] by its dumper. Not the
    array's text cast in SQL: a cast in the statement is an expression PostgreSQL evaluates
    again for each row it compares with it, not a parameter parsed once (dispatch and
    settling a fan-out 4x slower in wall time). `int()` on each: only numbers reach the text."""
    return literal(Ids(list(map(int, ids))), _IdArray())


def plain_rows(result) -> list:
    """A result's rows as plain named tuples, for a loop over thousands. An attribute of
    SQLAlchemy's Row is looked up on its class first, and that miss raises (and formats) an
    AttributeError each time: in a push fan-out about 40 a message, 4 % of the sender's
    instructions (bench/README.md)."""
    return list(map(_plain_row(tuple(result.keys()))._make, result))


@lru_cache(maxsize=32)
def _plain_row(fields: tuple[str, ...]) -> type:
    return namedtuple("PlainRow", fields)


def chunks(ids: list, size: int) -> Iterator[list]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def insert_ignore(table, rows: list[dict]) -> None:
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover
        raise RuntimeError(f"unsupported database {dialect}")
    for chunk in chunks(rows, 1000):
        db.session.execute(dialect_insert(table).on_conflict_do_nothing(), chunk)


def claim(table, ids: list[int], where, values: dict) -> list[int]:
    """Update the rows among `ids` that still match `where`; the ids this caller got."""
    claimed: list[int] = []
    for chunk in chunks(ids, 900):
        result = db.session.execute(
            update(table)
            .where(among(table.c.id, chunk), where)
            .values(**values)
            .returning(table.c.id)
        )
        claimed.extend(r[0] for r in result)
    return claimed


def reminder_row(user_id, kind, target_id, moment, due_at, url, params) -> dict:
    return {
        "user_id": user_id,
        "kind": kind,
        "target_id": target_id,
        "moment": moment,
        "due_at": due_at,
        "url": url,
        "params": params,
        "created_at": utcnow(),
        "push_state": PushState.PENDING,
    }


def create_reminders(rows: list[dict]) -> None:
    """Make these reminders (those that exist stay as they are). A switched-off account gets
    none: every kind of reminder passes here."""
    insert_ignore(Reminder.__table__, _for_active_accounts(rows))


def _for_active_accounts(rows: list[dict]) -> list[dict]:
    user_ids = list({row["user_id"] for row in rows})
    inactive = set()
    for chunk in chunks(user_ids, 900):
        inactive.update(
            db.session.scalars(select(User.id).where(among(User.id, chunk), User.active.is_(False)))
        )
    return [row for row in rows if row["user_id"] not in inactive] if inactive else rows


def build_path(endpoint: str, fallback: str, **values) -> str:
    """A path for a page of another feature, or `fallback` when that feature is not here.
    Works without a request (the sender runs from cron)."""
    if endpoint not in current_app.view_functions:
        return fallback
    try:
        return _paths(current_app.url_map).build(endpoint, values)
    except BuildError:
        return fallback


def path_builder(endpoint: str, fallback: str, key: str) -> Callable[[int], str]:
    """`build_path(endpoint, fallback, key=id)` for many ids: built once with a stand-in id,
    and each id put in its place. werkzeug builds a path from its rule on every call (about
    as much CPU as the rest of a push's text, in a fan-out of thousands)."""
    stand_in = str(_STAND_IN)
    head, found, tail = build_path(endpoint, fallback, **{key: _STAND_IN}).partition(stand_in)
    if not found or stand_in in tail:  # the fallback, or a rule that shows the id otherwise
        return lambda value: build_path(endpoint, fallback, **{key: value})
    return lambda value: f"{head}{int(value)}{tail}"


_STAND_IN = 918273645  # an id in no path of ours but its own place


@lru_cache(maxsize=4)  # binding costs more than building; a fan-out builds two paths a push
def _paths(url_map: Map) -> MapAdapter:
    return url_map.bind("localhost")
