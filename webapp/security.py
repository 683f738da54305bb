"""Who may use which route. Every view declares its roles; the app refuses to start if one
does not (see `check_every_route_declares_roles`)."""

import time
from collections.abc import Callable
from functools import lru_cache, wraps

from flask import Flask, abort, g, jsonify, redirect, request, session, url_for
from flask_login import current_user
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from webapp.extensions import htmx, login_manager
from webapp.models import Role

PUBLIC = frozenset({"public"})
STAFF_ROLES = (Role.STAFF, Role.ADMIN)


def public(view: Callable) -> Callable:
    """Open to everyone, logged in or not (login, invitations, the service worker)."""
    view.allowed_roles = PUBLIC
    return view


def roles(*allowed: Role) -> Callable:
    """Only logged-in users with one of these roles; others get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        guarded.allowed_roles = frozenset(allowed)
        return guarded

    return decorator


def wants_no_redirect() -> bool:
    """Background requests (htmx, the offline outbox) must never get the login page as if it
    were a success: they get a 401 they can recognise."""
    return bool(htmx) or request.accept_mimetypes.best == "application/json"


@login_manager.unauthorized_handler
def unauthorized():
    if wants_no_redirect():
        response = jsonify(error="login_required", login=url_for("auth.login"))
        response.status_code = 401
        response.headers["HX-Redirect"] = url_for("auth.login")
        return response
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def check_every_route_declares_roles(app: Flask) -> None:
    missing = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        and not hasattr(app.view_functions[rule.endpoint], "allowed_roles")
    ]
    if missing:
        raise RuntimeError(f"routes without a role rule: {sorted(missing)}")


def found_or_404(thing):
    """What a service found for her, or 404. Services return None for someone else's ids as for
    missing ones, so one answer serves both and nothing tells her a thing exists."""
    if thing is None:
        abort(404)
    return thing


DAY = 24 * 60 * 60


class _DaySigner(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time()) // DAY * DAY


def install_stable_csrf_token(app: Flask) -> None:
    """Flask-WTF signs her CSRF token with the current second, so every page she opens is
    different bytes, and a page opened again unchanged could never answer 304. Signed with the
    day instead, it is the same all day. Flask-WTF checks it as before (the signature, and the
    token in her session; tokens do not expire, WTF_CSRF_TIME_LIMIT is None): this only puts
    the signed token where Flask-WTF keeps it for the request, once her session has one."""

    @app.before_request
    def sign_csrf_token_with_the_day():
        raw = session.get("csrf_token")
        if raw:
            g.csrf_token = _signed_for_the_day(app.secret_key, raw, int(time.time()) // DAY)


# Signing costs two HMACs and a key derivation on every request; the answer only changes with
# the session's token and the day. Bounded: one entry per active session and day.
@lru_cache(maxsize=4096)
def _signed_for_the_day(secret_key: str, raw: str, _day: int) -> str:
    return URLSafeTimedSerializer(secret_key, salt="wtf-csrf-token", signer=_DaySigner).dumps(raw)
