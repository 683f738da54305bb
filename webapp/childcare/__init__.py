from flask import Blueprint

bp = Blueprint("childcare", __name__, url_prefix="/opvang")

from webapp.childcare import views  # noqa: E402, F401
