"""The one rule for changes that may arrive late, from a phone that was offline or from two
phones of hers: **per field, the change she made later wins, by the phone's time.** The order
in which changes arrive never decides.

Every change is absolute ("status = gedaan") and carries the phone time it was made (`at`,
naive UTC; `webapp.offline.client_time()`). A row she can change offline has `field_times`
(`webapp.models.base.ChangeTimes`): per field, the phone time of the change that set it. The
server's own time of arrival is kept with the mutation (`applied_mutations`), so both times are
kept. An older change that arrives after a newer one is not applied and is reported back
(`Outcome.superseded`), never silently lost.

Every offline-capable service uses these functions; none compares times itself.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from webapp.models import utcnow


@dataclass
class Outcome:
    """What a change did: the fields it set, and those where a later change had already won."""

    applied: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)

    @property
    def lost_to_later_change(self) -> bool:
        """Nothing applied because a later change had won (the outbox says so to her)."""
        return bool(self.superseded) and not self.applied


def change_time(at: datetime | None) -> datetime:
    """The phone's time of a change, but never in the future (a phone with a wrong clock would
    otherwise win against everything she does later); now when the phone did not say."""
    now = utcnow()
    return now if at is None or at > now else at


def _set_at(obj, name: str) -> datetime | None:
    value = (obj.field_times or {}).get(name)
    return datetime.fromisoformat(value) if value else None


def later_change_won(obj, name: str, at: datetime) -> bool:
    """Whether a change to `name` made after `at` has already been applied."""
    previous = _set_at(obj, name)
    return previous is not None and previous > at


def apply_changes(
    obj, values: dict, at: datetime | None, outcome: Outcome | None = None
) -> Outcome:
    """Set each field of `values` on `obj` unless a later change to it had already won, and
    record the phone time per field. Does not commit (the service does)."""
    outcome = outcome or Outcome()
    when = change_time(at)
    times = dict(obj.field_times or {})
    for name, value in values.items():
        if later_change_won(obj, name, when):
            outcome.superseded.append(name)
            continue
        setattr(obj, name, value)
        times[name] = when.isoformat()
        outcome.applied.append(name)
    obj.field_times = times
    return outcome


def stamp_new(obj, names: Iterable[str], at: datetime | None) -> None:
    """A row made by a change: each of its fields was set at that change's time."""
    when = change_time(at).isoformat()
    obj.field_times = {**(obj.field_times or {}), **dict.fromkeys(names, when)}


def removal_lost(obj, at: datetime | None) -> bool:
    """A removal made before a change that has already arrived loses: she changed the thing
    after she removed it (on her other phone), so it stays. Removals are otherwise final."""
    when = change_time(at)
    return any(
        datetime.fromisoformat(value) > when for value in (obj.field_times or {}).values() if value
    )
