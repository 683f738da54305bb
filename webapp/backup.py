"""`flask backup FILE` and `flask restore FILE`: the whole database, while the app runs.

SQLite: through its online backup API (a consistent copy even while requests write; restoring
copies the file back the same way, page by page, under the database's own lock).
PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists`, the programs of the
server's version (Debian's postgresql-client); the same commands by hand are in the README.
Uploaded materials live in UPLOAD_FOLDER, next to the database: copy that folder too.
"""

import os
import sqlite3
import subprocess

from sqlalchemy.engine import make_url


def _sqlite_path(url: str) -> str | None:
    parsed = make_url(url)
    return parsed.database if parsed.get_backend_name() == "sqlite" else None


def _libpq_url(url: str) -> str:
    """The URL as pg_dump reads it: no SQLAlchemy driver name."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _copy(source: str, target: str) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def backup(database_url: str, target: str) -> None:
    path = _sqlite_path(database_url)
    if path is not None:
        if os.path.exists(target):
            os.remove(target)  # the backup API writes into a database: start from none
        _copy(path, target)
        return
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq_url(database_url)],
        check=True,
    )


def restore(database_url: str, source: str) -> None:
    if not os.path.exists(source):
        raise FileNotFoundError(source)
    path = _sqlite_path(database_url)
    if path is not None:
        _copy(source, path)
        return
    subprocess.run(
        [
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
            f"--dbname={_libpq_url(database_url)}", source,
        ],
        check=True,
    )  # fmt: skip
