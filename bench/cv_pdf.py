"""Making her cv PDF (issue 12): time per PDF (median of 20 after one warm-up, wall clock and
CPU time: on a shared machine the wall clock mostly measures the neighbours), the PDF's size
and pages, and the process's peak memory, for Ewa's Polish cv and Amina's Arabic one.

    .venv/bin/python -m bench.cv_pdf [--runs 20]

Figures go to bench/out/cv_pdf.json. In-process, as the view makes it (WeasyPrint on the
demo data), without HTTP: the request around it costs a few milliseconds."""

import argparse
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time

from bench.common import OUT, demo_app, table


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    app = demo_app()
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import User
    from webapp.services.cv.document import build_document
    from webapp.services.cv.pdf import render_pdf

    rows, figures = [], []
    with app.app_context():
        before = peak_rss_mb()
        for username in ("ewa", "amina"):
            user = db.session.scalar(select(User).where(User.username == username))
            pdf = render_pdf(build_document(user))  # warm-up: fonts found and loaded once
            times, cpu = [], []
            for _ in range(runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                pdf = render_pdf(build_document(user))
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            figure = {
                "cv": username,
                "median_ms": statistics.median(times) * 1000,
                "max_ms": max(times) * 1000,
                # CPU time of this process: what the PDF costs when the machine is not shared
                "cpu_median_ms": statistics.median(cpu) * 1000,
                "runs": runs,
                "bytes": len(pdf),
                "pages": pages(pdf),
                "peak_rss_mb": peak_rss_mb(),
                "rss_before_mb": before,
            }
            figures.append(figure)
            rows.append(
                [
                    username,
                    f"{figure['median_ms']:.0f} ms (max {figure['max_ms']:.0f})",
                    f"{figure['cpu_median_ms']:.0f} ms",
                    f"{figure['bytes'] / 1000:.1f} KB, {figure['pages']} page(s)",
                    f"{figure['peak_rss_mb']:.0f} MB (app alone {before:.0f} MB)",
                ]
            )
    print(table(["cv", f"wall, median of {runs}", "CPU, median", "PDF", "peak RSS"], rows))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cv_pdf.json"), "w") as f:
        json.dump(figures, f, indent=1)


if __name__ == "__main__":
    main()
