"""`make bench`: every benchmark in bench/, each printing its own figures, then one table of
the figures that have targets.

    .venv/bin/python -m bench
"""

import json
import os
import subprocess
import sys

from bench.common import OUT, ROOT, table
from bench.instructions import (
    RATIO_KEYS,
    TARGET_FLOOR,
    TARGET_HOME,
    TARGET_YEAR_OVER_MONTH,
    year_over_month,
)
from bench.weight import BUDGET_COLD_TOTAL, BUDGET_FIRST_PAINT, BUDGET_REPEAT

SCRIPTS = (
    "bench.weight",
    "bench.throughput",
    "bench.instructions",
    "bench.push_fanout",
    "bench.cv_pdf",
    "bench.offline_pages",
)


def load(name: str):
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def summary() -> list[list]:
    rows = []
    for page in load("weight.json") or []:
        if page["skipped"]:
            rows.append([f"weight {page['label']}", "not built yet", "", ""])
            continue
        cold = page["cold"]["entries"]
        net = [
            e
            for e in cold
            if not e.get("from_sw") and not e.get("from_cache") and e["kind"] != "warm"
        ]
        total = sum(e.get("bytes", 0) for e in net)
        paint = sum(
            e.get("bytes", 0) for e in net if e["kind"] in ("html", "css") and e["origin"] == "page"
        )
        rep = page["repeat"]["entries"]
        repeat = sum(
            e.get("bytes", 0) for e in rep if not e.get("from_sw") and not e.get("from_cache")
        )
        again = page.get("again") or {"entries": []}
        unchanged = sum(
            e.get("bytes", 0)
            for e in again["entries"]
            if not e.get("from_sw") and not e.get("from_cache")
        )
        rows.append(
            [f"weight {page['label']}: again, unchanged", f"{unchanged / 1000:.1f} KB", "", ""]
        )
        for name, value, budget in (
            ("cold total", total, BUDGET_COLD_TOTAL),
            ("html+css first paint", paint, BUDGET_FIRST_PAINT),
            ("repeat with SW", repeat, BUDGET_REPEAT),
        ):
            rows.append(
                [
                    f"weight {page['label']}: {name}",
                    f"{value / 1000:.1f} KB",
                    f"≤ {budget / 1000:.0f} KB",
                    "yes" if value <= budget else "NO",
                ]
            )
    throughput = load("throughput.json") or []
    for r in throughput:
        if r["page"] == "bare hello":
            rows.append([f"{r['db']} bare hello", f"{r['rps']:.0f} req/s", "", ""])
            app_rss = next(x["rss_mb"] for x in throughput if x["db"] == r["db"])
            rows.append([f"{r['db']} app worker peak RSS", f"{app_rss:.0f} MB", "", ""])
            continue
        ok = r["ratio"] >= 0.4 and r["p99_ms"] <= 50
        rows.append(
            [
                f"{r['db']} {r['page']}: app/bare, p99",
                f"{r['ratio']:.2f}, {r['p99_ms']:.0f} ms ({r['rps']:.0f} req/s)",
                "≥ 0.4, ≤ 50 ms" if r["page"] == "home" else "",
                ("yes" if ok else "NO") if r["page"] == "home" else "",
            ]
        )
    instructions = load("instructions.json") or []
    for r in instructions:
        target = {"floor": TARGET_FLOOR, "home": TARGET_HOME}.get(r["page"])
        target = target if r["user"] in ("sara", "") else None
        rows.append(
            [
                f"instructions {r['page']}" + (f" ({r['user']})" if r["user"] else ""),
                f"{r['instructions'] / 1e6:.2f} M per request (bare/page {r['bare_ratio']:.2f})",
                f"≤ {target / 1e6:.1f} M" if target else "",
                ("yes" if r["instructions"] <= target else "NO") if target else "",
            ]
        )
    for r in year_over_month(instructions):
        worst = max(r[k] for k in RATIO_KEYS)
        rows.append(
            [
                f"{r['page']}: a year / a month (instructions, raw, compressed, server time)",
                ", ".join(f"{r[k]:.2f}×" for k in RATIO_KEYS),
                f"≤ {TARGET_YEAR_OVER_MONTH}×",
                "yes" if worst <= TARGET_YEAR_OVER_MONTH else "NO",
            ]
        )
    for r in load("cv_pdf.json") or []:
        rows.append(
            [
                f"cv PDF {r['cv']}: median of {r['runs']} (wall, CPU), peak RSS",
                f"{r['median_ms']:.0f} ms, {r['cpu_median_ms']:.0f} ms, {r['peak_rss_mb']:.0f} MB",
                "",
                "",
            ]
        )
        rows.append(
            [
                f"cv PDF {r['cv']}: size",
                f"{r['bytes'] / 1000:.1f} KB, {r['pages']} page(s)",
                "< 150 KB, ≤ 2 pages",
                "yes" if r["bytes"] < 150_000 and r["pages"] <= 2 else "NO",
            ]
        )
    return rows


def main() -> None:
    failed = []
    for script in SCRIPTS:
        if not os.path.exists(os.path.join(ROOT, *script.split(".")) + ".py"):
            print(f"{script}: not there yet, skipped")
            continue
        print(f"== {script}", flush=True)
        if subprocess.run([sys.executable, "-m", script, *sys.argv[1:]], cwd=ROOT).returncode:
            failed.append(script)
    print("\n== summary")
    print(table(["figure", "measured", "target", "met"], summary()))
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
