"""The agenda: her group meetings (`bp`, /agenda) and the projectmedewerker's planning pages
(`staff_bp`, /medewerker/agenda)."""

from flask import Blueprint

bp = Blueprint("agenda", __name__, url_prefix="/agenda")
staff_bp = Blueprint("agenda_staff", __name__, url_prefix="/medewerker/agenda")

from webapp.agenda import attendance_views, staff_views, views  # noqa: E402, F401
