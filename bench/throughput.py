"""Server speed: gunicorn (2 sync workers) on 127.0.0.1 with 2,000 participants, loaded by wrk
for a fixed time on her home, plan and agenda pages, logged in as sara; in the same run the
same load on a bare Flask "hello" app under the same gunicorn settings, and on a logged-in page
that does nothing (the floor of the stack, bench/floor_app.py). On SQLite and PostgreSQL.

    .venv/bin/python -m bench.throughput [--duration 10] [--connections 20] [--db sqlite,postgres]

PostgreSQL: a database of its own (`elkestap_bench`) is created on 127.0.0.1:5432 through the
`test` database and dropped afterwards. wrk comes from Debian (`make bench` installs it).
wrk and gunicorn share this machine's cores: figures are relative; the ratio app/bare is the
number to compare between machines.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie

from bench.common import OUT, ROOT, login_cookie, table

BIN = os.path.join(ROOT, ".venv", "bin")
LUA = os.path.join(ROOT, "bench", "wrk.lua")
PG_ADMIN = "host=127.0.0.1 port=5432 dbname=test"
PG_DB = "elkestap_bench"
PAGES = (("home", "/"), ("plan", "/plan/"), ("agenda", "/agenda"))
# The cheapest logged-in page the stack can serve (bench/floor_app.py): no page can beat it.
FLOOR_LABEL = "floor (logged-in no-op)"
FLOOR_PATH = "/bench/floor"
TARGET_RATIO = 0.4
TARGET_P99_MS = 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn -w 2 on 127.0.0.1, started and stopped by pid; with threads > 1 its gthread
    workers (each takes that many requests at once)."""

    def __init__(self, target: str, env: dict, workers: int = 2, threads: int = 1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        fd, self.log_path = tempfile.mkstemp(prefix="gunicorn-", suffix=".log")
        os.close(fd)
        self.process = subprocess.Popen(
            [
                os.path.join(BIN, "gunicorn"),
                "-w",
                str(workers),
                "--threads",
                str(threads),
                "-b",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                "/dev/null",
                "--error-logfile",
                self.log_path,
                target,
            ],
            cwd=ROOT,
            env={**os.environ, **env},
        )

    def wait_ready(self, path: str = "/", limit: float = 30) -> None:
        start = time.monotonic()
        while time.monotonic() - start < limit:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: see {self.log_path}")
            try:
                urllib.request.urlopen(self.url + path, timeout=10).close()
                return
            except urllib.error.HTTPError as e:
                raise RuntimeError(f"{self.url}{path} answers {e.code}: see {self.log_path}") from e
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {limit} s: see {self.log_path}")

    def worker_peak_rss_kb(self) -> int:
        """The largest VmHWM (peak resident set) among this master's workers."""
        peak = 0
        children = f"/proc/{self.process.pid}/task/{self.process.pid}/children"
        with open(children) as f:
            pids = f.read().split()
        for pid in pids:
            with open(f"/proc/{pid}/status") as f:
                match = re.search(r"VmHWM:\s+(\d+) kB", f.read())
            peak = max(peak, int(match.group(1)) if match else 0)
        return peak

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wrk(url: str, cookie: str, duration: int, connections: int) -> dict:
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "5s",
            "-s",
            LUA,
            url,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "COOKIE": cookie},
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    figures = {k: int(v) for k, v in (part.split("=") for part in line.split()[1:])}
    return {
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "p50_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "non2xx": figures["non2xx"],
        "errors": figures["errors"],
        "requests": figures["requests"],
        "kb_per_response": figures["bytes"] / max(figures["requests"], 1) / 1000,
    }


def settled_cookie(base_url: str, cookie: str) -> str:
    """Her cookie after the first page following login (which clears a one-time flag), so the
    load is the steady state of someone using the app."""
    request = urllib.request.Request(base_url + "/", headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        response.read()
        jar = dict(part.split("=", 1) for part in cookie.split("; "))
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                jar[name] = morsel.value
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def status_of(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def prepare_database(kind: str, name: str = PG_DB) -> tuple[str, callable]:
    """A fresh database with migrations, demo data, 2,000 participants and the two with a
    history (bench/grow.py); returns its URL and a function that removes it."""
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="elkestap-bench-")
        url = f"sqlite:///{os.path.join(folder, 'bench.sqlite')}"

        def cleanup():
            shutil.rmtree(folder, ignore_errors=True)

    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
        url = f"postgresql+psycopg://127.0.0.1:5432/{name}"

        def cleanup():
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    from bench.common import demo_app
    from bench.grow import HISTORIES, grow, grow_history
    from webapp.extensions import db

    app = demo_app(url)
    with app.app_context():
        grow(2000)
        for name in HISTORIES:
            grow_history(name)
        db.session.remove()
        db.engine.dispose()
    return url, cleanup


def run_database(
    kind: str, duration: int, connections: int, bare: Gunicorn, threads: int
) -> list[dict]:
    started = time.monotonic()
    try:
        url, cleanup = prepare_database(kind)
    except Exception as e:  # PostgreSQL not reachable, or no right to create a database
        print(f"skipped {kind}: {e}", file=sys.stderr)
        return []
    print(f"{kind}: database ready in {time.monotonic() - started:.0f} s", file=sys.stderr)
    env = {"ELKESTAP_ENV": "production", "SECRET_KEY": "bench-not-secret", "DATABASE_URL": url}
    # The real app, with the no-op page added by bench/floor_app.py only for the floor row.
    app = Gunicorn("bench.floor_app:app", env, threads=threads)
    rows = []
    try:
        app.wait_ready("/login")
        cookie = settled_cookie(app.url, login_cookie(app.url, "sara"))
        wrk(app.url + "/", cookie, 2, connections)  # warm-up, not counted
        for label, path in (*PAGES, (FLOOR_LABEL, FLOOR_PATH)):
            status = status_of(app.url + path, cookie)
            if status != 200:
                print(
                    f"skipped {kind} {label}: {path} answers {status} (not built yet?)",
                    file=sys.stderr,
                )
                continue
            rows.append(
                {"db": kind, "page": label, **wrk(app.url + path, cookie, duration, connections)}
            )
        rss = app.worker_peak_rss_kb()
        bare_figures = {
            "db": kind,
            "page": "bare hello",
            **wrk(bare.url + "/", "", duration, connections),
        }
        for row in rows:
            row["ratio"] = row["rps"] / bare_figures["rps"]
            row["rss_mb"] = rss / 1024
        bare_figures["ratio"] = 1.0
        bare_figures["rss_mb"] = bare.worker_peak_rss_kb() / 1024
        rows.append(bare_figures)
    finally:
        app.stop()
        cleanup()
    return rows


HEADERS = [
    "db",
    "page",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "non-2xx",
    "app/bare",
    "KB/resp",
    "worker peak RSS",
]


def format_rows(rows: list[dict]) -> list[list]:
    return [
        [
            r["db"],
            r["page"],
            f"{r['rps']:.0f}",
            f"{r['p50_ms']:.1f}",
            f"{r['p95_ms']:.1f}",
            f"{r['p99_ms']:.1f}",
            r["non2xx"] + r["errors"],
            f"{r['ratio']:.2f}",
            f"{r['kb_per_response']:.1f}",
            f"{r['rss_mb']:.0f} MB",
        ]
        for r in rows
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument(
        "--threads", type=int, default=1, help="gunicorn threads per worker (> 1: gthread)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench` installs it (Debian package wrk)")
    bare = Gunicorn("bench.hello:app", {}, threads=args.threads)
    rows = []
    try:
        bare.wait_ready()
        for kind in args.db.split(","):
            rows += run_database(kind, args.duration, args.connections, bare, args.threads)
    finally:
        bare.stop()
    workers = "sync workers" if args.threads == 1 else f"gthread workers of {args.threads} threads"
    print(
        f"Throughput: gunicorn 2 {workers}, wrk -t2 -c{args.connections} -d{args.duration}s, "
        f"logged in as sara, 2,000 participants; nproc={os.cpu_count()}"
    )
    print(table(HEADERS, format_rows(rows)))
    print(f"target: home app/bare ≥ {TARGET_RATIO} with p99 ≤ {TARGET_P99_MS} ms")
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "throughput.json"), "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
