from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/medewerker")

from webapp.staff import care_views, overview_views, views  # noqa: E402, F401
