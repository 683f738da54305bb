"""Upgrading keeps what each person could do: a beheerder manages her own organisation (one
without an organisation: all of them), a trainster keeps every group of her organisation."""

import os

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from tests.test_migrations import alembic_config, empty_database  # noqa: F401  (a fixture)
from webapp.cli import ROOT

REVISION = "9db39d2a8ece"  # group archive, organisation managers
BEFORE = ScriptDirectory(os.path.join(ROOT, "migrations")).get_revision(REVISION).down_revision


def test_beheerders_and_trainsters_keep_their_reach(empty_database):  # noqa: F811
    engine = empty_database
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), BEFORE)
        conn.execute(text(
            "INSERT INTO organisations (id, name, created_at) VALUES"
            " (1, 'Een', '2026-01-01'), (2, 'Twee', '2026-01-01')"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO groups (id, organisation_id, name, created_at) VALUES"
            " (1, 1, 'A', '2026-01-01'), (2, 1, 'B', '2026-01-01'), (3, 2, 'C', '2026-01-01')"
        ))  # fmt: skip
        for uid, role, org in ((1, "beheerder", 1), (2, "beheerder", None), (3, "trainster", 1),
                               (4, "deelneemster", None)):  # fmt: skip
            conn.execute(
                text(
                    "INSERT INTO users (id, username, password_hash, display_name, role,"
                    " language, organisation_id, active, created_at)"
                    " VALUES (:id, :name, 'x', :name, :role, 'nl', :org, true, '2026-01-01')"
                ),
                {"id": uid, "name": f"u{uid}", "role": role, "org": org},
            )
        command.upgrade(alembic_config(conn), REVISION)
        managers = conn.execute(
            text("SELECT user_id, organisation_id FROM organisation_managers ORDER BY 1, 2")
        ).all()
        memberships = conn.execute(
            text("SELECT user_id, group_id FROM memberships ORDER BY 1, 2")
        ).all()
        archived = conn.execute(text("SELECT archived_at FROM groups")).all()
    assert [tuple(r) for r in managers] == [(1, 1), (2, 1), (2, 2)]
    assert [tuple(r) for r in memberships] == [(3, 1), (3, 2)]
    assert {r[0] for r in archived} == {None}
