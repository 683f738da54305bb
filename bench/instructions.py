"""CPU work per request, counted in instructions by valgrind's callgrind: the same figure on a
busy machine as on a quiet one, so a change can be compared before and after even when the
throughput figures are noisy (on a shared 2-core machine they move by a third between runs).

    .venv/bin/python -m bench.instructions [--requests 20] [--pages home,plan,agenda,inbox,floor]
                                           [--as sara,maand,jaar] [--warmup 20]

Each page runs in its own Python process under callgrind, against a copy of one SQLite
database with 2,000 participants and the two with a history of bench/grow.py ("maand" after a
month, "jaar" after a year): the app in production settings (Flask's test client, no network),
logged in as each participant of `--as`, warm-up requests, then the counted requests. Counting
is switched on only around them (`callgrind_control -i on/off`), so start-up is not counted.
The same process also counts the SQL statements of one request and the body bytes (raw and
compressed). Afterwards five times as many requests run without valgrind, for the median server
time (in-process, noisy on a shared machine: read it beside the instructions).
"bare" is the bare Flask app of bench/hello.py; "floor" the logged-in no-op page of
bench/floor_app.py. Instructions are not time, but on one machine they follow it closely, and
app/bare in instructions is close to app/bare in requests per second.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from bench.common import OUT, ROOT, counting, instructions_of, table
from bench.throughput import FLOOR_PATH

PAGES = {
    "home": "/",
    "plan": "/plan/",
    "timeline": "/plan/gedaan",
    "agenda": "/agenda",
    "inbox": "/inbox",
    "floor": FLOOR_PATH,
    "bare": "/",
}
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
# Issue 19's targets: after a year a page costs at most 1.5x what it cost after a month (in
# instructions, bytes and server time); the logged-in floor and the demo participant's home.
TARGET_YEAR_OVER_MONTH = 1.5
TARGET_FLOOR = 2.4e6
TARGET_HOME = 6e6
COMPRESSED = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def logged_in_client(username: str, database: str):
    os.environ.update(
        ELKESTAP_ENV="production", SECRET_KEY="bench-not-secret", DATABASE_URL=database
    )
    from bench.floor_app import app
    from webapp.services import passwords

    # Cheap password hashes: the login is not what is counted.
    passwords.use_parameters(time_cost=1, memory_cost=1024, parallelism=1)
    app.config.update(SESSION_COOKIE_SECURE=False, REMEMBER_COOKIE_SECURE=False)
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    form = {"username": username, "password": "demo-demo", "csrf_token": token}
    if client.post("/login", data=form).status_code != 302:
        sys.exit(f"login as {username} failed")
    return app, client


def statements_of_one_request(app, client, path: str) -> int:
    from sqlalchemy import event

    from webapp.extensions import db

    with app.app_context():
        engine = db.engine
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        client.get(path, headers=COMPRESSED)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def measure_in_this_process(
    page: str, username: str, database: str, requests: int, warmup: int, report: str
) -> None:
    """Runs inside valgrind: warm up, then count `requests` requests to `page`. Without
    valgrind (`report` ends in .time) the same loop gives the median time per request."""
    if page == "bare":
        from bench.hello import app

        client = app.test_client()
    else:
        app, client = logged_in_client(username, database)
    path = PAGES[page]
    for _ in range(warmup):
        response = client.get(path, headers=COMPRESSED)
    if response.status_code != 200:
        sys.exit(f"{path} answers {response.status_code}")
    if report.endswith(".time"):
        times = []
        # Five times the counted requests: they are cheap without valgrind, and a median of 20
        # moved by 2x between runs on a shared machine (the inbox after a year, 2026-12-03).
        for _ in range(5 * requests):
            started = time.perf_counter()
            client.get(path, headers=COMPRESSED).close()
            times.append(time.perf_counter() - started)
        figures = {"server_ms": statistics.median(times) * 1000}
    else:
        with counting():
            for _ in range(requests):
                client.get(path, headers=COMPRESSED)
        figures = {
            "compressed_bytes": len(response.get_data()),
            "raw_bytes": len(client.get(path).get_data()),
            "queries": 0 if page == "bare" else statements_of_one_request(app, client, path),
        }
    with open(report, "w") as f:
        json.dump(figures, f)


def count(page: str, username: str, database: str, requests: int, warmup: int) -> dict:
    """Instructions per request for one page, from a fresh process under callgrind, then the
    server time from a fresh process without it."""
    with tempfile.TemporaryDirectory(prefix="elkestap-callgrind-") as folder:
        copy = os.path.join(folder, "bench.sqlite")
        shutil.copy(database, copy)
        report = os.path.join(folder, "figures.json")
        worker = [
            PYTHON,
            "-m",
            "bench.instructions",
            "--worker",
            page,
            username,
            f"sqlite:///{copy}",
            str(requests),
            str(warmup),
        ]
        collected = instructions_of([*worker, report], folder)
        with open(report) as f:
            figures = json.load(f)
        subprocess.run([*worker, report + ".time"], cwd=ROOT, check=True)
        with open(report + ".time") as f:
            figures.update(json.load(f))
    return {"instructions": collected // requests, **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--pages", default="home,plan,agenda,inbox,floor")
    parser.add_argument(
        "--as", dest="users", default="sara,maand,jaar", help="participants, by login name"
    )
    parser.add_argument("--worker", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        page, username, database, requests, warmup, report = args.worker
        measure_in_this_process(page, username, database, int(requests), int(warmup), report)
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (Debian package valgrind)")

    from bench.throughput import prepare_database

    url, cleanup = prepare_database("sqlite")
    try:
        database = url.removeprefix("sqlite:///")
        bare = count("bare", "", database, args.requests, args.warmup)
        rows = []
        for username in args.users.split(","):
            for page in args.pages.split(","):
                figures = count(page, username, database, args.requests, args.warmup)
                rows.append(
                    {
                        "user": username,
                        "page": page,
                        **figures,
                        "bare_ratio": bare["instructions"] / figures["instructions"],
                    }
                )
        rows.append({"user": "", "page": "bare", **bare, "bare_ratio": 1.0})
    finally:
        cleanup()
    print(
        f"Instructions per request (callgrind, {args.requests} requests, SQLite, "
        "2,000 participants)"
    )
    print(
        table(
            [
                "as",
                "page",
                "instructions / request",
                "bare / page",
                "queries",
                "raw KB",
                "compressed KB",
                "server ms",
            ],
            [
                [
                    r["user"],
                    r["page"],
                    f"{r['instructions'] / 1e6:.2f} M",
                    f"{r['bare_ratio']:.2f}",
                    r["queries"],
                    f"{r['raw_bytes'] / 1000:.1f}",
                    f"{r['compressed_bytes'] / 1000:.1f}",
                    f"{r['server_ms']:.1f}",
                ]
                for r in rows
            ],
        )
    )
    ratios = year_over_month(rows)
    if ratios:
        print(f"After a year / after a month (target ≤ {TARGET_YEAR_OVER_MONTH}×)")
        print(
            table(
                ["page", "instructions", "queries", "raw", "compressed", "server time"],
                [
                    [r["page"], *(f"{r[k]:.2f}×" for k in RATIO_KEYS[:1]), r["queries"]]
                    + [f"{r[k]:.2f}×" for k in RATIO_KEYS[1:]]
                    for r in ratios
                ],
            )
        )
    for r in rows:
        target = {"floor": TARGET_FLOOR, "home": TARGET_HOME}.get(r["page"])
        if target and r["user"] in ("sara", ""):
            met = "met" if r["instructions"] <= target else "missed"
            print(
                f"{r['page']}: {r['instructions'] / 1e6:.2f} M (target ≤ {target / 1e6:.1f} M, "
                f"{met}), app/bare {r['bare_ratio']:.2f}"
            )
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "instructions.json"), "w") as f:
        json.dump(rows, f, indent=1)


RATIO_KEYS = ("instructions", "raw_bytes", "compressed_bytes", "server_ms")


def year_over_month(rows: list[dict]) -> list[dict]:
    """Per page, what it costs "jaar" over what it costs "maand" (when both were measured)."""
    by = {(r["user"], r["page"]): r for r in rows}
    ratios = []
    for (user, page), month in by.items():
        year = by.get(("jaar", page))
        if user != "maand" or year is None or page == "floor":
            continue
        ratios.append(
            {
                "page": page,
                "queries": f"{month['queries']} → {year['queries']}",
                **{k: year[k] / month[k] for k in RATIO_KEYS},
            }
        )
    return ratios


if __name__ == "__main__":
    main()
