"""The code of an invitation she just made, for the page that shows it to hand over.

Only a hash of each code is stored (services/access_codes.py). So that the invitation page can
be opened again from her list on the same phone (to print, to share), the codes she made are
kept in her own signed session cookie, the last few only; elsewhere the page says to make a new
invitation."""

from flask import session

SESSION_KEY = "handed_codes"
KEPT = 20


def remember(invitation) -> None:
    codes = dict(session.get(SESSION_KEY) or {})
    codes[str(invitation.id)] = invitation.code
    session[SESSION_KEY] = dict(list(codes.items())[-KEPT:])


def recall(invitation_id: int) -> str | None:
    return (session.get(SESSION_KEY) or {}).get(str(invitation_id))
