"""Her inbox (berichten), notification settings, push subscriptions, staff messages, and the
`flask push …` / `flask reminders …` commands."""

from flask import Blueprint

bp = Blueprint("reminders", __name__, cli_group="reminders")

from webapp.reminders import cli, push_views, staff_views, views  # noqa: E402, F401
