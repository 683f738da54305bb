"""Demo meetings for Groep Zuid, added to the demo data through `DEMO_EXTRAS`."""

from dataclasses import replace
from datetime import datetime, time, timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, User, utcnow
from webapp.models.agenda import Frequency, Meeting
from webapp.services.agenda.meetings import MeetingDetails, create_meeting, new_meeting
from webapp.services.agenda.series import create_series
from webapp.services.agenda.times import local_today, to_utc_span
from webapp.services.demo import DEMO_EXTRAS, GROUP, ORGANISATION


def load_demo_meetings(now: datetime | None = None) -> None:
    """Groep Zuid: a startbijeenkomst in a few days, a weekly series from next week with one
    date cancelled (school holiday), and one past meeting with a short report. Runs once."""
    now = now or utcnow()
    group = db.session.scalar(select(Group).join(Group.organisation).where(Group.name == GROUP))
    staff = db.session.scalar(select(User).where(User.username == "medewerker"))
    if group is None or staff is None or group.organisation.name != ORGANISATION:
        return
    if db.session.scalar(select(Meeting.id).where(Meeting.group_id == group.id)):
        return
    place = MeetingDetails(
        title="",
        place_name="Wijkcentrum De Vaart",
        address="Slinge 1, 3085 EK Rotterdam",
        children_welcome=True,
        childcare_on_site=True,
        led_by="Nadia (peer trainster)",
    )
    today = local_today(now)
    next_week = today + timedelta(days=7 - today.weekday() + 1)  # Tuesday next week
    create_meeting(
        staff,
        group,
        replace(
            place,
            title="Startbijeenkomst",
            theme="Kennismaken en kiezen voor werk",
            what_to_bring="Je uitnodiging en iets om op te schrijven.",
        ),
        next_week - timedelta(days=1),  # the day before the series starts
        time(10, 0),
        time(12, 0),
        now=now,
    )
    series = create_series(
        staff,
        group,
        replace(place, title="Kind & Werkgeluk", theme="Werk en geld: wat past bij jou?"),
        next_week,
        time(9, 30),
        time(12, 0),
        Frequency.WEEKLY,
        next_week + timedelta(weeks=5),
        now=now,
    )
    holiday = sorted(series.meetings, key=lambda m: m.starts_at)[2]
    holiday.cancelled_at = now
    holiday.sequence += 1
    past = new_meeting(
        group,
        replace(place, title="Kennismaking met de groep").clean(),
        staff,
        *to_utc_span(today - timedelta(days=14), time(10), time(12)),
    )
    past.report = (
        "We maakten kennis en vertelden over onze kinderen en onze wensen. "
        "Nadia vertelde haar eigen verhaal over werk zoeken met kinderen."
    )
    db.session.add(past)
    db.session.commit()


if load_demo_meetings not in DEMO_EXTRAS:
    DEMO_EXTRAS.append(load_demo_meetings)
