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


def phone_context(browser, base_url: str, **overrides):
    """A fresh browser profile set up as her phone: 390×844 at 2×, touch, service workers on,
    asking for Dutch as a phone in the Netherlands would. Used by the browser tests and the
    benchmarks alike."""
    settings = {
        "base_url": base_url,
        "viewport": PHONE,
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "service_workers": "allow",
        "locale": "nl-NL",
        **overrides,
    }
    return browser.new_context(**settings)
