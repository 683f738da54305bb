"""What the benchmarks share: an app with migrations and demo data on a throw-away database, a
server in this process, a login that yields a session cookie, and a table printer."""

import contextlib
import os
import re
import subprocess
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

from werkzeug.serving import make_server

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, PHONE, phone_context  # noqa: F401  (re-exported)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")

# The pages the issue names: (label, path, logged-in user or None).
PAGES = (
    ("login", "/login", None),
    ("home", "/", "sara"),
    ("plan", "/plan/", "sara"),
    ("agenda", "/agenda", "sara"),
    # Her last meeting with its recap, homework and materials (a picture, a PDF, audio): the
    # picture is lazy and the audio waits for a tap, so neither is part of the first load.
    ("meeting with materials", "/agenda/vorige", "amina"),
)
DEMO_PASSWORD = "demo-demo"


def demo_app(database_url: str | None = None, quick_hashes: bool = True):
    """A testing-mode app on a fresh database, built by the real migrations plus demo data."""
    from alembic import command

    from webapp import create_app
    from webapp.cli import alembic_config
    from webapp.extensions import db
    from webapp.services import passwords

    if quick_hashes:
        passwords.use_parameters(time_cost=1, memory_cost=1024, parallelism=1)
    folder = tempfile.mkdtemp(prefix="elkestap-bench-")
    if database_url is None:
        database_url = f"sqlite:///{os.path.join(folder, 'bench.sqlite')}"
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": database_url,
            "UPLOAD_FOLDER": os.path.join(folder, "uploads"),
        }
    )
    with app.app_context():
        command.upgrade(alembic_config(), "heads")
        from webapp.services.demo import load_demo

        load_demo()
        db.session.remove()
    return app


class ByteCounter:
    """WSGI middleware: what the server really sent, per request: body bytes as encoded, and
    (in `headers`) the status line and headers as HTTP/1.1 writes them."""

    def __init__(self, app):
        self.app = app
        self.log: list[tuple[str, int]] = []
        self.headers: list[tuple[str, int, int]] = []  # path, status, header bytes
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        sent = 0
        head = {}

        def counting_start_response(status, headers, exc_info=None):
            head["status"] = int(status.split(" ", 1)[0])
            head["bytes"] = len(f"HTTP/1.1 {status}\r\n") + sum(
                len(f"{k}: {v}\r\n") for k, v in headers
            )
            return start_response(status, headers, exc_info)

        for chunk in self.app(environ, counting_start_response):
            sent += len(chunk)
            yield chunk
        with self.lock:
            self.log.append((path, sent))
            self.headers.append((path, head.get("status", 0), head.get("bytes", 0)))

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            log, self.log = self.log, []
        return log

    def take_headers(self) -> list[tuple[str, int, int]]:
        with self.lock:
            heads, self.headers = self.headers, []
        return heads


class Server:
    """The app on 127.0.0.1 in a thread of this process (werkzeug, threaded)."""

    def __init__(self, app):
        self.counter = ByteCounter(app.wsgi_app)
        app.wsgi_app = self.counter
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()


def page_exists(base_url: str, path: str, cookie: str | None) -> bool:
    request = urllib.request.Request(base_url + path, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status == 200
    except urllib.error.HTTPError:
        return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _merge_cookies(jar: dict, headers) -> None:
    for header in headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            jar[name] = morsel.value


def cookie_header(jar: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def login_cookie(base_url: str, username: str, password: str = DEMO_PASSWORD) -> str:
    """Log in through the real form; returns the Cookie header value of the session.

    Cookies are carried by hand: in production they are marked Secure, which a cookie jar
    would not send to http://127.0.0.1. The redirect after login is not followed: the first
    page she opens afterwards is the one measured, and it asks the service worker to keep her
    pages offline, as on a real phone."""
    jar: dict[str, str] = {}
    opener = urllib.request.build_opener(_NoRedirect)
    with opener.open(base_url + "/login") as response:
        html = response.read().decode()
        _merge_cookies(jar, response.headers)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    data = urllib.parse.urlencode(
        {"csrf_token": token.group(1), "username": username, "password": password}
    ).encode()
    request = urllib.request.Request(
        base_url + "/login", data=data, headers={"Cookie": cookie_header(jar)}
    )
    try:
        opener.open(request).close()
        raise RuntimeError(f"login as {username} failed: no redirect")
    except urllib.error.HTTPError as e:  # the 302 to her home page
        if e.code != 302:
            raise
        _merge_cookies(jar, e.headers)
    if "session" not in jar:
        raise RuntimeError(f"login as {username} failed")
    return cookie_header(jar)


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells[1:]:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def instructions_of(command: list[str], folder: str) -> int:
    """Runs `command` under valgrind's callgrind with counting off at the start (the command
    switches it on around what it counts: `counting`); the instructions counted."""
    log = os.path.join(folder, "valgrind.log")
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--log-file={log}",
            f"--callgrind-out-file={os.path.join(folder, 'callgrind.out')}",
            *command,
        ],
        cwd=ROOT,
        check=True,
    )
    with open(log) as f:
        return int(re.search(r"Collected : (\d+)", f.read()).group(1))


@contextlib.contextmanager
def counting(under_callgrind: bool = True):
    """Callgrind counts only inside this block (of a process `instructions_of` started)."""
    toggle = ["callgrind_control", "-i"]
    if under_callgrind:
        subprocess.run([*toggle, "on", str(os.getpid())], check=True, capture_output=True)
    try:
        yield
    finally:
        if under_callgrind:
            subprocess.run([*toggle, "off", str(os.getpid())], check=True, capture_output=True)
