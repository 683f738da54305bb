"""`flask backup` and `flask restore`, end to end on the test database (SQLite, or PostgreSQL
when TEST_DATABASE_URL is set): make data, back up, wipe, restore, the data is there."""

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import empty_tables
from webapp.extensions import db
from webapp.models import User
from webapp.models.plan import PlanStep as Step


@pytest.mark.commits
def test_backup_wipe_restore_brings_everything_back(app, tmp_path, zuid):
    her = factories.participant(zuid, "hanna", display_name="Hanna")
    factories.step(her, action="Cv maken met Fatima")
    users_before = db.session.scalar(select(func.count()).select_from(User))
    db.session.remove()
    runner = app.test_cli_runner()
    target = tmp_path / "elkestap.backup"

    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0

    empty_tables(db.engine)
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
    db.session.remove()

    result = runner.invoke(args=["restore", "--yes", str(target)])
    assert result.exit_code == 0, result.output
    db.session.remove()
    hanna = db.session.scalar(select(User).where(User.username == "hanna"))
    assert hanna is not None and hanna.display_name == "Hanna"
    assert db.session.scalar(select(func.count()).select_from(User)) == users_before
    steps = list(db.session.scalars(select(Step.action).where(Step.owner_id == hanna.id)))
    assert steps == ["Cv maken met Fatima"]


def test_restore_asks_first(app, tmp_path):
    target = tmp_path / "x.backup"
    target.write_bytes(b"")
    result = app.test_cli_runner().invoke(args=["restore", str(target)], input="n\n")
    assert result.exit_code != 0
    assert "replaces everything" in result.output
