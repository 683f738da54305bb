from flask import Blueprint

bp = Blueprint("plan", __name__, url_prefix="/plan")

from webapp.plan import views  # noqa: E402, F401
