"""Demo data grown to a realistic size for the benchmarks: 2,000 participants in 20 groups,
created through the services (cheap password hashes: bench data only).

    .venv/bin/python -m bench.grow sqlite:///instance/bench.sqlite [count]
"""

import sys

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Group, Organisation, Role, User
from webapp.services.accounts import create_user
from webapp.services.demo import DEMO_PASSWORD, ORGANISATION

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


if __name__ == "__main__":
    from bench.common import demo_app

    app = demo_app(sys.argv[1] if len(sys.argv) > 1 else None)
    with app.app_context():
        print(f"added {grow(int(sys.argv[2]) if len(sys.argv) > 2 else 2000)} participants")
