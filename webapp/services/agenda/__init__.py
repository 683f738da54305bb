"""The agenda: group meetings, series, her answers (RSVP), childcare counts and calendars.

Times are stored as naive UTC. What people type and read is Europe/Amsterdam wall-clock time;
the conversion happens in `times` (`to_utc`, `to_local`) and nowhere else.

- `times`: Amsterdam wall-clock time <-> naive UTC, the clock changes
- `meetings`: plan, edit or move, and cancel one meeting (projectmedewerker)
- `series`: weekly and monthly series, and changing the rest of a series
- `notify`: telling invited participants of a move or cancellation (the `meeting_changed` signal)
- `participant`: her meetings and her answer, with childcare
- `staff`: the projectmedewerker's list, the overview of answers and the childcare CSV
- `attendance`: who came, ticked by staff after the start; "je was erbij" for her
- `calendar`: .ics files, the secret feed link, map links
- `demo_meetings`: the demo meetings for Groep Zuid

Everything is imported from here: `from webapp.services import agenda`.
"""

from datetime import UTC

from webapp.models.agenda import CalendarFeed
from webapp.services.agenda.attendance import (
    attendance_list,
    came_count,
    came_to,
    may_tick,
    record_attendance,
)
from webapp.services.agenda.calendar import (
    create_feed,
    feed_meetings,
    feed_owner,
    geo_link,
    has_feed,
    map_link,
    revoke_feeds,
    to_ics,
)
from webapp.services.agenda.demo_meetings import load_demo_answers, load_demo_meetings
from webapp.services.agenda.meetings import (
    MeetingDetails,
    cancel_meeting,
    create_meeting,
    update_meeting,
)
from webapp.services.agenda.notify import (
    invited_participants,
    notify_participants,
)
from webapp.services.agenda.participant import (
    MAX_AGE,
    MAX_CHILDREN,
    PAST_ON_AGENDA,
    PAST_PER_PAGE,
    REASONS,
    UPCOMING_PER_PAGE,
    Childcare,
    answer_meeting,
    before_start,
    get_meeting_for_participant,
    late_allowed,
    meetings_for_participant,
    next_meeting,
    next_meeting_and_rsvp,
    open_for_answers,
    parse_ages,
    past_meetings,
    rsvp_of,
    rsvps_of,
    upcoming_meetings,
)
from webapp.services.agenda.series import (
    MAX_SERIES_DAYS,
    MAX_SERIES_MEETINGS,
    create_series,
    nth_weekday,
    series_dates,
    update_following,
)
from webapp.services.agenda.staff import (
    Overview,
    childcare_csv,
    first_name,
    get_meeting_for_staff,
    meetings_for_staff,
    overview,
    told_apart,
)
from webapp.services.agenda.times import TZ, local_parts, local_today, to_local, to_utc

__all__ = [
    # times
    "TZ",
    "local_parts",
    "local_today",
    "to_local",
    "to_utc",
    # meetings and series
    "MAX_SERIES_DAYS",
    "MAX_SERIES_MEETINGS",
    "MeetingDetails",
    "cancel_meeting",
    "create_meeting",
    "create_series",
    "nth_weekday",
    "series_dates",
    "update_following",
    "update_meeting",
    # telling participants
    "invited_participants",
    "notify_participants",
    # participant
    "MAX_AGE",
    "MAX_CHILDREN",
    "REASONS",
    "Childcare",
    "answer_meeting",
    "before_start",
    "get_meeting_for_participant",
    "late_allowed",
    "meetings_for_participant",
    "past_meetings",
    "upcoming_meetings",
    "PAST_ON_AGENDA",
    "PAST_PER_PAGE",
    "UPCOMING_PER_PAGE",
    "next_meeting",
    "next_meeting_and_rsvp",
    "open_for_answers",
    "parse_ages",
    "rsvp_of",
    "rsvps_of",
    # staff
    "Overview",
    "childcare_csv",
    "first_name",
    "get_meeting_for_staff",
    "meetings_for_staff",
    "overview",
    "told_apart",
    # who came
    "attendance_list",
    "came_count",
    "came_to",
    "may_tick",
    "record_attendance",
    # calendars
    "create_feed",
    "feed_meetings",
    "feed_owner",
    "geo_link",
    "has_feed",
    "map_link",
    "revoke_feeds",
    "to_ics",
    # demo
    "load_demo_answers",
    "load_demo_meetings",
    # reached as agenda.CalendarFeed and agenda.UTC by the tests, from before the split
    "CalendarFeed",
    "UTC",
]
