"""CPU work per request, counted in instructions by valgrind's callgrind: the same figure on a
busy machine as on a quiet one, so a change can be compared before and after even when the
throughput figures are noisy (on a shared 2-core machine they move by a third between runs).

    .venv/bin/python -m bench.instructions [--requests 20] [--pages home,plan,agenda,floor]

Each page runs in its own Python process under callgrind, against a copy of one SQLite
database with 2,000 participants: the app in production settings (Flask's test client, no
network), logged in as sara, 20 requests to warm up, then the counted requests. Counting is
switched on only around them (`callgrind_control -i on/off`), so start-up is not counted.
"bare" is the bare Flask app of bench/hello.py; "floor" the logged-in no-op page of
bench/floor_app.py. Instructions are not time, but on one machine they follow it closely, and
app/bare in instructions is close to app/bare in requests per second.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from bench.common import OUT, ROOT, table
from bench.throughput import FLOOR_PATH

PAGES = {"home": "/", "plan": "/plan/", "agenda": "/agenda", "floor": FLOOR_PATH, "bare": "/"}
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")


def measure_in_this_process(page: str, database: str, requests: int) -> None:
    """Runs inside valgrind: warm up, then count `requests` requests to `page`."""
    headers = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    if page == "bare":
        from bench.hello import app

        client = app.test_client()
    else:
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
        form = {"username": "sara", "password": "demo-demo", "csrf_token": token}
        if client.post("/login", data=form).status_code != 302:
            sys.exit("login as sara failed")
    path = PAGES[page]
    for _ in range(20):
        status = client.get(path, headers=headers).status_code
    if status != 200:
        sys.exit(f"{path} answers {status}")
    toggle = ["callgrind_control", "-i"]
    subprocess.run([*toggle, "on", str(os.getpid())], check=True, capture_output=True)
    for _ in range(requests):
        client.get(path, headers=headers)
    subprocess.run([*toggle, "off", str(os.getpid())], check=True, capture_output=True)


def count(page: str, database: str, requests: int) -> int:
    """Instructions per request for one page, from a fresh process under callgrind."""
    with tempfile.TemporaryDirectory(prefix="elkestap-callgrind-") as folder:
        copy = os.path.join(folder, "bench.sqlite")
        shutil.copy(database, copy)
        log = os.path.join(folder, "valgrind.log")
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                f"--log-file={log}",
                f"--callgrind-out-file={os.path.join(folder, 'callgrind.out')}",
                PYTHON,
                "-m",
                "bench.instructions",
                "--worker",
                page,
                f"sqlite:///{copy}",
                str(requests),
            ],
            cwd=ROOT,
            check=True,
        )
        with open(log) as f:
            collected = re.search(r"Collected : (\d+)", f.read())
    return int(collected.group(1)) // requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--pages", default="home,plan,agenda,floor")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        page, database, requests = args.worker
        measure_in_this_process(page, database, int(requests))
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (Debian package valgrind)")

    from bench.throughput import prepare_database

    url, cleanup = prepare_database("sqlite")
    try:
        database = url.removeprefix("sqlite:///")
        bare = count("bare", database, args.requests)
        rows = []
        for page in args.pages.split(","):
            instructions = count(page, database, args.requests)
            rows.append(
                {"page": page, "instructions": instructions, "bare_ratio": bare / instructions}
            )
        rows.append({"page": "bare", "instructions": bare, "bare_ratio": 1.0})
    finally:
        cleanup()
    print(
        f"Instructions per request (callgrind, {args.requests} requests, SQLite, 2,000 participants)"
    )
    print(
        table(
            ["page", "instructions / request", "bare / page"],
            [
                [r["page"], f"{r['instructions'] / 1e6:.2f} M", f"{r['bare_ratio']:.2f}"]
                for r in rows
            ],
        )
    )
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "instructions.json"), "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
