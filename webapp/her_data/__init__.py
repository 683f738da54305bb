"""Her data: 'Download alles' (a JSON file and a readable page) and deleting her account."""

from flask import Blueprint

bp = Blueprint("her_data", __name__, url_prefix="/meer/mijn-gegevens")

from webapp.her_data import views  # noqa: E402, F401
