"""Who may use which route. Every view declares its roles; the app refuses to start if one
does not (see `check_every_route_declares_roles`)."""

import hashlib
from collections.abc import Callable
from functools import wraps

from flask import Flask, abort, current_app, g, jsonify, redirect, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from webapp.extensions import csrf, htmx, login_manager
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


def accepts_uploads(max_bytes: int) -> Callable:
    """A view that receives files: its request may be this large (others keep the app's
    MAX_CONTENT_LENGTH). Put under `@roles(...)`."""

    def decorator(view: Callable) -> Callable:
        view.max_content_length = max_bytes
        return view

    return decorator


def install_checks_of_changes(app: Flask) -> None:
    """Before the view of a request that changes something (a form sent): the view's upload
    limit, before anything reads the body, then the CSRF check. A page she only opens needs
    neither: Flask-WTF's own check before every request (it looks up each view's exemption
    first) is switched off, and its `protect` is called here, as its documentation offers."""
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    changes = frozenset(app.config["WTF_CSRF_METHODS"])

    @app.before_request
    def check_a_change():
        if request.method not in changes:
            return
        view = app.view_functions.get(request.endpoint or "")
        limit = getattr(view, "max_content_length", None)
        if limit:
            request.max_content_length = limit
        if app.config["WTF_CSRF_ENABLED"]:
            csrf.protect(apply_exemptions=True)


def fetched_for_a_person() -> bool:
    """A page or file a person opened, not one her service worker fetched in the background
    (the pages it keeps after login, a session pack): those say Sec-Fetch-Dest "empty". A page
    she opened that the service worker asks for with its kept copy's ETag says "ES-Opened"."""
    return (
        request.headers.get("Sec-Fetch-Dest", "document") != "empty"
        or request.headers.get("ES-Opened") == "1"
    )


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
        if not hasattr(app.view_functions[rule.endpoint], "allowed_roles")
    ]
    if missing:
        raise RuntimeError(f"routes without a role rule: {sorted(missing)}")


def found_or_404(thing):
    """What a service found for her, or 404. Services return None for someone else's ids as for
    missing ones, so one answer serves both and nothing tells her a thing exists."""
    if thing is None:
        abort(404)
    return thing


# Where this request keeps the CSRF token its page carries (our own name on `g`).
_PAGE_TOKEN = "page_csrf_token"


def csrf_token_for_page() -> str:
    """Flask-WTF's CSRF token (`generate_csrf`, its public API) for the page being rendered:
    the templates' `csrf_token()` and `csrf_field()`. Remembered, so that the page's ETag can
    leave it out (`page_tag`)."""
    token = generate_csrf()
    setattr(g, _PAGE_TOKEN, token)
    return token


def page_tag(body: bytes) -> str:
    """The ETag of a page: a hash of what it shows.

    Flask-WTF signs the token with the current second, so the same page is new bytes every
    second; tokens do not expire (WTF_CSRF_TIME_LIMIT is None), so a copy she already has stays
    usable and the signature is left out of the hash. Her session's own token (the session key
    Flask-WTF documents, WTF_CSRF_FIELD_NAME) is hashed in: after a new login the page is new."""
    token = g.get(_PAGE_TOKEN)
    digest = hashlib.sha1(body.replace(token.encode(), b"") if token else body)
    raw = session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if raw:
        digest.update(str(raw).encode())
    return digest.hexdigest()
