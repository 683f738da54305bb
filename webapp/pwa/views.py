"""What makes Elke Stap installable and usable offline: the manifest, the service worker and
the offline page."""

import json

from flask import Response, g, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.app_names import NEUTRAL
from webapp.assets import asset_url, asset_version, minified_js
from webapp.login_sessions import current_session
from webapp.models import Role
from webapp.pwa import bp
from webapp.pwa.offline_pages import main_pages, pages_one_tap_away
from webapp.security import public, roles

THEME_COLOUR = "#0b6e4f"
NEUTRAL_COLOUR = "#455a64"

# The pages that show nothing of anyone: the only ones shown while she is logged out on this
# phone and the server does not know it yet (guard.js).
OPEN_WHILE_GUARDED = ("auth.login", "pwa.offline", "safety.lock", "safety.away")

# The app shell: what every page needs, kept on the phone from the first visit. (lock.js
# joins it on a phone with a PIN: guard.js.)
SHELL_ASSETS = (
    "app.css",
    "guard.js",
    "app.js",
    "push.js",
    "outbox.js",
    "readaloud.js",
    "vendor/htmx.min.js",
    "icons/icon-192.png",
)
# What only some of her pages need offline is kept with her pages after login, not at install:
# a phone's first load then stays light (bench/weight.py). pending.js comes only while
# something of hers waits (outbox.js loads it), but then it must be there offline too.
# The quick exit's neutral page (and its clock) is needed only once she is logged in.
LATER_SHELL_ASSETS = ("pending.js", "cv.js", "clock.js")


@bp.get("/manifest.webmanifest")
@public
def manifest():
    """The app for her home screen; `?naam=agenda` is the neutral one she may choose for a
    shared phone (app_names.py): another name and icon, nothing that says Elke Stap."""
    g.cacheable_publicly = True
    neutral = request.args.get("naam") == NEUTRAL
    icons = "icons/neutral/" if neutral else "icons/"
    data = {
        "name": _("Agenda") if neutral else "Elke Stap",
        "short_name": _("Agenda") if neutral else "Elke Stap",
        "description": ""
        if neutral
        else _("Jouw stappen naar werk of een opleiding, op je telefoon."),
        "start_url": "/?bron=app",
        "scope": "/",
        "id": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": NEUTRAL_COLOUR if neutral else THEME_COLOUR,
        "icons": [
            {"src": asset_url(icons + "icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": asset_url(icons + "icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": asset_url(icons + "maskable-512.png"),
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
    body = minified_js(
        render_template(
            "pwa/sw.js",
            version=asset_version(),
            shell=[asset_url(name) for name in SHELL_ASSETS]
            + [url_for("pwa.offline"), url_for("safety.lock")],
            later_shell=[asset_url(name) for name in LATER_SHELL_ASSETS] + [url_for("safety.away")],
            offline_url=url_for("pwa.offline"),
            open_pages=[url_for(endpoint) for endpoint in OPEN_WHILE_GUARDED],
            lock_script=asset_url("lock.js"),
        )
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
    # Kept in the app shell, which a logout does not wipe: nothing of hers on it.
    return render_template("pwa/offline.html", neutral=True)


@bp.get("/offline/paginas")
@roles(Role.PARTICIPANT)
def her_pages():
    """What her service worker keeps on her phone (sw.js `refreshHerPages`): her main pages,
    then the pages one tap away. None on a phone she said is shared: it keeps only the pages
    she opens."""
    session = current_session()
    pages = (
        []
        if session is None or session.shared
        else [
            *main_pages(),
            *pages_one_tap_away(current_user),
        ]
    )
    response = jsonify(pages=pages)
    response.headers["Cache-Control"] = "no-store"
    return response
