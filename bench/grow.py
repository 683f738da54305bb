"""Demo data grown to a realistic size for the benchmarks: 2,000 participants in 20 groups,
created through the services (cheap password hashes: bench data only), and two participants
with a history: "maand" after a month of use, "jaar" after about a year (`HISTORIES`).

    .venv/bin/python -m bench.grow sqlite:///instance/bench.sqlite [count]
"""

import sys
import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from webapp.extensions import db
from webapp.models import Group, Organisation, Role, User
from webapp.services.accounts import create_user
from webapp.services.demo import DEMO_PASSWORD, ORGANISATION
from webapp.services.plan import AREAS

LANGUAGES = ("nl", "nl", "ar", "pl", "tr", "en")
PER_GROUP = 100


def grow(count: int = 2000) -> int:
    """Add participants until there are `count` in total; returns how many were added."""
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == ORGANISATION))
    have = db.session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.PARTICIPANT)
    )
    added = 0
    groups: dict[int, Group] = {}
    for i in range(have, count):
        number = i // PER_GROUP + 1
        if number not in groups:
            name = f"Bench groep {number}"
            group = db.session.scalar(
                select(Group).where(Group.organisation_id == organisation.id, Group.name == name)
            )
            if group is None:
                group = Group(organisation_id=organisation.id, name=name)
                db.session.add(group)
                db.session.flush()
            groups[number] = group
        create_user(
            f"bench-{i:05d}",
            DEMO_PASSWORD,
            f"Deelneemster {i}",
            Role.PARTICIPANT,
            language=LANGUAGES[i % len(LANGUAGES)],
            groups=[groups[number]],
            commit=False,
        )
        added += 1
        if added % 500 == 0:
            db.session.commit()
    db.session.commit()
    return added


# --- Participants with a history ----------------------------------------------------------------
# The same participant after a month and after about a year of use, each in a group of her own
# (so her group's meetings are hers alone): most steps done, about 20 open, reflections, meetings
# behind and ahead of her, and an inbox of reminders and staff messages.
HISTORIES = {
    "maand": {
        "days": 30,
        "done": 10,
        "dropped": 0,
        "open": 20,
        "reflections": 3,
        "past_meetings": 4,
        "upcoming_meetings": 4,
        "reminders": 20,
        "messages": 5,
    },
    "jaar": {
        "days": 365,
        "done": 270,
        "dropped": 10,
        "open": 20,
        "reflections": 100,
        "past_meetings": 100,
        "upcoming_meetings": 100,
        "reminders": 500,
        "messages": 150,
    },
}
STEP_TEXTS = (
    "Bellen met de bibliotheek over de taalcursus",
    "Een uur wandelen in het park met de kinderen",
    "Vragen bij de peuteropvang of er plek is",
    "Een overzicht maken van mijn vaste lasten",
    "De buurvrouw vragen of ze dinsdag kan oppassen",
    "Mijn cv laten lezen door de projectmedewerker",
    "Een open dag van het ROC bezoeken",
    "Een gesprek met mijn werkcoach voorbereiden",
)


def grow_history(username: str, size: dict | None = None, now: datetime | None = None) -> User:
    """The participant `username` ("maand" or "jaar", or any name with a `size` like those of
    `HISTORIES`) with her history, made once (password demo-demo). Rows are written in bulk:
    bench data only."""
    from webapp.models import Membership, utcnow
    from webapp.models.agenda import Meeting, Rsvp
    from webapp.models.plan import Plan, PlanStep, Reflection, StepStatus
    from webapp.models.reminders import PushState, Reminder, ReminderKind, StaffMessage

    existing = db.session.scalar(select(User).where(User.username == username))
    if existing is not None:
        return existing
    size = size or HISTORIES[username]
    now = now or utcnow()
    start = now - timedelta(days=size["days"])
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == ORGANISATION))
    staff = db.session.scalar(select(User).where(User.username == "medewerker"))
    group = Group(organisation_id=organisation.id, name=f"Bench {username}")
    db.session.add(group)
    db.session.flush()
    user = create_user(username, DEMO_PASSWORD, username.title(), Role.PARTICIPANT, commit=False)
    db.session.add(Membership(user_id=user.id, group_id=group.id))
    db.session.add(Plan(owner_id=user.id, goal_kind="werk", goal_text="Werken in de zorg"))

    areas = list(AREAS)
    closed = size["done"] + size["dropped"]
    steps = []
    for i in range(closed + size["open"]):
        created = start + (now - start) * i / (closed + size["open"])
        if i < size["done"]:
            status, done_at = StepStatus.DONE, created + timedelta(days=3)
        elif i < closed:
            status, done_at = StepStatus.DROPPED, None
        else:
            status, done_at = (StepStatus.BUSY if i % 5 == 0 else StepStatus.TODO), None
        steps.append(
            {
                "uuid": str(uuid.UUID(int=user.id * 100_000 + i)),
                "owner_id": user.id,
                "area": areas[i % len(areas)],
                "action": f"{STEP_TEXTS[i % len(STEP_TEXTS)]} ({i + 1})",
                "moment": (now + timedelta(days=i - closed)).date() if i % 3 == 0 else None,
                "helper": "Mijn zus" if i % 4 == 0 else "",
                "if_hard": "Dan vraag ik het in de groep" if i % 6 == 0 else "",
                "status": status,
                "rung": AREAS[areas[i % len(areas)]][1],
                "position": i + 1,
                "field_times": {},
                "created_at": created,
                "done_at": done_at,
            }
        )
    db.session.execute(insert(PlanStep), steps)
    done_ids = db.session.scalars(
        select(PlanStep.id)
        .where(PlanStep.owner_id == user.id, PlanStep.status == StepStatus.DONE)
        .order_by(PlanStep.id)
    ).all()
    reflected = done_ids[:: max(1, len(done_ids) // size["reflections"])][: size["reflections"]]
    db.session.execute(
        insert(Reflection),
        [
            {"step_id": sid, "text": "Dat ik het gewoon gedaan heb.", "written_at": now}
            for sid in reflected
        ],
    )

    meetings = []
    past, upcoming = size["past_meetings"], size["upcoming_meetings"]
    for i in range(past + upcoming):
        begins = (
            start + (now - start) * i / past + timedelta(hours=1)
            if i < past
            else now + timedelta(days=3 + 7 * (i - past))
        )
        meetings.append(
            {
                "uid": f"bench-{username}-{i}@elkestap",
                "group_id": group.id,
                "title": "Kind & Werkgeluk",
                "theme": "Werk en geld: wat past bij jou?",
                "starts_at": begins,
                "ends_at": begins + timedelta(hours=2),
                "place_name": "Wijkcentrum De Vaart",
                "address": "Slinge 1, 3085 EK Rotterdam",
                "what_to_bring": "Iets om op te schrijven.",
                "children_welcome": True,
                "childcare_on_site": i % 2 == 0,
                "led_by": "Nadia (peer trainster)",
                "report": "We spraken over werk en opvang." if i < past else "",
                "cancelled_at": now if i % 17 == 5 else None,
                "sequence": 0,
                "created_by_id": staff.id if staff else None,
            }
        )
    db.session.execute(insert(Meeting), meetings)
    meeting_ids = db.session.scalars(
        select(Meeting.id).where(Meeting.group_id == group.id).order_by(Meeting.starts_at)
    ).all()
    db.session.execute(
        insert(Rsvp),
        [
            {
                "meeting_id": mid,
                "user_id": user.id,
                "answer": "coming" if i % 4 else "not_coming",
                "answered_at": start,
            }
            for i, mid in enumerate(meeting_ids[: past + upcoming // 4])
        ],
    )

    messages = []
    for i in range(size["messages"]):
        message = StaffMessage(
            author_id=staff.id if staff else None,
            organisation_id=organisation.id,
            audience="group",
            group_id=group.id,
            body=f"Hoi allemaal, denk aan de bijeenkomst van deze week ({i + 1}).",
            translations={"body": {"ar": "مرحبا، لا تنسي لقاء هذا الأسبوع."}} if i % 2 else {},
            created_at=start + (now - start) * i / size["messages"],
        )
        messages.append(message)
    db.session.add_all(messages)
    db.session.flush()
    kinds = (
        ReminderKind.MEETING_WEEK,
        ReminderKind.MEETING_DAY_BEFORE,
        ReminderKind.MEETING_MORNING,
        ReminderKind.STEP_DAY_BEFORE,
    )
    reminders = []
    every = size["reminders"] // size["messages"]
    for i in range(size["reminders"]):
        due = start + (now - start) * i / size["reminders"]
        # Her messages spread over the year, between the meeting and step reminders.
        if i % every == 0 and i // every < len(messages):
            message = messages[i // every]
            kind, target, params = ReminderKind.MESSAGE, message.id, {"author": "Marieke"}
        else:
            kind, target = kinds[i % len(kinds)], meeting_ids[i % len(meeting_ids)]
            params = {
                "title": "Kind & Werkgeluk",
                "place": "Wijkcentrum De Vaart",
                "starts_at": (due + timedelta(days=1)).isoformat(),
            }
        reminders.append(
            {
                "user_id": user.id,
                "kind": kind,
                "target_id": target,
                "moment": due + timedelta(days=1, seconds=i),
                "due_at": due,
                "url": "/agenda",
                "params": params,
                "created_at": due,
                "push_state": PushState.INBOX,
                "handled_at": due,
                "read_at": None if i >= size["reminders"] - 3 else due + timedelta(hours=2),
            }
        )
    db.session.execute(insert(Reminder), reminders)
    db.session.commit()
    return user


if __name__ == "__main__":
    from bench.common import demo_app

    app = demo_app(sys.argv[1] if len(sys.argv) > 1 else None)
    with app.app_context():
        print(f"added {grow(int(sys.argv[2]) if len(sys.argv) > 2 else 2000)} participants")
        for name in HISTORIES:
            grow_history(name)
        print(f"participants with a history: {', '.join(HISTORIES)}")
