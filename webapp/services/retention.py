"""How long the app keeps what it logs, and pruning what is older: `flask prune`, run daily by
cron (README, "Backups and retention").

- a push attempt (every try to reach a phone): 30 days, enough to tell "never sent" from
  "sent but not shown" when she asks why a reminder did not come;
- a finished push delivery (sent, gone or given up): 90 days; its attempts go with it;
- a look at a part she shares ("Marieke keek op 3 december naar je plan"): 365 days, so she
  can see a whole year of who looked.

Her own data (her plan, cv, inbox…) is never pruned: it is hers until she deletes it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func

from webapp.extensions import db
from webapp.models import utcnow
from webapp.models.reminders import DeliveryState, PushAttempt, PushDelivery
from webapp.models.sharing import PartView

RETENTION_DAYS = {"push_attempts": 30, "push_deliveries": 90, "part_views": 365}
_FINISHED = (DeliveryState.SENT, DeliveryState.GONE, DeliveryState.FAILED)


@dataclass(frozen=True)
class Pruned:
    push_attempts: int
    push_deliveries: int
    part_views: int


def prune(now: datetime | None = None) -> Pruned:
    """Delete what is older than its retention period; returns how many rows went."""
    now = now or utcnow()

    def before(table: str) -> datetime:
        return now - timedelta(days=RETENTION_DAYS[table])

    attempts = db.session.execute(
        delete(PushAttempt).where(PushAttempt.at < before("push_attempts"))
    ).rowcount
    deliveries = db.session.execute(
        delete(PushDelivery).where(
            PushDelivery.state.in_(_FINISHED),
            func.coalesce(PushDelivery.sent_at, PushDelivery.next_try_at)
            < before("push_deliveries"),
        )
    ).rowcount
    views = db.session.execute(
        delete(PartView).where(PartView.viewed_at < before("part_views"))
    ).rowcount
    db.session.commit()
    return Pruned(push_attempts=attempts, push_deliveries=deliveries, part_views=views)
