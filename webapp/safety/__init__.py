"""Safe on a shared phone: where she is logged in, the lock, quick exit, a neutral app name."""

from flask import Blueprint

bp = Blueprint("safety", __name__)

from webapp.safety import views  # noqa: E402, F401
