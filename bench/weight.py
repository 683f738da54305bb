"""Page weight: bytes on the wire for a cold first load and for a repeat visit with the service
worker in control, measured in Debian's Chromium through the DevTools protocol.

    .venv/bin/python -m bench.weight            # prints a table, writes bench/out/weight.json

For every page: a fresh browser profile (nothing cached), logged in through the real form
where the page needs it (the session cookie is put into the profile, so the browser's cache
stays empty), then:

- cold: open the page and wait until the service worker controls it and the network is quiet.
  Counted: every response the page received from the network (`Network.loadingFinished`
  `encodedDataLength`: compressed body plus headers, as on the wire) and every fetch the
  service worker made itself (its precache and the offline pages it keeps after login).
- repeat: open the same page again. Responses the service worker answered from its cache
  (`response.fromServiceWorker`) and from the browser's cache cost nothing; what the service
  worker or the page still fetched from the network is counted.
- again: open it a third time, nothing changed: the page comes back as a 304 (its ETag), so
  only headers are counted.

A page that does not exist yet (its feature has not landed) is skipped with a line saying so.
The server also counts the body bytes it sent, as a check on what the browser reports.

Besides the demo's pages (`PAGES`), her four main pages as the participant after a month and
after a year of use (bench/grow.py, `HISTORY_PAGES`): history alone must not make a page, or
what her phone keeps after login, heavier.
"""

import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field

from bench.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OUT,
    PAGES,
    Server,
    demo_app,
    login_cookie,
    phone_context,
    table,
)
from bench.network import Recorder

# Her main pages after a month and after a year (bench/grow.py's participants with a history).
HISTORY_PAGES = tuple(
    (f"{label} ({who})", path, who)
    for who in ("maand", "jaar")
    for label, path in (
        ("home", "/"),
        ("plan", "/plan/"),
        ("agenda", "/agenda"),
        ("inbox", "/inbox"),
    )
)

# Budgets (bytes, 1 KB = 1000 bytes), checked by tests/test_weight_budget.py.
BUDGET_COLD_TOTAL = 50_000
BUDGET_FIRST_PAINT = 14_000
BUDGET_REPEAT = 5_000


@dataclass
class Load:
    """One page load: what came over the network and what did not."""

    entries: list[dict] = field(default_factory=list)
    server_bytes: int = 0

    def network(self) -> list[dict]:
        """What this load cost on the network, without the offline warm-up."""
        return [
            e
            for e in self.entries
            if not e.get("from_sw") and not e.get("from_cache") and e["kind"] != "warm"
        ]

    def warm_up(self) -> int:
        """Her other pages the service worker fetches after login, to have them offline."""
        return sum(
            e.get("bytes", 0) for e in self.entries if e["kind"] == "warm" and not e["from_cache"]
        )

    def total(self) -> int:
        return sum(e.get("bytes", 0) for e in self.network())

    def by_kind(self, kind: str) -> int:
        return sum(e.get("bytes", 0) for e in self.network() if e["kind"] == kind)

    def first_paint(self) -> int:
        """The HTML document and the stylesheets: what the first paint waits for."""
        return sum(
            e.get("bytes", 0)
            for e in self.network()
            if e["kind"] in ("html", "css") and e["origin"] == "page"
        )

    def served_by_sw(self) -> int:
        return sum(1 for e in self.entries if e.get("from_sw"))


@dataclass
class PageWeight:
    label: str
    path: str
    cold: Load
    repeat: Load
    again: Load | None = None  # a third visit, the page unchanged since the repeat
    skipped: str = ""

    def row(self) -> list:
        c, r = self.cold, self.repeat
        return [
            self.label,
            self.path,
            kb(c.by_kind("html")),
            kb(c.by_kind("css")),
            kb(c.by_kind("js")),
            kb(c.by_kind("img")),
            kb(c.by_kind("other") + c.by_kind("font") + c.by_kind("sw")),
            kb(c.total()),
            kb(c.warm_up()),
            kb(c.first_paint()),
            kb(r.total()),
            kb(self.again.total()) if self.again else "",
            r.served_by_sw(),
            kb(c.server_bytes) + " / " + kb(r.server_bytes),
        ]


HEADERS = [
    "page",
    "path",
    "html",
    "css",
    "js",
    "icons",
    "sw+other",
    "cold total",
    "+ offline warm-up",
    "html+css",
    "repeat (net)",
    "again, unchanged",
    "from SW",
    "server body cold/repeat",
]


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def wait_quiet(server: Server, seconds: float = 1.0, limit: float = 15.0) -> list:
    """Wait until the server has had no request for `seconds`; returns what it sent."""
    last_count, quiet_since, start = -1, time.monotonic(), time.monotonic()
    log: list = []
    server.heads = []
    while time.monotonic() - start < limit:
        time.sleep(0.2)
        log += server.counter.take()
        server.heads += server.counter.take_headers()
        if len(log) != last_count:
            last_count, quiet_since = len(log), time.monotonic()
        elif time.monotonic() - quiet_since >= seconds:
            break
    return log


def wait_for_controller(page, limit: float = 15.0) -> None:
    # Polled from here: wait_for_function would evaluate a string, which the CSP forbids.
    start = time.monotonic()
    while not page.evaluate("() => navigator.serviceWorker.controller !== null"):
        if time.monotonic() - start > limit:
            raise TimeoutError("the service worker never took control of the page")
        page.wait_for_timeout(100)


def later_shell(app) -> frozenset:
    """The asset paths the service worker keeps with her pages after login, not at install."""
    from webapp.assets import asset_url
    from webapp.pwa.views import LATER_SHELL_ASSETS

    with app.app_context():
        return frozenset(asset_url(name) for name in LATER_SHELL_ASSETS)


def measure(browser, server: Server, path: str, cookie: str | None) -> PageWeight:
    context = phone_context(browser, server.url)
    try:
        if cookie:
            context.add_cookies(
                [
                    {"name": k, "value": v, "url": server.url}
                    for k, v in (part.split("=", 1) for part in cookie.split("; "))
                ]
            )
        page = context.new_page()
        recorder = Recorder(context, page, later_shell(server.app))
        server.counter.take()
        server.counter.take_headers()
        page.goto(path, wait_until="load")
        wait_for_controller(page)
        log = wait_quiet(server)
        page.wait_for_timeout(300)
        cold = Load(recorder.take(log, path, server.heads), sum(n for _, n in log))

        page.goto(path, wait_until="load")
        log = wait_quiet(server)
        page.wait_for_timeout(300)
        repeat = Load(recorder.take(log, path, server.heads), sum(n for _, n in log))

        # Nothing changed since the repeat visit: the page should come back as a 304.
        page.goto(path, wait_until="load")
        log = wait_quiet(server)
        page.wait_for_timeout(300)
        again = Load(recorder.take(log, path, server.heads), sum(n for _, n in log))
        return PageWeight("", path, cold, repeat, again)
    finally:
        context.close()


def page_exists(app, path: str) -> bool:
    from werkzeug.exceptions import MethodNotAllowed, NotFound

    try:
        app.url_map.bind("127.0.0.1").match(path, method="GET")
    except (NotFound, MethodNotAllowed):
        return False
    return True


def run(pages=PAGES, verbose: bool = True, browser=None) -> list[PageWeight]:
    """Measure `pages` in `browser`, or in a Chromium started here (the tests pass theirs:
    one Playwright per process)."""
    if browser is not None:
        return _measure_all(browser, pages, verbose)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _measure_all(browser, pages, verbose)
        finally:
            browser.close()


def _measure_all(browser, pages, verbose: bool) -> list[PageWeight]:
    from bench.grow import HISTORIES, grow_history
    from webapp.extensions import db

    app = demo_app()
    with app.app_context():
        for who in {user for _label, _path, user in pages if user in HISTORIES}:
            grow_history(who)
        db.session.remove()
    results = []
    with Server(app) as server:
        for label, path, user in pages:
            if not page_exists(app, path):
                if verbose:
                    print(f"skipped {label}: {path} does not exist yet", file=sys.stderr)
                results.append(PageWeight(label, path, Load(), Load(), skipped="not built"))
                continue
            cookie = login_cookie(server.url, user) if user else None
            result = measure(browser, server, path, cookie)
            result.label = label
            results.append(result)
    return results


def detail(results: list[PageWeight]) -> str:
    lines = []
    for r in results:
        if r.skipped:
            continue
        for name, load in (("cold", r.cold), ("repeat", r.repeat)):
            lines.append(f"{r.label} {name}:")
            for e in sorted(load.entries, key=lambda e: (e["origin"], e["url"])):
                where = (
                    "SW cache" if e.get("from_sw") else "cache" if e.get("from_cache") else "net"
                )
                url = e["url"].split("/", 3)[-1]
                lines.append(
                    f"  {e['origin'][:7]:7} {where:8} {e['kind']:5} {e.get('status', '')!s:4} "
                    f"{e.get('encoding') or '-':5} {e.get('bytes', 0):7} /{url}"
                )
    return "\n".join(lines)


def main() -> None:
    results = run(PAGES + HISTORY_PAGES)
    rows = [r.row() for r in results if not r.skipped]
    rows += [[r.label, r.path, "skipped: " + r.skipped] + [""] * 10 for r in results if r.skipped]
    print("Page weight (compressed, on the wire; cold = fresh phone, repeat = service worker)")
    print(table(HEADERS, rows))
    print(
        f"budgets: home cold ≤ {kb(BUDGET_COLD_TOTAL)}, html+css ≤ {kb(BUDGET_FIRST_PAINT)}, "
        f"repeat ≤ {kb(BUDGET_REPEAT)}"
    )
    if "-v" in sys.argv:
        print(detail(results))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "weight.json"), "w") as f:
        json.dump([asdict(r) for r in results], f, indent=1)


if __name__ == "__main__":
    main()
