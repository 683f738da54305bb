"""Extension objects, created unbound and attached to the app in create_app()."""

import flask_limiter
from flask import current_app, request
from flask_compress import Compress
from flask_htmx import HTMX
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from webapp.database import Database
from webapp.i18n import Babel

RATE_LIMITED = "has_rate_limits"


class Limiter(flask_limiter.Limiter):
    """Flask-Limiter, consulted only by the views that have limits.

    The app has no limit for every page, yet Flask-Limiter works out each request's limits
    before it runs. The views decorated by `limit` / `shared_limit` are marked, and the
    request identity (Flask-Limiter's `request_identifier`) of every other request is empty,
    which Flask-Limiter takes as exempt before it looks for limits."""

    def __init__(self, **kwargs) -> None:
        super().__init__(request_identifier=self._endpoint_with_limits, **kwargs)

    @staticmethod
    def _endpoint_with_limits() -> str:
        endpoint = request.endpoint
        view = current_app.view_functions.get(endpoint) if endpoint else None
        return endpoint if getattr(view, RATE_LIMITED, False) else ""

    def limit(self, *args, **kwargs):
        return _marked(super().limit(*args, **kwargs))

    def shared_limit(self, *args, **kwargs):
        return _marked(super().shared_limit(*args, **kwargs))


def _marked(decorator):
    def apply(view):
        limited = decorator(view)
        setattr(limited, RATE_LIMITED, True)  # kept by functools.wraps in @roles
        return limited

    return apply


db = Database()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()
compress = Compress()
# Redis away: the limits go on in this process's memory (logged once, when it happens), so
# logins keep working; Flask-Limiter checks now and then whether Redis is back.
limiter = Limiter(key_func=get_remote_address, default_limits=[], in_memory_fallback_enabled=True)
