"""Something new from the trainster (a material, the recap, homework): one item in the inbox of
each participant of the group, pushed like every reminder (neutral on the lock screen unless
she chose details). Shared five times in one day, it is still one message that day."""

from datetime import datetime, time

from webapp.extensions import db
from webapp.models import Group, utcnow
from webapp.models.reminders import ReminderKind
from webapp.services.reminders.clock import local_to_utc, utc_to_local
from webapp.services.reminders.records import build_path, create_reminders, reminder_row
from webapp.services.reminders.schedule import meeting_params, participants_of_group


def materials_published(group: Group, *, meeting=None, now: datetime | None = None) -> None:
    """Receiver of the `materials_published` signal."""
    now = now or utcnow()
    today = local_to_utc(utc_to_local(now).date(), time(0, 0))  # the moment: this day
    if meeting is not None:
        kind, target = ReminderKind.MEETING_NEWS, meeting.id
        url = build_path("agenda.meeting", "/", meeting_id=meeting.id)
        params = meeting_params(meeting)
    else:
        kind, target = ReminderKind.GROUP_NEWS, group.id
        url = build_path("materials.group", "/")
        params = {}
    create_reminders(
        [
            reminder_row(person.id, kind, target, today, now, url, params)
            for person in participants_of_group(group.id)
        ]
    )
    db.session.commit()
