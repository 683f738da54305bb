"""'Verwijder mijn account': with her password she deletes everything of hers at once; after it
no row in any table of the schema carries her id (on SQLite and on PostgreSQL, as every
service test runs). A wrong password deletes nothing. A medewerker of her group can remove a
participant who left, with the same effect; nobody else can."""

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.services.test_her_data import sara  # noqa: F401  (Sara with a row nearly everywhere)
from webapp.extensions import db
from webapp.models import Base, Invitation, Role, User
from webapp.services import (
    ServiceError,
    access_codes,
    agenda,
    her_data,
    reminders,
)
from webapp.services import plan as plans


def columns_naming_a_user():
    """Every column of every table that holds a user's id: a foreign key to `users.id`, and
    `users.id` itself."""
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "users" for fk in column.foreign_keys) or (
                table.name == "users" and column.name == "id"
            ):
                yield table, column


def rows_with(user_id: int) -> dict[str, int]:
    found = {}
    for table, column in columns_naming_a_user():
        count = db.session.scalar(select(func.count()).select_from(table).where(column == user_id))
        if count:
            found[f"{table.name}.{column.name}"] = count
    return found


@pytest.fixture
def sara_everywhere(sara, medewerker, zuid):  # noqa: F811
    """And more: a reset code, an invitation she used, a message in her inbox, a calendar
    link."""
    access_codes.create_reset_code(medewerker, sara)
    invitation = access_codes.create_invitation(
        medewerker, Role.PARTICIPANT, zuid.organisation, zuid
    )
    invitation.used_by_id = sara.id
    reminders.send_staff_message(medewerker, "group", "Welkom!", group=zuid)
    agenda.create_feed(sara)
    db.session.commit()
    return sara


def test_every_table_is_checked():
    tables = {table.name for table, _ in columns_naming_a_user()}
    assert {"plans", "part_views", "shares", "login_sessions", "push_subscriptions"} <= tables


def test_after_deleting_no_row_anywhere_carries_her_id(sara_everywhere, amina, medewerker):
    sara_id = sara_everywhere.id
    plans.add_step(amina, "Taalles", "taal")
    before = rows_with(sara_id)
    assert len(before) >= 20, before  # she really was in most tables
    her_data.delete_own_account(sara_everywhere, factories.PASSWORD)
    assert rows_with(sara_id) == {}
    # Nobody else lost anything: Amina's step, the medewerker, the invitation (now unnamed).
    assert [s.action for s in plans.steps_of(db.session.get(User, amina.id))] == ["Taalles"]
    assert db.session.get(User, medewerker.id) is not None
    assert db.session.scalar(select(func.count(Invitation.id))) == 1


def test_a_wrong_password_deletes_nothing(sara_everywhere):
    before = rows_with(sara_everywhere.id)
    with pytest.raises(ServiceError) as refused:
        her_data.delete_own_account(sara_everywhere, "not her password")
    assert "Er is niets verwijderd" in str(refused.value.message)
    assert rows_with(sara_everywhere.id) == before


def test_a_medewerker_of_her_group_removes_a_participant_who_left(sara_everywhere, medewerker):
    sara_id = sara_everywhere.id
    with pytest.raises(ServiceError):
        her_data.remove_participant(medewerker, sara_id, "Amina")  # the wrong name: nothing
    assert rows_with(sara_id)
    assert her_data.remove_participant(medewerker, sara_id, " sara ") == "Sara"
    assert rows_with(sara_id) == {}


def test_nobody_else_can_remove_her(sara, trainster, beheer, elsewhere, amina):  # noqa: F811
    for actor in (trainster, beheer, elsewhere["staff"], amina):
        assert her_data.participant_to_remove(actor, sara.id) is None
        with pytest.raises(ServiceError):
            her_data.remove_participant(actor, sara.id, "Sara")
    assert db.session.get(User, sara.id) is not None
