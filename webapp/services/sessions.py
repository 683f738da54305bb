"""Login sessions the server knows, so that ending one really ends it.

Each login is a row (`LoginSession`). Her session cookie and her remember cookie carry a token
`<row id>.<secret key>`, signed as before; the row keeps only the key's hash. Logout, a new
password, a redeemed reset code and "log out on all phones" delete rows: an old cookie then
names a row that is gone, and gets the login page, on every app server at once.

The remember cookie gets a new key each time it is used (the phone was closed and opened
again). The new key is derived from the old one, so two requests that arrive together with the
old cookie both get the same new key; after a short grace the old key is refused, and a
rotated-away key that comes back later means someone copied the cookie: the session ends.
"""

import hashlib
import hmac
import re
import secrets
from base64 import urlsafe_b64encode
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import delete, func, select, update

from webapp.extensions import db
from webapp.models import LoginSession, User, utcnow

# Her own phone: logged in for a month, as the remember cookie (config REMEMBER_COOKIE_DURATION).
OWN_PHONE_DAYS = 30
# A shared phone: ended after a short time without use, and within a day at most.
SHARED_IDLE = timedelta(minutes=15)
SHARED_LONGEST = timedelta(hours=12)
# Writing "last used" on every request would cost a write per page: once a minute is enough.
TOUCH_EVERY = timedelta(minutes=1)
# Two requests racing with the same remember cookie both get in; a copy used later does not.
ROTATION_GRACE = timedelta(minutes=2)
SESSIONS_SHOWN = 20


class SessionRow(NamedTuple):
    """A login session as read on every request: plain columns, no ORM object (the rules
    below take it or a `LoginSession`)."""

    id: int
    user_id: int
    key_hash: str
    rotated_at: datetime | None
    expires_at: datetime
    last_used_at: datetime
    created_at: datetime
    shared: bool


SESSION_COLUMNS = SessionRow._fields[1:]


@dataclass(frozen=True)
class Check:
    """What a presented key is worth: `ok`, and the token to use from now on when the key
    was the previous one (`renewed`)."""

    ok: bool
    renewed: str | None = None


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def make_token(session_id: int, key: str) -> str:
    return f"{session_id}.{key}"


_TOKEN = re.compile(r"^(\d{1,18})\.([A-Za-z0-9_-]{20,100})$")


def parse_token(token: str | None) -> tuple[int, str] | None:
    """(row id, key) from a cookie's token; None for anything else, such as the plain user
    ids the cookies held before sessions were known."""
    match = _TOKEN.match(token or "")
    return (int(match.group(1)), match.group(2)) if match else None


def _next_key(key: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), b"rotate:" + key.encode(), hashlib.sha256).digest()
    return urlsafe_b64encode(digest).rstrip(b"=").decode()


def _expiry(shared: bool, created_at: datetime, now: datetime) -> datetime:
    if shared:
        return min(created_at + SHARED_LONGEST, now + SHARED_IDLE)
    return created_at + timedelta(days=OWN_PHONE_DAYS)


def device_label(user_agent: str | None) -> str:
    """The phone as she would name it: "Android · Chrome". Empty when unknown."""
    ua = user_agent or ""
    system = next((name for pattern, name in _SYSTEMS if pattern in ua), "")
    browser = next((name for pattern, name in _BROWSERS if pattern in ua), "")
    return " · ".join(part for part in (system, browser) if part)[:60]


# First match wins: an iPad says "Mac OS X" too, Edge and Samsung say "Chrome" too.
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "Chromebook"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
)
_BROWSERS = (
    ("SamsungBrowser", "Samsung Internet"),
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)


def start_session(
    user: User, *, shared: bool = False, user_agent: str | None = None, now: datetime | None = None
) -> tuple[LoginSession, str]:
    """A new login on a phone: the row and the token for her cookies. Her sessions that have
    expired are removed here, so the table stays as small as her phones."""
    now = now or utcnow()
    db.session.execute(
        delete(LoginSession).where(LoginSession.user_id == user.id, LoginSession.expires_at <= now)
    )
    key = secrets.token_urlsafe(32)
    row = LoginSession(
        user_id=user.id,
        key_hash=_hash(key),
        device=device_label(user_agent),
        shared=shared,
        created_at=now,
        last_used_at=now,
        expires_at=_expiry(shared, now, now),
    )
    db.session.add(row)
    db.session.commit()
    return row, make_token(row.id, key)


def check_key(
    row: SessionRow | LoginSession, key: str, secret: str, now: datetime | None = None
) -> Check:
    """Whether `key` opens this session now. A previous key right after a rotation is
    accepted once more (with the current token); later it ends the session."""
    now = now or utcnow()
    if row.expires_at <= now:
        return Check(False)
    if hmac.compare_digest(_hash(key), row.key_hash):
        return Check(True)
    if row.rotated_at is None:
        return Check(False)
    following = _next_key(key, secret)
    if not hmac.compare_digest(_hash(following), row.key_hash):
        return Check(False)
    if now - row.rotated_at <= ROTATION_GRACE:
        return Check(True, renewed=make_token(row.id, following))
    # The key before the last rotation, long after it: a copy of her cookie. End it all.
    end_session(row.user_id, row.id)
    return Check(False)


def rotate_key(
    row: SessionRow | LoginSession, key: str, secret: str, now: datetime | None = None
) -> str:
    """Her remember cookie was used: give the session its next key; returns the new token."""
    now = now or utcnow()
    following = _next_key(key, secret)
    _update(row, key_hash=_hash(following), rotated_at=now, last_used_at=now)
    return make_token(row.id, following)


def touch(row: SessionRow | LoginSession, now: datetime | None = None) -> None:
    """Note that the session was used (at most once a minute), and push a shared phone's
    idle end further."""
    now = now or utcnow()
    if now - row.last_used_at < TOUCH_EVERY:
        return
    _update(row, last_used_at=now, expires_at=_expiry(row.shared, row.created_at, now))


def _update(row: SessionRow | LoginSession, **values) -> None:
    if isinstance(row, LoginSession):
        for name, value in values.items():
            setattr(row, name, value)
    else:  # read without the ORM on every request (webapp/login_sessions.py)
        table = LoginSession.__table__
        db.session.execute(update(table).where(table.c.id == row.id).values(**values))
    db.session.commit()


def end_session(user_id: int, session_id: int) -> bool:
    """Log out one session of hers (this phone, or one on her list). False if it was not hers
    or already gone."""
    result = db.session.execute(
        delete(LoginSession).where(LoginSession.id == session_id, LoginSession.user_id == user_id)
    )
    db.session.commit()
    return bool(result.rowcount)


def end_all_sessions(user: User, commit: bool = True) -> int:
    """Every phone she is logged in on, at once (a new password, a reset code, or her own
    choice). Returns how many there were."""
    result = db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    if commit:
        db.session.commit()
    return result.rowcount


def sessions_of(user: User, now: datetime | None = None) -> tuple[list[LoginSession], int]:
    """Her live sessions, last used first (at most SESSIONS_SHOWN), and how many there are."""
    now = now or utcnow()
    live = (LoginSession.user_id == user.id, LoginSession.expires_at > now)
    rows = db.session.scalars(
        select(LoginSession)
        .where(*live)
        .order_by(LoginSession.last_used_at.desc(), LoginSession.id.desc())
        .limit(SESSIONS_SHOWN)
    )
    total = db.session.scalar(select(func.count()).select_from(LoginSession).where(*live))
    return list(rows), total or 0
