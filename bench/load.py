"""Load: 200 logged-in participants at once, opening her pages and writing (a new step in her plan),
for a bounded time, against gunicorn (production settings) on 127.0.0.1.

Prints the errors (5xx, timeouts, a login page where her page was expected), p50/p95/p99 per kind
of request, and checks that every write the server acknowledged (a redirect after "add a step")
is in the database afterwards. Bounded in participants, time and requests; it stops by itself.

    .venv/bin/python -m bench.load [--users 200] [--duration 120] [--db postgres|sqlite]
"""

import argparse
import random
import re
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from bench.throughput import Gunicorn, prepare_database

PAGES = ["/", "/plan/", "/agenda", "/inbox", "/meer", "/cv/", "/opvang/"]
WRITE_SHARE = 0.25  # one request in four writes
THINK_SECONDS = (1.0, 4.0)  # between two taps, as someone reading her phone
MAX_REQUESTS_PER_USER = 400


class Phone:
    """One participant's phone: her cookies (carried by hand: in production they are Secure,
    which a cookie jar would not send over http://127.0.0.1), her CSRF token, her timings."""

    def __init__(self, host: str, port: int, username: str):
        self.connection = HTTPConnection(host, port, timeout=60)
        self.username = username
        self.jar: dict[str, str] = {}
        self.token = ""
        self.timings: dict[str, list[float]] = {"page": [], "write": [], "login": []}
        self.errors: list[str] = []
        self.acknowledged: list[str] = []

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, TimeoutError) as e:
            self.connection.close()
            return None, f"{type(e).__name__}: {e}"
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.jar.pop(name, None)
                else:
                    self.jar[name] = morsel.value
        return response, content.decode("utf-8", "replace")

    def timed(self, kind: str, method: str, path: str, body: dict | None = None):
        start = time.perf_counter()
        response, content = self.request(method, path, body)
        self.timings[kind].append((time.perf_counter() - start) * 1000)
        if response is None:
            self.errors.append(f"{kind} {path}: {content}")
        elif response.status >= 500:
            self.errors.append(f"{kind} {path}: {response.status}")
        return response, content

    def log_in(self) -> bool:
        response, html = self.request("GET", "/login")
        found = response is not None and re.search(r'"X-CSRFToken": "([^"]+)"', html)
        if not found:
            self.errors.append("login page without a token")
            return False
        response, html = self.timed(
            "login",
            "POST",
            "/login",
            {"csrf_token": found.group(1), "username": self.username, "password": "demo-demo"},
        )
        if response is None or response.status != 302:
            said = re.search(r'class="error[^"]*"[^>]*>([^<]+)<', html or "")
            self.errors.append(
                f"login {self.username}: {response and response.status} "
                f"{said.group(1).strip() if said else ''}"
            )
            return False
        return self.open("/")

    def open(self, path: str) -> bool:
        response, html = self.timed("page", "GET", path)
        if response is None:
            return False
        if response.status in (301, 302, 303) and "/login" in response.headers.get("Location", ""):
            self.errors.append(f"page {path}: logged out")
            return False
        found = re.search(r'"X-CSRFToken": "([^"]+)"', html)
        if found:
            self.token = found.group(1)
        return True

    def write(self, n: int) -> None:
        step = str(uuid.uuid4())
        response, _ = self.timed(
            "write",
            "POST",
            "/plan/stappen",
            {
                "csrf_token": self.token,
                "step_uuid": step,
                "action": f"Belasting bellen ({self.username} {n})",
                "area": "geld",
            },
        )
        if response is not None and response.status in (302, 303):
            self.acknowledged.append(step)
        elif response is not None and response.status < 500:
            self.errors.append(f"write: {response.status}")


def run_phone(phone: Phone, deadline: float, seed: int) -> None:
    rng = random.Random(seed)
    time.sleep(rng.uniform(0, THINK_SECONDS[1]))  # not all at the same instant
    for n in range(MAX_REQUESTS_PER_USER):
        if time.monotonic() >= deadline:
            break
        if rng.random() < WRITE_SHARE:
            phone.write(n)
        else:
            phone.open(rng.choice(PAGES))
        time.sleep(rng.uniform(*THINK_SECONDS))
    phone.connection.close()


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "-"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return f"{cuts[49]:7.1f} {cuts[94]:7.1f} {cuts[98]:7.1f}"


def participants(database_url: str, count: int) -> list[str]:
    """The login names of `count` of the benchmark's participants (bench/grow.py numbers them
    after the demo's own)."""
    from sqlalchemy import create_engine, select

    from webapp.models import User

    engine = create_engine(database_url)
    with engine.connect() as conn:
        names = list(
            conn.scalars(
                select(User.username)
                .where(User.username.like("bench-%"))
                .order_by(User.username)
                .limit(count)
            )
        )
    engine.dispose()
    return names


def missing_writes(database_url: str, acknowledged: list[str]) -> list[str]:
    from sqlalchemy import create_engine, select

    from webapp.models.plan import PlanStep

    engine = create_engine(database_url)
    found = set()
    with engine.connect() as conn:
        for i in range(0, len(acknowledged), 500):
            chunk = acknowledged[i : i + 500]
            found.update(conn.scalars(select(PlanStep.uuid).where(PlanStep.uuid.in_(chunk))))
    engine.dispose()
    return [s for s in acknowledged if s not in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=int, default=120, help="seconds of load (max 600)")
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (README: 3)")
    args = parser.parse_args()
    duration = min(args.duration, 600)
    users = min(args.users, 2000)

    started = time.monotonic()
    url, cleanup = prepare_database(args.db, "elkestap_load")
    print(f"{args.db}: database ready in {time.monotonic() - started:.0f} s", file=sys.stderr)
    env = {
        "ELKESTAP_ENV": "production",
        "SECRET_KEY": "bench-not-secret",
        "DATABASE_URL": url,
        "GUNICORN_CMD_ARGS": "--timeout 120",
    }
    server = Gunicorn("wsgi:app", env, workers=args.workers)
    try:
        server.wait_ready("/login", limit=180)
        target = urlsplit(server.url)
        phones = [Phone(target.hostname, target.port, name) for name in participants(url, users)]
        # Everyone logs in first, eight at a time (a login rehashes her password with the
        # production cost, which is slow on purpose), then the load begins.
        login_started = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(Phone.log_in, phones))
        login_seconds = time.monotonic() - login_started
        phones_in = [p for p in phones if p.token]
        deadline = time.monotonic() + duration
        threads = [
            threading.Thread(target=run_phone, args=(p, deadline, i), daemon=True)
            for i, p in enumerate(phones_in)
        ]
        load_started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=duration + 120)
        elapsed = time.monotonic() - load_started
    finally:
        server.stop()

    try:
        acknowledged = [s for p in phones for s in p.acknowledged]
        missing = missing_writes(url, acknowledged)
    finally:
        cleanup()

    errors = [e for p in phones for e in p.errors]
    timings = {k: [t for p in phones for t in p.timings[k]] for k in ("login", "page", "write")}
    total = sum(len(v) for v in timings.values())
    print(
        f"\nLoad: {users} participants ({len(phones_in)} logged in, in {login_seconds:.0f} s), "
        f"{elapsed:.0f} s of load, gunicorn {args.workers} sync workers, {args.db}, "
        "production settings"
    )
    print(f"requests {total} ({total / elapsed:.1f}/s), errors {len(errors)}")
    print(f"{'kind':6} {'count':>6}  {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for kind, values in timings.items():
        print(f"{kind:6} {len(values):6d}  {percentiles(values)}")
    print(
        f"writes acknowledged {len(acknowledged)}, in the database {len(acknowledged) - len(missing)}, missing {len(missing)}"
    )
    for error in errors[:20]:
        print("  error:", error)
    if errors or missing:
        sys.exit(1)


if __name__ == "__main__":
    main()
