"""Elke Stap: the app factory."""

import logging
import os

from flask import Flask, g, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from sqlalchemy import bindparam, select

from webapp.config import load_config
from webapp.extensions import babel, compress, csrf, db, htmx, limiter, login_manager

BLUEPRINTS = (
    "webapp.auth:bp",
    "webapp.home:bp",
    "webapp.staff:bp",
    "webapp.admin:bp",
    "webapp.pwa:bp",
    "webapp.reminders:bp",
    "webapp.agenda:bp",
    "webapp.agenda:staff_bp",
    "webapp.offline:bp",
    "webapp.plan:bp",
    "webapp.childcare:bp",
    "webapp.cv:bp",
)

# No inline script or style anywhere: htmx is configured from a meta tag, and its indicator
# styles live in app.css.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'"
)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(load_config(app.instance_path, config))
    app.session_interface = SessionInterface()
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = os.path.join(app.root_path, "..", "translations")

    from webapp import i18n, security  # noqa: F401  (registers the unauthorized handler)
    from webapp.models import User

    db.init_app(app)
    login_manager.init_app(app)
    # "basic": phones change network address often, and must not be logged out for it.
    login_manager.session_protection = "basic"
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    _one_date_header(app)  # registered before Flask-Compress, so it runs after it
    compress.init_app(app)

    # Built once (see DEVELOPERS.md, "Hot queries"): every logged-in request loads her.
    user_by_id = select(User).where(User.id == bindparam("user_id"))

    @login_manager.user_loader
    def load_user(user_id: str):
        return db.session.scalar(user_by_id, {"user_id": int(user_id)})

    from importlib import import_module

    for target in BLUEPRINTS:
        module, name = target.split(":")
        app.register_blueprint(getattr(import_module(module), name))

    from webapp import assets, cli, errors, templating

    assets.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    security.check_every_route_declares_roles(app)
    _install_request_hooks(app)
    _etag_for_pages(app)
    security.install_stable_csrf_token(app)
    _quiet_logs(app)
    return app


def _install_request_hooks(app: Flask) -> None:
    from flask_babel import get_locale

    from webapp.i18n import text_direction

    @app.context_processor
    def page_globals():
        lang = str(get_locale() or "nl")
        return {"lang": lang, "dir": text_direction(lang)}

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if request.path.startswith("/assets/"):
            # The same immutable files for everyone: no user lookup, no cookie, cacheable.
            response.headers.pop("Set-Cookie", None)
            return response
        # The same URL answers a full page or an htmx fragment: caches must keep them apart.
        response.vary.add("HX-Request")
        if current_user.is_authenticated and not getattr(g, "cacheable_publicly", False):
            # Private pages may be kept by her own service worker, never by a shared cache.
            response.headers.setdefault("Cache-Control", "private, no-cache")
        return response


def _etag_for_pages(app: Flask) -> None:
    """A page she opens again unchanged costs her only the headers: her phone (or its service
    worker) asks with the ETag and gets 304. The tag is a hash of the page as rendered for her,
    so any change (a new message, a moved meeting, the date) makes a new one."""

    @app.after_request
    def tag_page(response):
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.mimetype == "text/html"
            and not response.is_streamed
        ):
            response.add_etag()
            # Answered here for a phone that takes the page uncompressed; Flask-Compress
            # answers for the compressed copies, whose tags carry the encoding.
            response.make_conditional(request)
        return response


def _one_date_header(app: Flask) -> None:
    """Answering a conditional request (werkzeug's make_conditional, in our ETag hook and in
    Flask-Compress) adds a Date header, and the server (gunicorn, werkzeug) adds its own: one
    is enough."""

    @app.after_request
    def drop_date_header(response):
        response.headers.pop("Date", None)
        return response


class SessionInterface(SecureCookieSessionInterface):
    """The signed-cookie session, except on the shared static files: they must not vary by
    cookie, or a phone would fetch every file again after each login."""

    def save_session(self, app, session, response) -> None:
        if request.path.startswith("/assets/"):
            return
        super().save_session(app, session, response)


def _quiet_logs(app: Flask) -> None:
    # Request lines carry codes and ids from URLs (invitation codes): keep them out of logs.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
