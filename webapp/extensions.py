"""Extension objects, created unbound and attached to the app in create_app()."""

from flask import request
from flask_compress import Compress
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from webapp.database import Database
from webapp.i18n import Babel

db = Database()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()
compress = Compress()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def login_username_key() -> str:
    """Rate-limit key per login name, so one account cannot be guessed from many addresses."""
    return "user:" + (request.form.get("username") or "").strip().lower()
