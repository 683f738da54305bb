"""The name and icon her phone shows for the app: "Elke Stap", or a neutral one she chose for a
shared phone ("Agenda"). A choice of this phone (a cookie), not of her account: it stays after
logout, so the home screen, the window title, the login page and the lock screen stay neutral."""

from flask import Response, request
from flask_babel import gettext as _

COOKIE = "es_app"
NEUTRAL = "agenda"
ONE_YEAR = 60 * 60 * 24 * 365


def neutral_app() -> bool:
    return request.cookies.get(COOKIE) == NEUTRAL


def app_name() -> str:
    # The neutral name in her language, as a calendar app on her phone would be called.
    return _("Agenda") if neutral_app() else "Elke Stap"


def remember_app_name(response: Response, neutral: bool, secure: bool) -> None:
    if neutral:
        response.set_cookie(
            COOKIE, NEUTRAL, max_age=ONE_YEAR, httponly=True, samesite="Lax", secure=secure
        )
    else:
        response.delete_cookie(COOKIE, httponly=True, samesite="Lax", secure=secure)
