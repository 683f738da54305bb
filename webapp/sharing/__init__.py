"""Sharing part by part: her page (with whom, and who looked), her preview of what they see,
and the staff view of each part she shares."""

from flask import Blueprint

bp = Blueprint("sharing", __name__)

from webapp.sharing import views  # noqa: E402, F401
