"""How Debian's Chromium is started here, for the browser tests and the benchmarks alike."""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No first-run, sync, component updates or background requests: nothing leaves the machine.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
