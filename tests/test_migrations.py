"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import os

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from tests.conftest import reset_schema
from webapp.cli import ROOT
from webapp.database import make_engine
from webapp.models import Base


def alembic_config(connection) -> Config:
    config = Config(os.path.join(ROOT, "alembic.ini"))
    config.attributes["connection"] = connection
    return config


@pytest.fixture
def empty_database(tmp_path):
    """An empty database. On PostgreSQL it is the one the other tests use: afterwards it gets
    their schema back (tests/conftest.py builds it once per run)."""
    shared = os.environ.get("TEST_DATABASE_URL")
    engine = make_engine(shared or f"sqlite:///{tmp_path / 'migrate.sqlite'}")
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    yield engine
    if shared:
        reset_schema(engine)
    engine.dispose()


def test_migrations_and_models_agree(empty_database):
    engine = empty_database
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "heads")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")


def test_migration_files_have_dated_names_and_one_root():
    script = ScriptDirectory(os.path.join(ROOT, "migrations"))
    roots = [r for r in script.walk_revisions() if r.down_revision is None]
    assert len(roots) == 1
    for revision in script.walk_revisions():
        name = os.path.basename(revision.path)
        assert name[:8].isdigit(), name


def test_one_head():
    """Two features that each revise the same migration leave two heads: `flask db upgrade`
    would still apply both, but the order between them is nobody's decision. Revise the head."""
    script = ScriptDirectory(os.path.join(ROOT, "migrations"))
    assert len(script.get_heads()) == 1, f"several Alembic heads: {script.get_heads()}"
