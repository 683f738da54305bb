from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/medewerker")

from webapp.staff import views  # noqa: E402, F401
