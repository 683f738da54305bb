"""Elke Stap: the app factory."""

import logging
import os
from functools import lru_cache

from flask import Flask, g, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from itsdangerous import Signer, TimestampSigner
from itsdangerous.encoding import want_bytes

from webapp.config import load_config
from webapp.extensions import babel, compress, csrf, db, htmx, limiter, login_manager
from webapp.request_input import BoundedIntegerConverter, CleanRequest
from webapp.templating import PageEnvironment

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
    "webapp.materials:bp",
    "webapp.safety:bp",
    "webapp.sharing:bp",
    "webapp.her_data:bp",
)

# No inline script or style anywhere: htmx is configured from a meta tag, and its indicator
# styles live in app.css.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'"
)


def create_app(config: dict | None = None) -> Flask:
    # The instance folder (SQLite file, push keys, uploads) may live outside the code.
    # No static route of Flask's own: static files are served only under their hashed names
    # (webapp/assets.py), never unhashed from /static/.
    app = ElkeStap(
        __name__,
        instance_path=os.environ.get("ELKESTAP_INSTANCE") or None,
        instance_relative_config=True,
        static_folder=None,
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(load_config(app.instance_path, config))
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.session_interface = SessionInterface()
    app.request_class = CleanRequest
    app.url_map.converters["int"] = BoundedIntegerConverter
    # The catalogs (`flask translate` keeps the same ones; tests point it at a copy).
    app.config.setdefault(
        "BABEL_TRANSLATION_DIRECTORIES",
        os.path.normpath(os.path.join(app.root_path, "..", "translations")),
    )

    from webapp import i18n, login_sessions, security  # noqa: F401  (the unauthorized handler)

    db.init_app(app)
    login_manager.init_app(app)
    # "basic": phones change network address often, and must not be logged out for it.
    login_manager.session_protection = "basic"
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    security.install_checks_of_changes(app)  # the upload limit, then the CSRF check
    htmx.init_app(app)
    limiter.init_app(app)
    _one_date_header(app)  # registered before Flask-Compress, so it runs after it
    compress.init_app(app)

    # Every logged-in request loads her through her session (one query by primary key).
    login_sessions.init_app(app)

    from importlib import import_module

    for target in BLUEPRINTS:
        module, name = target.split(":")
        app.register_blueprint(getattr(import_module(module), name))

    from webapp import assets, cli, errors, signals, templating
    from webapp.pwa import offline_pages

    assets.init_app(app)
    templating.init_app(app)
    offline_pages.init_app(app)
    signals.connect_receivers()
    errors.init_app(app)
    cli.init_app(app)
    security.check_every_route_declares_roles(app)
    _install_request_hooks(app)
    _etag_for_pages(app)
    _quiet_logs(app)
    return app


def _install_request_hooks(app: Flask) -> None:
    from flask_babel import get_locale

    from webapp.i18n import text_direction

    @app.context_processor
    def page_globals():
        lang = str(get_locale() or "nl")
        return {"lang": lang, "dir": text_direction(lang)}

    # Every answer carries these, unless a view set its own (a view's Cache-Control, say).
    every_answer = [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
    # The hashed files under /assets/ are scripts, styles and images, never a page: browsers
    # apply a page's policies to documents and workers only. They get the strictest short
    # policy instead (an SVG opened on its own runs nothing) and no Permissions-Policy: about
    # 340 bytes less on each, 2.7 KB of her first visit over a weak connection.
    every_asset = [
        ("Content-Security-Policy", "default-src 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
    ]
    # Only ever over HTTPS, also when she types the address without it.
    https_only = app.config["ENV_NAME"] == "production"

    @app.after_request
    def security_headers(response):
        headers = response.headers
        # The names present, read once: werkzeug's `setdefault` raises and catches an
        # exception inside for each header that is missing, which is every one of these.
        present = {name.lower() for name, _value in headers.items()}
        asset = request.path.startswith("/assets/")
        for name, value in every_asset if asset else every_answer:
            if name.lower() not in present:
                headers.add(name, value)
        if asset:
            # The same immutable files for everyone: no user lookup, no cookie, cacheable.
            headers.pop("Set-Cookie", None)
            return response
        # The same URL answers a full page or an htmx fragment: caches must keep them apart.
        vary_on(headers, "HX-Request", headers.get("Vary") if "vary" in present else None)
        if https_only and "strict-transport-security" not in present:
            headers.add("Strict-Transport-Security", "max-age=31536000")
        if (
            "cache-control" not in present
            and current_user.is_authenticated
            and not getattr(g, "cacheable_publicly", False)
        ):
            # Private pages are kept by her own service worker (the Cache API, wiped at logout),
            # never by the browser's disk cache or a shared one: no-store.
            headers.add("Cache-Control", "private, no-store")
        return response


def vary_on(headers, name: str, vary: str | None) -> None:
    """`name` added to the answer's Vary header (`vary`, as it is now: None when there is
    none), as text. werkzeug's `response.vary` parses the header into a set and writes it
    back, and looking up a missing header raises and catches an exception inside: together 1
    to 3 % of a page that does little else."""
    if vary is None:
        headers.add("Vary", name)
    elif name.lower() not in {part.strip().lower() for part in vary.split(",")}:
        headers["Vary"] = f"{vary}, {name}" if vary.strip() else name


def _etag_for_pages(app: Flask) -> None:
    from webapp import security

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
            response.set_etag(security.page_tag(response.get_data()))
            # Answered here for a phone that takes the page uncompressed; Flask-Compress
            # answers for the compressed copies, whose tags carry the encoding. Only a request
            # that asks conditionally can be answered so (most pages are first visits).
            if any(key in request.environ for key in _CONDITIONAL):
                response.make_conditional(request)
        return response


# The request headers werkzeug's make_conditional answers (a Range only with accept_ranges).
_CONDITIONAL = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def _one_date_header(app: Flask) -> None:
    """Answering a conditional request (werkzeug's make_conditional, in our ETag hook and in
    Flask-Compress) adds a Date header, and the server (gunicorn, werkzeug) adds its own: one
    is enough."""

    @app.after_request
    def drop_date_header(response):
        response.headers.pop("Date", None)
        return response


class ElkeStap(Flask):
    """Flask, asking once per function whether it is a coroutine: it asks for every hook of
    every request (a dozen per page), and the answer never changes. (`ensure_sync` is the
    method Flask says to override for how functions are run.) Its templates' globals are
    plain dicts (`templating.PageEnvironment`)."""

    jinja_environment = PageEnvironment

    def ensure_sync(self, func):
        known = self.__dict__.setdefault("_sync_functions", {})
        try:
            return known[func]
        except KeyError:
            known[func] = super().ensure_sync(func)
        except TypeError:  # not hashable: ask each time
            return super().ensure_sync(func)
        return known[func]


class _OnceDerivedSigner(TimestampSigner):
    """The session cookie's signer with its key derived once per secret, not twice per
    request (itsdangerous's documented `derive_key`; the derivation itself is unchanged)."""

    def derive_key(self, secret_key=None) -> bytes:
        key = self.secret_keys[-1] if secret_key is None else want_bytes(secret_key)
        return _derived(key, self.salt, self.key_derivation, self.digest_method)


@lru_cache(maxsize=16)
def _derived(key: bytes, salt: bytes, derivation: str, digest_method) -> bytes:
    return Signer(key, salt, key_derivation=derivation, digest_method=digest_method).derive_key()


class SessionInterface(SecureCookieSessionInterface):
    """The signed-cookie session, except on the shared static files: they must not vary by
    cookie, or a phone would fetch every file again after each login. Its serializer is made
    once per set of keys, not per request."""

    def get_signing_serializer(self, app):
        fallbacks = app.config.get("SECRET_KEY_FALLBACKS") or ()
        keys = (app.secret_key, *fallbacks) if app.secret_key else None
        cached = self.__dict__.get("_serializer")
        if cached is None or cached[0] != keys:
            serializer = super().get_signing_serializer(app)
            if serializer is not None:
                serializer.signer = _OnceDerivedSigner
            self._serializer = cached = (keys, serializer)
        return cached[1]

    def save_session(self, app, session, response) -> None:
        if request.path.startswith("/assets/"):
            return
        if session.accessed:
            # What Flask would add through the parsed `response.vary`: said here, and Flask
            # not asked to say it again.
            vary_on(response.headers, "Cookie", response.headers.get("Vary"))
            session.accessed = False
        super().save_session(app, session, response)


def _quiet_logs(app: Flask) -> None:
    # Request lines carry codes and ids from URLs (invitation codes): keep them out of logs.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
