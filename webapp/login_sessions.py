"""Flask-Login on the sessions the server knows (rules in services/sessions.py): the user
loader, the remember cookie's new key on each use, and logging in and out on this phone.

Per request this costs one query by primary key (her session joined with her account, as plain
columns: `webapp.signed_in.SignedIn`, outside the ORM session: `db.read_one`), and a write at
most once a minute; nothing else is read to know who she is.
"""

from datetime import datetime, timedelta

from flask import Flask, Response, current_app, g, jsonify, redirect, request, session
from flask_login import current_user, login_user, logout_user, user_loaded_from_cookie
from sqlalchemy import bindparam, select

from webapp import login_devices
from webapp.extensions import db, login_manager
from webapp.i18n import SESSION_KEY
from webapp.models import LoginSession, User, utcnow
from webapp.security import wants_no_redirect
from webapp.services import sessions
from webapp.services.sessions import SESSION_COLUMNS
from webapp.signed_in import COLUMNS, SignedIn

_sessions = LoginSession.__table__
_users = User.__table__
# Built once (DEVELOPERS.md, "Hot queries"): plain columns, no ORM objects (webapp/signed_in.py).
_SESSION_AND_USER = (
    select(
        _sessions.c.id.label("session_id"),
        *(_sessions.c[name] for name in SESSION_COLUMNS),
        *(_users.c[name] for name in COLUMNS),
    )
    .join(_users, _users.c.id == _sessions.c.user_id)
    # A switched-off account is refused even with a live session (they are ended too).
    .where(_sessions.c.id == bindparam("session_id"), _users.c.active.is_(True))
)


def load_user(token: str) -> SignedIn | None:
    """Who has the live session this cookie names, or None (the login page)."""
    parsed = sessions.parse_token(token)
    if parsed is None:
        return None
    session_id, key = parsed
    found = db.read_one(_SESSION_AND_USER, {"session_id": session_id})
    if found is None:
        return None
    row = sessions.SessionRow(found.session_id, *(getattr(found, n) for n in SESSION_COLUMNS))
    now = utcnow()
    check = sessions.check_key(row, key, current_app.secret_key, now)
    if not check.ok:
        return None
    if check.renewed:
        # This request raced the one that gave the session its new key: it gets that key too.
        _keep_on_this_phone(row, check.renewed, now)
        g.session_renewed = True
    else:
        sessions.touch(row, now)
    g.login_session = row
    g.session_key = key
    return SignedIn(found, check.renewed or token)


def _keep_on_this_phone(row: sessions.SessionRow | LoginSession, token: str, now: datetime) -> None:
    """Her cookies from this answer on carry `token`; the remember cookie (her own phone only)
    lasts exactly as long as the session does on the server."""
    session["_user_id"] = token
    if not row.shared:
        session["_remember"] = "set"
        session["_remember_seconds"] = max(1, int((row.expires_at - now).total_seconds()))


def _new_key_for_remember_cookie(_app: Flask, user: User) -> None:
    """The remember cookie was used (her browser had closed): it gets a new key, and the one
    it had stops working."""
    if g.get("session_renewed"):
        return
    row = g.login_session
    now = utcnow()
    token = sessions.rotate_key(row, g.session_key, current_app.secret_key, now)
    user.session_token = token
    _keep_on_this_phone(row, token, now)


def log_in(user: User, shared: bool = False) -> LoginSession:
    """Start a session for her on this phone. On a shared phone nothing remembers her once the
    browser closes, and the session ends after a short time without use."""
    row, token = sessions.start_session(
        user, shared=shared, user_agent=request.headers.get("User-Agent")
    )
    user.session_token = token
    login_user(user, remember=not shared, duration=timedelta(days=sessions.OWN_PHONE_DAYS))
    if shared:
        session["_remember"] = "clear"  # a remember cookie left from an earlier login goes
    g.login_session = row
    # Nobody else's wrong passwords can lock her out of this phone from now on.
    login_devices.remember_phone(user.id)
    # Her language, also for a page made when her account cannot be loaded (webapp/errors.py).
    session[SESSION_KEY] = user.language
    return row


def current_session() -> sessions.SessionRow | LoginSession | None:
    """The session of this request (after her account was loaded)."""
    return g.get("login_session") if current_user.is_authenticated else None


def log_out() -> None:
    """End this phone's session on the server and in its cookies."""
    row = current_session()
    if row is not None:
        sessions.end_session(row.user_id, row.id)
    # Clear first: logout_user() leaves a flag in the session that deletes the remember cookie.
    session.clear()
    logout_user()


def logged_out(login_page: str) -> Response:
    """The answer to a logout: the login page, and this phone's stored pages wiped (Safari
    ignores the header; guard.js cleans up there too). "storage" would also wipe the changes
    another person left waiting on it, for her to send at her next login: when outbox.js says
    so in the form (`others_waiting`), app.js has wiped this person's pages and data itself,
    and the header clears the browser's cache only. A phone that logged out offline and tells
    the server now (guard.js, asking for JSON) wiped itself already: the cache only, too."""
    if wants_no_redirect():
        response = jsonify(logged_out=True)
        response.headers["Clear-Site-Data"] = '"cache"'
        return response
    response = redirect(login_page)
    keep_others = request.form.get("others_waiting")
    response.headers["Clear-Site-Data"] = '"cache"' if keep_others else '"cache", "storage"'
    return response


def init_app(app: Flask) -> None:
    login_manager.user_loader(load_user)
    user_loaded_from_cookie.connect(_new_key_for_remember_cookie, app)
    app.jinja_env.globals["shared_idle_minutes"] = sessions.SHARED_IDLE // timedelta(minutes=1)
