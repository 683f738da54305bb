"""'Download alles' (issue 14): the JSON export of a participant after a month, a year and
five years of history: its size, the time it takes, and the peak of Python memory while it is
written (tracemalloc), which must not grow with her history: the rows are streamed.

    .venv/bin/python -m bench.export

Figures go to bench/out/export.json. In-process, without HTTP, writing to nowhere (as the
view streams to the network)."""

import json
import os
import time
import tracemalloc

from bench.common import OUT, demo_app, table

FIVE_YEARS_FACTOR = 5


def main() -> None:
    app = demo_app()
    from bench.grow import HISTORIES, grow_history
    from webapp.extensions import db
    from webapp.services import her_data

    five_years = {
        k: v * FIVE_YEARS_FACTOR if isinstance(v, int) else v for k, v in HISTORIES["jaar"].items()
    }
    rows, figures = [], []
    with app.app_context():
        people = [
            ("maand", grow_history("maand")),
            ("jaar", grow_history("jaar")),
            ("vijf-jaar", grow_history("vijfjaar", size=five_years)),
        ]
        db.session.commit()
        for label, user in people:
            db.session.expire_all()
            tracemalloc.start()
            start = time.perf_counter()
            size = pieces = 0
            for piece in her_data.export_json(user):
                size += len(piece.encode())
                pieces += 1
            seconds = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            figure = {
                "history": label,
                "bytes": size,
                "pieces": pieces,
                "seconds": round(seconds, 3),
                "peak_python_kb": round(peak / 1000),
            }
            figures.append(figure)
            rows.append([label, f"{size / 1000:.0f} KB", pieces, f"{seconds:.2f} s",
                         f"{peak / 1000:.0f} KB"])  # fmt: skip
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "export.json"), "w") as f:
        json.dump(figures, f, indent=1)
    print(table(["history", "file", "pieces", "time", "peak Python memory"], rows))


if __name__ == "__main__":
    main()
