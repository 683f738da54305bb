"""The test database itself: what a test commits is gone after it, unless it is marked
`commits` (then other connections, threads and processes see it)."""

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import User


def users_seen_from_another_connection() -> int:
    with db.engine.connect() as other:
        return other.scalar(select(func.count(User.id)))


def test_a_services_commit_stays_inside_the_tests_transaction(app, client, auth):
    sara = factories.participant(username="sara")
    assert db.session.scalar(select(func.count(User.id))) == 1
    assert users_seen_from_another_connection() == 0
    # A request (its own app context and session) sees the test's data, and the test its writes.
    auth.login(sara)
    client.post("/meer/naam", data={"display_name": "Sara B", "csrf_token": auth.token()})
    assert sara.display_name == "Sara B"


def test_a_rolled_back_service_keeps_the_tests_own_data(app):
    factories.participant(username="sara")
    with pytest.raises(Exception):  # noqa: B017  (the unique name, refused by the database)
        db.session.add(User(username="sara", password_hash="x", display_name="x", role="x"))
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(select(User.username)) == "sara"


@pytest.mark.commits
def test_a_test_marked_commits_is_seen_by_other_connections(app):
    factories.participant()
    assert users_seen_from_another_connection() == 1


def test_each_test_starts_with_empty_tables(app):
    assert db.session.scalar(select(func.count(User.id))) == 0
