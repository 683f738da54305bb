"""Demo meetings for Groep Zuid (called by the demo loader, `webapp.services.demo`)."""

from dataclasses import replace
from datetime import datetime, time, timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, User, utcnow
from webapp.models.agenda import Answer, Frequency, Meeting, NotComingReason, Rsvp
from webapp.services.agenda.attendance import record_attendance
from webapp.services.agenda.meetings import MeetingDetails, create_meeting, new_meeting
from webapp.services.agenda.participant import Childcare, answer_meeting
from webapp.services.agenda.series import create_series
from webapp.services.agenda.times import local_today, to_utc_span

# What the trainster and the medewerker wrote in other languages (HasVersions).
PLACE_NOTES = {
    "ar": "المدخل في الخلف، بجانب ملعب الأطفال.",
    "pl": "Wejście jest z tyłu, obok placu zabaw.",
    "tr": "Giriş arka tarafta, oyun parkının yanında.",
    "en": "The entrance is at the back, next to the playground.",
}
START_VERSIONS = {
    "title": {
        "ar": "لقاء البداية",
        "pl": "Spotkanie na start",
        "tr": "Başlangıç buluşması",
        "en": "Starting meeting",
    },
    "theme": {
        "ar": "التعارف واختيار العمل",
        "pl": "Poznajemy się i wybieramy pracę",
        "tr": "Tanışma ve iş seçimi",
        "en": "Getting to know each other and choosing work",
    },
    "what_to_bring": {
        "ar": "دعوتكِ وشيئاً تكتبين عليه.",
        "pl": "Twoje zaproszenie i coś do pisania.",
        "tr": "Davetiyen ve not almak için bir şey.",
        "en": "Your invitation and something to write on.",
    },
    "place_notes": PLACE_NOTES,
}
SERIES_THEME = {
    "ar": "العمل والمال: ما الذي يناسبكِ؟",
    "pl": "Praca i pieniądze: co do ciebie pasuje?",
    "tr": "İş ve para: sana ne uyar?",
    "en": "Work and money: what suits you?",
}


def load_demo_meetings(group: Group, staff: User, now: datetime | None = None) -> None:
    """Groep Zuid: a startbijeenkomst in a few days (its texts in every language), a weekly
    series from next week with one date cancelled (school holiday), and one past meeting (its
    recap and materials come from the trainster, `materials.demo`). Runs once."""
    now = now or utcnow()
    if db.session.scalar(select(Meeting.id).where(Meeting.group_id == group.id)):
        return
    place = MeetingDetails(
        title="",
        place_name="Wijkcentrum De Vaart",
        address="Slinge 1, 3085 EK Rotterdam",
        place_notes="De ingang is aan de achterkant, naast de speeltuin.",
        children_welcome=True,
        childcare_on_site=True,
        led_by="Nadia",
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
            translations=START_VERSIONS,
        ),
        next_week - timedelta(days=1),  # the day before the series starts
        time(10, 0),
        time(12, 0),
        now=now,
    )
    series = create_series(
        staff,
        group,
        replace(
            place,
            title="Kind & Werkgeluk",
            theme="Werk en geld: wat past bij jou?",
            translations={"theme": SERIES_THEME, "place_notes": PLACE_NOTES},
        ),
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
    db.session.add(past)
    db.session.commit()


# How the rest of Groep Zuid answered: (answer, reason or the children she needs care for
# on location as their ages). The first meeting (two weeks ago) and the startbijeenkomst.
PAST_ANSWERS = {
    "fatima": (Answer.COMING, [2, 6]),
    "fatimab": None,  # never answered
    "samira": (Answer.COMING, [1, 3]),
    "kasia": (Answer.COMING, [4]),
    "magda": (Answer.COMING, []),
    "ayse": (Answer.COMING, [3]),
    "zeynep": (Answer.NOT_COMING, NotComingReason.CHILD_ILL),
    "linda": (Answer.COMING, []),
    "naima": (Answer.COMING, []),
    "joy": (Answer.COMING, [2]),
}
CAME = {"fatima", "samira", "kasia", "magda", "ayse", "linda", "joy"}  # Naima did not make it
START_ANSWERS = {
    "fatima": (Answer.COMING, [2, 6]),
    "fatimab": (Answer.COMING, [1]),
    "samira": (Answer.COMING, []),
    "kasia": (Answer.COMING, [4]),
    "magda": (Answer.NOT_COMING, NotComingReason.APPOINTMENT),
    "ayse": (Answer.COMING, [3]),
    "zeynep": (Answer.COMING, [1]),
    "linda": (Answer.COMING, []),
    "naima": (Answer.NOT_COMING, NotComingReason.NO_CHILDCARE),
    "joy": (Answer.COMING, [2]),
}


def load_demo_answers(group: Group, trainster: User, people: dict[str, User]) -> None:
    """Once: the rest of Groep Zuid answered the first meeting (and the trainster ticked who
    came) and the startbijeenkomst, so the overview counts meetings."""
    ids = [p.id for p in people.values()]
    if db.session.scalar(select(Rsvp.id).where(Rsvp.user_id.in_(ids)).limit(1)):
        return
    now = utcnow()
    past = db.session.scalar(
        select(Meeting)
        .where(Meeting.group_id == group.id, Meeting.ends_at <= now)
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )
    start = db.session.scalar(
        select(Meeting).where(Meeting.group_id == group.id, Meeting.title == "Startbijeenkomst")
    )
    if past is not None:
        _answer(past, people, PAST_ANSWERS, past.starts_at - timedelta(days=3))
        came = {people[u].id for u in CAME}
        record_attendance(trainster, past.id, came, set(), came | {p.id for p in people.values()})
    if start is not None:
        _answer(start, people, START_ANSWERS, now)


def _answer(meeting: Meeting, people: dict[str, User], answers: dict, when: datetime) -> None:
    for username, given in answers.items():
        if given is None:
            continue
        answer, detail = given
        if answer == Answer.NOT_COMING:
            answer_meeting(people[username], meeting.id, answer, reason=detail, now=when)
        else:
            childcare = Childcare(needed=bool(detail), count=len(detail), ages=list(detail))
            answer_meeting(people[username], meeting.id, answer, childcare=childcare, now=when)
