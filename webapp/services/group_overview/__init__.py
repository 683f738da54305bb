"""The medewerker's anonymous picture of how a group is doing.

Only counts, never who: the participatieladder, steps, meetings, kinderopvang and reminders
of the group's participants, each figure shown only when it rests on at least `MIN_PEOPLE`
participants ("minder dan 5" otherwise). Everyone with an active account counts, also when
she does not share her plan: her data reaches staff only as part of these totals.

- `figures`: a figure, the threshold, this month and this quarter
- `progress`: the ladder, steps per life area, steps 'bezig'
- `meetings`: the last and next meetings
- `care`: kinderopvang and reminders
- `export`: the same figures as CSV
"""

from dataclasses import dataclass
from datetime import datetime

from webapp.models import Group, User, utcnow
from webapp.services.accounts import get_group_for_staff
from webapp.services.group_overview.care import CARE_STAGES, childcare_figures, reminder_figures
from webapp.services.group_overview.export import overview_csv
from webapp.services.group_overview.figures import MIN_PEOPLE, Figure, Periods
from webapp.services.group_overview.meetings import MeetingFigures, meeting_figures
from webapp.services.group_overview.progress import (
    ladder_and_busy,
    steps_done_this_month,
    steps_done_total,
)


@dataclass
class GroupOverview:
    group: Group
    periods: Periods
    people: Figure
    moved_up: Figure
    moved_up_this_quarter: Figure
    busy: Figure
    steps_done: list[tuple[str, Figure]]  # (life area, steps done this month)
    steps_done_total: Figure
    meetings: list[MeetingFigures]
    childcare: list[tuple[str, Figure]]  # (stage, children)
    reminders_sent: Figure
    reminders_opened: Figure


def group_overview(staff: User, group_id: int, now: datetime | None = None) -> GroupOverview | None:
    """The overview of a group the staff member works with, or None for any other group. A
    fixed number of queries, whatever the size of the group."""
    group = get_group_for_staff(staff, group_id)
    if group is None:
        return None
    periods = Periods.at(now or utcnow())
    ladder = ladder_and_busy(group.id, periods)
    reminders = reminder_figures(group.id, periods)
    return GroupOverview(
        group=group,
        periods=periods,
        people=ladder["people"],
        moved_up=ladder["moved_up"],
        moved_up_this_quarter=ladder["moved_up_this_quarter"],
        busy=ladder["busy"],
        steps_done=steps_done_this_month(group.id, periods),
        steps_done_total=steps_done_total(group.id, periods),
        meetings=meeting_figures(group.id, periods),
        childcare=childcare_figures(group.id),
        reminders_sent=reminders["sent"],
        reminders_opened=reminders["opened"],
    )


__all__ = [
    "CARE_STAGES",
    "MIN_PEOPLE",
    "Figure",
    "GroupOverview",
    "MeetingFigures",
    "group_overview",
    "overview_csv",
]
