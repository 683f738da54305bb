"""Extension objects, created unbound and attached to the app in create_app()."""

import flask_limiter
from flask import Flask
from flask.globals import request_ctx
from flask_compress import Compress
from flask_htmx import HTMX
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from webapp.database import Database
from webapp.i18n import Babel


class Limiter(flask_limiter.Limiter):
    """Flask-Limiter, consulted only by the views that have limits.

    A view decorated by `limit` / `shared_limit` checks its limits itself when it is called.
    The app has no limit for every page, so the check Flask-Limiter also runs before every
    request never finds one, yet it cost 7 % of the instructions of every logged-in page
    (bench/README.md, "The floor"): it is taken out of the app's before-request functions.
    Its after-request and teardown functions (a deduction for a refused login, the request's
    limiter state cleared) run only where a limited view made that state: 2 % of the floor."""

    def init_app(self, app: Flask) -> None:
        super().init_app(app)
        before = app.before_request_funcs.get(None, [])
        if self._check_request_limit in before:  # (once per app: init_app may run again)
            before.remove(self._check_request_limit)
        for hooks in (
            app.after_request_funcs.get(None, []),
            app.teardown_request_funcs.get(None, []),
        ):
            hooks[:] = [_after_a_limited_view(hook) if self._owns(hook) else hook for hook in hooks]

    def _owns(self, hook) -> bool:
        # Its after-request function is a partial of the class's function bound to this limiter.
        return getattr(hook, "__self__", None) is self or getattr(hook, "args", None) == (self,)


# Where Flask-Limiter keeps a request's state (the `context` of flask_limiter.Limiter), made
# the first time a limited view checks its limits in that request.
_LIMITER_STATE = "_limiter_request_context"


def _after_a_limited_view(hook):
    def only_after_a_limited_view(value):
        return hook(value) if hasattr(request_ctx._get_current_object(), _LIMITER_STATE) else value

    return only_after_a_limited_view


db = Database()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()
compress = Compress()
# Redis away: the limits go on in this process's memory (logged once, when it happens), so
# logins keep working; Flask-Limiter checks now and then whether Redis is back.
limiter = Limiter(key_func=get_remote_address, default_limits=[], in_memory_fallback_enabled=True)
