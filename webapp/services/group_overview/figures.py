"""One figure of the overview, and the rule that keeps anyone from being recognised in it."""

from dataclasses import dataclass
from datetime import date, datetime, time

from webapp.services.agenda.times import local_today, to_utc

# A figure that rests on fewer people than this is not shown ("minder dan 5"). Five is the
# usual floor for small-group statistics: with fewer, a medewerker who knows the group can
# often tell who is behind a number.
MIN_PEOPLE = 5


@dataclass(frozen=True)
class Figure:
    """A count (`value`: people, steps, children or reminders) and how many different
    participants it rests on (`people`). Shown only when they are at least `MIN_PEOPLE`."""

    value: int
    people: int

    @classmethod
    def of_people(cls, n: int | None) -> "Figure":
        return cls(int(n or 0), int(n or 0))

    @property
    def shown(self) -> bool:
        return self.people >= MIN_PEOPLE


@dataclass(frozen=True)
class Periods:
    """The starts of this month and this quarter (Amsterdam days), as naive UTC."""

    now: datetime
    month_start: datetime
    quarter_start: datetime
    month: date
    quarter: int

    @classmethod
    def at(cls, now: datetime) -> "Periods":
        today = local_today(now)
        first_month_of_quarter = (today.month - 1) // 3 * 3 + 1
        return cls(
            now=now,
            month_start=to_utc(today.replace(day=1), time(0)),
            quarter_start=to_utc(date(today.year, first_month_of_quarter, 1), time(0)),
            month=today.replace(day=1),
            quarter=(today.month - 1) // 3 + 1,
        )
