"""This phone's mark that she logged in on it before, so that nobody else's wrong passwords can
lock her out of it.

After every login (password, invitation, reset code, new password) the phone gets the cookie
`es_phone`: a random phone id and, for each person who logged in on it (the last five), a tag
signed with the app's key (HMAC-SHA-256 of the phone id and her account id, itsdangerous with
`SECRET_KEY_FALLBACKS`). The cookie names nobody: the id is random and a tag is only a signature,
so someone holding the phone learns nothing from it, and the server keeps nothing. It lasts a
year, is renewed at each login, is sent only to /login (`HttpOnly`, `SameSite=Lax`, `Secure`
outside development) and stays after logout, also on a shared phone: it opens nothing, it only
says whose failed logins are counted where.

A failed login for a name whose account this phone's cookie has a tag for counts in this
phone's own bucket for her (`known_phone`), under the same `LOGIN_RATE_LIMIT`; every other one
counts in the shared (address, login name) bucket and the wider one per address, as before. A
stranger's guesses therefore never lock out the phone she used before, and a stolen phone still
meets a limit of its own. A forged tag, or a tag for someone else, is no tag.
"""

import hashlib
import re
import secrets

from flask import Response, after_this_request, current_app, g, request
from itsdangerous import Signer

from webapp.services import accounts

COOKIE = "es_phone"
PATH = "/login"  # the only page that reads it: not sent with her other requests
ONE_YEAR = 60 * 60 * 24 * 365
PEOPLE_KEPT = 5  # a shared phone: the last five who logged in on it
_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")
_TAG = re.compile(r"^[A-Za-z0-9_-]{43}$")


def _signer() -> Signer:
    fallbacks = current_app.config.get("SECRET_KEY_FALLBACKS") or []
    return Signer(
        [*fallbacks, current_app.secret_key],  # the newest last: it signs, all of them verify
        salt="elke-stap login phone",
        digest_method=hashlib.sha256,
    )


def _value(phone_id: str, user_id: int) -> str:
    return f"{phone_id}:{user_id}"


def _read() -> tuple[str, list[str]] | None:
    """(phone id, tags) from this request's cookie, or None for none or a malformed one."""
    parts = (request.cookies.get(COOKIE) or "").split(".")
    if not _ID.match(parts[0]) or not 1 <= len(parts) - 1 <= PEOPLE_KEPT:
        return None
    tags = parts[1:]
    return (parts[0], tags) if all(_TAG.match(t) for t in tags) else None


def known_phone(username: str) -> str | None:
    """This phone's own bucket for the account named `username`, when she logged in on this
    phone before (a tag that verifies); None otherwise. Once per request."""
    cache = g.setdefault("known_phones", {})
    if username not in cache:
        cache[username] = _known_phone(username)
    return cache[username]


def _known_phone(username: str) -> str | None:
    cookie = _read()
    if cookie is None:
        return None
    user_id = accounts.login_id(username)
    if user_id is None:
        return None
    phone_id, tags = cookie
    signer, value = _signer(), _value(phone_id, user_id).encode()
    if any(signer.verify_signature(value, tag.encode()) for tag in tags):
        return f"phone:{phone_id}|{user_id}"
    return None


def remember_phone(user_id: int) -> None:
    """Mark this phone as one she logged in on: its cookie gets her tag (first), in the answer
    to this request."""
    cookie = _read()
    phone_id, tags = cookie if cookie else (secrets.token_urlsafe(16), [])
    mine = _signer().get_signature(_value(phone_id, user_id).encode()).decode()
    value = ".".join([phone_id, mine, *[t for t in tags if t != mine][: PEOPLE_KEPT - 1]])

    @after_this_request
    def _set(response: Response) -> Response:
        response.set_cookie(
            COOKIE,
            value,
            max_age=ONE_YEAR,
            path=PATH,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
        return response
