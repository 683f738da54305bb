"""Who is signed in, as every request needs to know it: her account's row, read without the
ORM (webapp/login_sessions.py loads it with her session, in one statement).

Building ORM objects for her session and her account cost as much as the rest of a request
that does nothing (bench/README.md, "floor"). Most pages only ask her id, role, language and
name, so those come from the row. Anything else (her groups, her organisation, a change to her
account) goes to her ORM row (`account`), loaded then, once per request: services take a
`SignedIn` as they take a `User`."""

from webapp.extensions import db
from webapp.models import User

# Read from her row on every request (login_sessions._SESSION_AND_USER selects these).
COLUMNS = ("id", "username", "display_name", "role", "language", "organisation_id", "active")
_OWN = ("session_token", "_account")


class SignedIn:
    __slots__ = COLUMNS + _OWN

    is_authenticated = True
    is_anonymous = False

    def __init__(self, row, session_token: str) -> None:
        for name in COLUMNS:
            object.__setattr__(self, name, getattr(row, name))
        object.__setattr__(self, "session_token", session_token)
        object.__setattr__(self, "_account", None)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        return self.session_token

    @property
    def account(self) -> User:
        """Her ORM row, in this request's session."""
        if self._account is None:
            object.__setattr__(self, "_account", db.session.get(User, self.id))
        return self._account

    def __getattr__(self, name: str):
        return getattr(self.account, name)

    def __setattr__(self, name: str, value) -> None:
        if name in _OWN:
            object.__setattr__(self, name, value)
            return
        # A change to her account is a change to her row, which the service then commits.
        setattr(self.account, name, value)
        if name in COLUMNS:
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return f"<SignedIn {self.id} {self.role}>"
