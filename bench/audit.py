"""The audit: Lighthouse 12 (mobile, simulated throttling, Debian's Chromium, nothing leaves this
machine) on the login, home, plan and agenda pages, and axe-core on every page the demo
accounts can reach, in Dutch and Arabic. Reports are saved under bench/out/.

    make audit                       # installs Lighthouse (bench/package.json), then runs this
    .venv/bin/python -m bench.audit
"""

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

from bench.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OUT,
    PAGES,
    PHONE,
    ROOT,
    Server,
    demo_app,
    login_cookie,
    table,
)

LIGHTHOUSE = os.path.join(ROOT, "bench", "node_modules", ".bin", "lighthouse")
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0}
# Demo accounts whose pages axe visits: (username, language).
AXE_ACCOUNTS = (
    ("sara", "nl"),
    ("amina", "ar"),
    ("trainster", "nl"),
    ("medewerker", "nl"),
    ("beheer", "nl"),
)


def settled(base_url: str, cookie: str) -> str:
    from bench.throughput import settled_cookie

    return settled_cookie(base_url, cookie)


def lighthouse(url: str, label: str, cookie: str | None) -> dict:
    out = os.path.join(OUT, f"lighthouse-{label}")
    command = [
        LIGHTHOUSE,
        url,
        "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
        "--only-categories=" + ",".join(CATEGORIES),
        "--form-factor=mobile",
        "--throttling-method=simulate",
        "--output=json",
        "--output=html",
        "--output-path=" + out,
        "--quiet",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True)
    with open(out + ".report.json") as f:
        report = json.load(f)
    if report.get("finalDisplayedUrl", url).split("?")[0] != url:
        raise RuntimeError(f"{url} ended on {report.get('finalDisplayedUrl')}")
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    audits = report["audits"]
    failing = sorted(
        a["id"]
        for c in CATEGORIES
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] > 0
        and (a := audits[ref["id"]])["score"] is not None
        and a["score"] < 0.9
        and a["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
    )
    metrics = {
        k: audits[k]["numericValue"]
        for k in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
    }
    return {"scores": scores, "failing": failing, "metrics": metrics}


def axe_all(server: Server) -> list[list]:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import login
    from tests.browser.test_accessibility import crawl, violations

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for lang in ("nl", "ar"):  # the public pages, in each language
                context = browser.new_context(base_url=server.url, viewport=PHONE, bypass_csp=True)
                page = context.new_page()
                page.goto("/login")
                page.click(f"button[lang={lang}]")
                found = {}
                for path in ("/login", "/uitnodiging", "/wachtwoord", "/offline"):
                    page.goto(path)
                    found[path] = violations(page)
                rows.append(axe_row("(public)", lang, found))
                context.close()
            for username, lang in AXE_ACCOUNTS:
                context = browser.new_context(base_url=server.url, viewport=PHONE, bypass_csp=True)
                page = context.new_page()
                login(page, username)
                found = crawl(page, server.url, [urlsplit(page.url).path, "/meer"])
                rows.append(axe_row(username, lang, found))
                context.close()
        finally:
            browser.close()
    return rows


def axe_row(who: str, lang: str, found: dict[str, list[str]]) -> list:
    bad = {path: v for path, v in found.items() if v}
    detail = "; ".join(f"{path}: {', '.join(v)}" for path, v in bad.items())
    return [who, lang, len(found), sum(len(v) for v in bad.values()), detail[:200]]


def main() -> None:
    if not os.path.exists(LIGHTHOUSE):
        sys.exit("Lighthouse is not installed: run `make audit` (npm ci in bench/)")
    os.makedirs(OUT, exist_ok=True)
    app = demo_app()
    rows, results = [], {}
    with Server(app) as server:
        for label, path, user in PAGES:
            url = server.url + path
            cookie = settled(server.url, login_cookie(server.url, user)) if user else None
            from bench.throughput import status_of

            status = status_of(url, cookie or "")
            if status != 200:
                print(f"skipped {label}: {path} answers {status} (not built yet?)", file=sys.stderr)
                rows.append([label, path, "skipped", "", "", "", ""])
                continue
            result = lighthouse(url, label, cookie)
            results[label] = result
            s, m = result["scores"], result["metrics"]
            rows.append(
                [
                    label,
                    path,
                    f"{s['performance']:.2f}",
                    f"{s['accessibility']:.2f}",
                    f"{s['best-practices']:.2f}",
                    f"{m['first-contentful-paint'] / 1000:.1f} / "
                    f"{m['largest-contentful-paint'] / 1000:.1f} s, "
                    f"TBT {m['total-blocking-time']:.0f} ms",
                    ", ".join(result["failing"]) or "-",
                ]
            )
        axe_rows = axe_all(server)
    print("Lighthouse 12 (mobile, simulated throttling, Debian Chromium); reports in bench/out/")
    print(
        table(
            ["page", "path", "perf", "a11y", "best pr.", "FCP / LCP, TBT", "audits < 0.9"],
            rows,
        )
    )
    print("targets: " + ", ".join(f"{k} ≥ {v}" for k, v in TARGETS.items()))
    print("axe-core (WCAG 2.1 A/AA) on every page each account reaches")
    print(table(["account", "lang", "pages", "violations", "where"], axe_rows))
    with open(os.path.join(OUT, "audit.json"), "w") as f:
        json.dump({"lighthouse": results, "axe": axe_rows}, f, indent=1)


if __name__ == "__main__":
    main()
