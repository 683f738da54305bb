"""Materials: what the trainster shares (`staff_views`, /medewerker/materiaal) and what she
finds of it (`views`, /materiaal): texts, pictures, PDF worksheets and audio."""

from flask import Blueprint

bp = Blueprint("materials", __name__)

from webapp.materials import staff_views, views  # noqa: E402, F401
