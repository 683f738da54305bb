"""Her inbox page and her unread count (on every page of hers) read only what they need: in
order from an index, never all of her reminders sorted or scanned, however many a year holds.
Checked with SQLite's query plans for the statements the services really run."""

from datetime import timedelta

import pytest
from sqlalchemy import event, insert

from tests import factories
from webapp.extensions import db
from webapp.models import utcnow
from webapp.models.reminders import Reminder, ReminderKind
from webapp.services import reminders as service


@pytest.fixture
def her_year(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("reads SQLite's query plans")
    her = factories.participant()
    now = utcnow()
    db.session.execute(
        insert(Reminder),
        [
            {
                "user_id": her.id,
                "kind": ReminderKind.STEP_DAY_BEFORE,
                "target_id": i,
                "moment": now - timedelta(hours=i),
                "due_at": now - timedelta(hours=i),
                "url": "/plan/",
                "params": {"title": f"Stap {i}"},
                "read_at": None if i < 3 else now,
            }
            for i in range(200)
        ],
    )
    db.session.commit()
    return her


def plans_of(run) -> list[str]:
    """SQLite's plan for each query `run` executes, as one text per query."""
    statements = []

    def keep(_conn, _cursor, statement, parameters, _context, _executemany):
        if statement.lstrip().upper().startswith("SELECT"):  # not the test's SAVEPOINTs
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    connection = db.session.connection()
    return [
        " | ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {s}", p))
        for s, p in statements
    ]


def test_her_inbox_page_is_read_in_order_from_its_index(her_year):
    (plan,) = plans_of(lambda: service.inbox_page(her_year, 2))
    assert "ix_reminders_user_due" in plan
    assert "TEMP B-TREE" not in plan  # no sort of all of hers for one page


def test_her_unread_count_reads_only_the_unread(her_year):
    (plan,) = plans_of(lambda: service.unread_count(her_year))
    assert "ix_reminders_unread" in plan
    assert service.unread_count(her_year) == 3
