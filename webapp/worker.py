"""The jobs an RQ worker runs (`rq worker elkestap-push`, on any machine). The services enqueue
them by name; a job outside an app makes one here, configured from the environment like the web
app, so no service ever makes an app."""

from datetime import datetime
from functools import cache

from flask import Flask, has_app_context

from webapp import create_app
from webapp.services.reminders.delivery import deliver, make_sender


def deliver_job(delivery_ids: list[int], claimed_at: str | None = None) -> dict:
    """Push these deliveries (claimed by `send_due` at `claimed_at`) and record what
    happened."""
    claim = datetime.fromisoformat(claimed_at) if claimed_at else None
    if has_app_context():  # a worker inside the app: RQ's SimpleWorker in a test
        return deliver(delivery_ids, claimed_at=claim)
    app = _app()
    with app.app_context():  # the session is removed when the context ends
        return deliver(delivery_ids, _sender(app), claimed_at=claim)


@cache  # one app per worker process (a job in `rq worker --worker-class rq.SimpleWorker`)
def _app() -> Flask:
    return create_app()


@cache  # and one sender: it keeps its connections to the push services
def _sender(app: Flask):
    with app.app_context():
        return make_sender()
