"""What her phone keeps for offline reading after login: how many of her pages, of which kinds,
how many bytes of the 2 MB budget (sw.js `PAGES_BUDGET`), and what fetching them cost on the
network. Each demo participant logs in on a fresh phone (Debian Chromium), through the real
login form, and the service worker fills its cache as it does for her.

    .venv/bin/python -m bench.offline_pages

Writes bench/out/offline_pages.json. 1 KB = 1000 bytes (the cache keeps pages uncompressed).
"""

import json
import os
import re
import time

from playwright.sync_api import sync_playwright

from bench.common import CHROMIUM, CHROMIUM_ARGS, DEMO_PASSWORD, OUT, Server, demo_app, table
from tests.browser.chromium import phone_context

BUDGET = 2 * 1000 * 1000
PEOPLE = ("sara", "amina", "ewa", "elif")
KINDS = (
    ("meeting", re.compile(r"^/agenda/\d+$")),
    ("application", re.compile(r"^/opvang/aanvragen/\d+$")),
    ("message", re.compile(r"^/inbox/\d+$")),
)

KEPT = """async () => {
    const cache = await caches.open('es-pages');
    const pages = [];
    for (const request of await cache.keys()) {
        const response = await cache.match(request);
        pages.push([new URL(request.url).pathname, Number(response.headers.get('X-Size')) || 0]);
    }
    return pages;
}"""


def kind_of(path: str) -> str:
    return next((kind for kind, pattern in KINDS if pattern.match(path)), "main page")


def kept_after_login(browser, base_url: str, username: str) -> dict:
    context = phone_context(browser, base_url)
    page = context.new_page()
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    started = time.monotonic()
    # Until the list the server gave is all kept and nothing new came for two seconds.
    last, still_since = None, time.monotonic()
    while time.monotonic() - started < 120:
        pages = dict(page.evaluate(KEPT))
        listed = page.evaluate(
            "async () => { const r = await caches.open('es-pages')"
            ".then(c => c.match(new URL('/offline/paginas', location.href).href));"
            " return r ? (await r.json()).map(u => new URL(u).pathname) : null }"
        )
        if pages != last:
            last, still_since = pages, time.monotonic()
        elif listed and set(listed) <= set(pages) and time.monotonic() - still_since > 2:
            break
        page.wait_for_timeout(250)
    seconds = time.monotonic() - started
    context.close()
    pages.pop("/offline/paginas", None)
    by_kind: dict[str, list[int]] = {}
    for path, size in pages.items():
        by_kind.setdefault(kind_of(path), []).append(size)
    return {
        "user": username,
        "pages": len(pages),
        "bytes": sum(pages.values()),
        "seconds": round(seconds, 1),
        "by_kind": {kind: [len(sizes), sum(sizes)] for kind, sizes in by_kind.items()},
    }


def main() -> None:
    app = demo_app()
    results = []
    with Server(app) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for username in PEOPLE:
            server.counter.take()
            result = kept_after_login(browser, server.url, username)
            result["network_bytes"] = sum(size for _path, size in server.counter.take())
            results.append(result)
        browser.close()
    rows = []
    for r in results:
        kinds = ", ".join(
            f"{count} {kind}{'s' if count != 1 else ''} {size / 1000:.0f} KB"
            for kind, (count, size) in sorted(r["by_kind"].items())
        )
        rows.append(
            [
                r["user"],
                str(r["pages"]),
                f"{r['bytes'] / 1000:.0f} KB ({100 * r['bytes'] / BUDGET:.0f} %)",
                f"{r['network_bytes'] / 1000:.0f} KB",
                f"{r['seconds']:.0f} s",
                kinds,
            ]
        )
    print(f"Her pages kept on the phone after login (budget {BUDGET / 1000:.0f} KB)")
    print(
        table(
            ["who", "pages", "kept", "sent by the server", "until kept", "of which"],
            rows,
        )
    )
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "offline_pages.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
