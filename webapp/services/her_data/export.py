"""'Download alles': everything she has, as one JSON file written row by row.

Rows are read in batches (`yield_per`) and written as they come, so a year of history costs
the same memory as a week; `bench/export.py` prints the figures.
"""

import json
from collections.abc import Iterator
from datetime import date, datetime

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.services.her_data.sections import SECTIONS, Section

FORMAT_VERSION = 1
BATCH = 500


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"  # stored as naive UTC
    if isinstance(value, date):
        return value.isoformat()
    return value


def rows_of(section: Section, owner: User) -> Iterator[dict]:
    """Her rows of one section, as plain values under the export's field names."""
    result = db.session.execute(
        section.query.execution_options(yield_per=BATCH), {"owner": owner.id}
    )
    for row in result:
        yield {name: _plain(value) for name, value in row._mapping.items()}


def export_json(owner: User, now: datetime | None = None) -> Iterator[str]:
    """The JSON file in pieces: `{"format": …, "version": 1, "exported_at": …, "<section>":
    [rows…], …}` with every section of `SECTIONS`, in that order (docs/export.md)."""
    yield json.dumps(
        {
            "format": "elke-stap-export",
            "version": FORMAT_VERSION,
            "exported_at": _plain(now or utcnow()),
        }
    )[:-1]
    for section in SECTIONS:
        yield f', "{section.name}": ['
        for n, row in enumerate(rows_of(section, owner)):
            yield ("," if n else "") + json.dumps(row, ensure_ascii=False)
        yield "]"
    yield "}\n"
