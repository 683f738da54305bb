"""What makes Elke Stap installable and usable offline: the manifest, the service worker and
the offline page."""

import json

from flask import Response, g, render_template, url_for
from flask_babel import gettext as _

from webapp.assets import asset_url, asset_version
from webapp.pwa import bp
from webapp.security import public

THEME_COLOUR = "#0b6e4f"

# The app shell: what every page needs, kept on the phone from the first visit.
SHELL_ASSETS = (
    "app.css",
    "app.js",
    "push.js",
    "outbox.js",
    "vendor/htmx.min.js",
    "icons/icon-192.png",
)


@bp.get("/manifest.webmanifest")
@public
def manifest():
    g.cacheable_publicly = True
    data = {
        "name": "Elke Stap",
        "short_name": "Elke Stap",
        "description": _("Jouw stappen naar werk of een opleiding, op je telefoon."),
        "start_url": "/?bron=app",
        "scope": "/",
        "id": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": asset_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": asset_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": asset_url("icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return Response(
        json.dumps(data, ensure_ascii=False),
        mimetype="application/manifest+json",
        headers={"Cache-Control": "no-cache"},
    )


@bp.get("/sw.js")
@public
def service_worker():
    g.cacheable_publicly = True
    body = render_template(
        "pwa/sw.js",
        version=asset_version(),
        shell=[asset_url(name) for name in SHELL_ASSETS] + [url_for("pwa.offline")],
        offline_url=url_for("pwa.offline"),
    )
    return Response(
        body,
        mimetype="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@bp.get("/offline")
@public
def offline():
    g.cacheable_publicly = True
    return render_template("pwa/offline.html")
