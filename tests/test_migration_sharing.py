"""Upgrading keeps what she shared: a plan with the old switch on is shared with each active
projectmedewerker of her group's organisation (not a beheerder, not another organisation), and
every logged look at her plan stays a look at her plan."""

import os

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from tests.test_migrations import alembic_config, empty_database  # noqa: F401  (a fixture)
from webapp.cli import ROOT

REVISION = "4c8d2e6f1a37"  # sharing per part
BEFORE = ScriptDirectory(os.path.join(ROOT, "migrations")).get_revision(REVISION).down_revision


def test_the_plan_switch_becomes_sharing_the_plan_part(empty_database):  # noqa: F811
    engine = empty_database
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), BEFORE)
        conn.execute(text(
            "INSERT INTO organisations (id, name, created_at) VALUES"
            " (1, 'Een', '2026-01-01'), (2, 'Twee', '2026-01-01')"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO groups (id, organisation_id, name, created_at) VALUES"
            " (1, 1, 'A', '2026-01-01'), (2, 2, 'B', '2026-01-01')"
        ))  # fmt: skip
        people = ((1, "deelneemster", None, True), (2, "deelneemster", None, True),
                  (3, "medewerker", 1, True), (4, "medewerker", 1, False),
                  (5, "beheerder", 1, True), (6, "medewerker", 2, True),
                  (7, "trainster", 1, True))  # fmt: skip
        for uid, role, org, active in people:
            conn.execute(
                text(
                    "INSERT INTO users (id, username, password_hash, display_name, role,"
                    " language, organisation_id, active, created_at)"
                    " VALUES (:id, :name, 'x', :name, :role, 'nl', :org, :active, '2026-01-01')"
                ),
                {"id": uid, "name": f"u{uid}", "role": role, "org": org, "active": active},
            )
        conn.execute(text(
            "INSERT INTO memberships (user_id, group_id, joined_at) VALUES"
            " (1, 1, '2026-01-01'), (2, 1, '2026-01-01'), (7, 1, '2026-01-01')"
        ))  # fmt: skip
        for owner, shared in ((1, True), (2, False)):
            conn.execute(
                text(
                    "INSERT INTO plans (owner_id, goal_text, paused, shared, start_rung,"
                    " created_at, field_times) VALUES (:o, '', false, :s, 1, '2026-01-01', '{}')"
                ),
                {"o": owner, "s": shared},
            )
        conn.execute(text(
            "INSERT INTO plan_access_log (owner_id, staff_id, viewed_at) VALUES"
            " (1, 3, '2026-12-01 21:29:00')"
        ))  # fmt: skip
        command.upgrade(alembic_config(conn), REVISION)
        shares = conn.execute(text("SELECT owner_id, part, viewer_id FROM shares")).all()
        looks = conn.execute(text("SELECT owner_id, viewer_id, part FROM part_views")).all()
        columns = conn.execute(text("SELECT * FROM plans")).keys()
    assert [tuple(r) for r in shares] == [(1, "plan", 3)]
    assert [tuple(r) for r in looks] == [(1, 3, "plan")]
    assert "shared" not in columns
