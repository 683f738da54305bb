"""A sending run (cron's `flask reminders send-due`, or a staff message with Redis): make what
is due, dispatch it, then push the deliveries here or hand them to RQ workers."""

from datetime import datetime

from flask import current_app

from webapp.models import utcnow
from webapp.services.reminders.delivery import deliver, make_sender
from webapp.services.reminders.dispatching import claim_deliveries, dispatch
from webapp.services.reminders.records import chunks
from webapp.services.reminders.schedule import create_due

RQ_QUEUE = "elkestap-push"
# By name: the job lives in `webapp.worker`, which makes an app when it runs in an RQ worker
# process. A service never makes an app itself.
DELIVER_JOB = "webapp.worker.deliver_job"
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
        stats["jobs"] = enqueue(delivery_ids, claimed_at=now)
    else:
        sender = make_sender()
        try:
            for batch in chunks(delivery_ids, BATCH):
                result = deliver(batch, sender, now, claimed_at=now)
                for key, value in result.items():
                    stats[key] = stats.get(key, 0) + value
        finally:
            if sender is not None:
                sender.close()
    return stats


def redis_url() -> str | None:
    return current_app.config.get("REDIS_URL")


def enqueue(delivery_ids: list[int], claimed_at: datetime, url: str | None = None) -> int:
    """Hand the deliveries (claimed at `claimed_at`) to RQ workers, in batches. Returns the
    number of jobs. A job that starts after its claim went stale finds its deliveries taken
    by a later run, and leaves them to it."""
    from redis import Redis
    from rq import Queue

    queue = Queue(RQ_QUEUE, connection=Redis.from_url(url or redis_url()))
    jobs = 0
    for batch in chunks(delivery_ids, BATCH):
        queue.enqueue(DELIVER_JOB, batch, claimed_at.isoformat(), job_timeout=900)
        jobs += 1
    return jobs
