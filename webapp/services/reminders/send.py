"""A sending run (cron's `flask reminders send-due`, or a staff message with Redis): make what
is due, dispatch it, then push the deliveries here or hand them to RQ workers."""

from datetime import datetime

from flask import current_app, has_app_context

from webapp.extensions import db
from webapp.models import utcnow
from webapp.services.reminders.delivery import deliver, make_sender
from webapp.services.reminders.dispatching import claim_deliveries, dispatch
from webapp.services.reminders.records import chunks
from webapp.services.reminders.schedule import create_due

RQ_QUEUE = "elkestap-push"
BATCH = 500  # deliveries per send batch (and per RQ job)


def send_due(now: datetime | None = None, use_rq: bool | None = None) -> dict:
    """Create what has become due, then send it: in this process, or through RQ when
    REDIS_URL is set. Safe to run at the same time on several machines."""
    now = now or utcnow()
    create_due(now)
    stats = dispatch(now)
    use_rq = bool(redis_url()) if use_rq is None else use_rq
    delivery_ids = claim_deliveries(now)
    stats["deliveries"] = len(delivery_ids)
    if use_rq and delivery_ids:
        stats["jobs"] = enqueue(delivery_ids)
    else:
        sender = make_sender()
        try:
            for batch in chunks(delivery_ids, BATCH):
                result = deliver(batch, sender, now)
                for key, value in result.items():
                    stats[key] = stats.get(key, 0) + value
        finally:
            if sender is not None:
                sender.close()
    return stats


def redis_url() -> str | None:
    return current_app.config.get("REDIS_URL")


def enqueue(delivery_ids: list[int], url: str | None = None) -> int:
    """Hand the deliveries to RQ workers, in batches. Returns the number of jobs."""
    from redis import Redis
    from rq import Queue

    queue = Queue(RQ_QUEUE, connection=Redis.from_url(url or redis_url()))
    jobs = 0
    for batch in chunks(delivery_ids, BATCH):
        queue.enqueue(deliver_job, batch, job_timeout=900)
        jobs += 1
    return jobs


def deliver_job(delivery_ids: list[int]) -> dict:
    """The RQ job. In an `rq worker` process it makes its own app (configured from the
    environment, like the web app)."""
    if has_app_context():
        return deliver(delivery_ids)
    from webapp import create_app

    app = create_app()
    with app.app_context():
        try:
            return deliver(delivery_ids)
        finally:
            db.session.remove()
