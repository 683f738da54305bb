"""Changes that may arrive late from a phone that was offline. Each is absolute and carries the
phone's time (`at`, naive UTC); per field, the later change wins. An older change that arrives
late is not applied and is reported back in `Outcome`, never silently lost."""

from dataclasses import dataclass, field
from datetime import datetime

from webapp.models import utcnow
from webapp.models.plan import PlanStep


@dataclass
class Outcome:
    """What a change did. `superseded` lists fields where a later change had already won."""

    applied: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    step: PlanStep | None = None


def change_time(at: datetime | None) -> datetime:
    """The phone's time of a change, but never in the future (a wrong phone clock)."""
    now = utcnow()
    return now if at is None or at > now else at


def later_change_won(times: dict, name: str, at: datetime) -> bool:
    previous = times.get(name)
    return bool(previous) and datetime.fromisoformat(previous) > at


def set_fields(obj, values: dict, at: datetime, outcome: Outcome) -> None:
    """Set each field unless a later change to it had already won; record the time per field."""
    times = dict(obj.field_times or {})
    for name, value in values.items():
        if later_change_won(times, name, at):
            outcome.superseded.append(name)
            continue
        setattr(obj, name, value)
        times[name] = at.isoformat()
        outcome.applied.append(name)
    obj.field_times = times
