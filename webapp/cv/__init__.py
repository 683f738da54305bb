from flask import Blueprint

bp = Blueprint("cv", __name__, url_prefix="/cv")

from webapp.cv import views  # noqa: E402, F401
