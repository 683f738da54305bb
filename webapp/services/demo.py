"""Demo data: one organisation, one group and an account for every role. Loaded by `make run`
(`flask demo load`), never in production. Safe to run again."""

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, Organisation, Role, User
from webapp.services.accounts import create_user

DEMO_PASSWORD = "demo-demo"
ORGANISATION = "Gemeente Rotterdam — Klaar voor werk"
GROUP = "Groep Zuid"

# username, display name, role, language
DEMO_ACCOUNTS = (
    ("sara", "Sara", Role.PARTICIPANT, "nl"),
    ("amina", "Amina", Role.PARTICIPANT, "ar"),
    ("ewa", "Ewa", Role.PARTICIPANT, "pl"),
    ("elif", "Elif", Role.PARTICIPANT, "tr"),
    ("trainster", "Nadia", Role.TRAINER, "nl"),
    ("medewerker", "Marieke", Role.STAFF, "nl"),
    ("beheer", "Beheer", Role.ADMIN, "nl"),
)

# Features add their own demo content here: function() called after the accounts exist.
DEMO_EXTRAS: list = []


def load_demo() -> int:
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == ORGANISATION))
    if organisation is None:
        organisation = Organisation(name=ORGANISATION)
        db.session.add(organisation)
        db.session.flush()
    group = db.session.scalar(
        select(Group).where(Group.organisation_id == organisation.id, Group.name == GROUP)
    )
    if group is None:
        group = Group(organisation_id=organisation.id, name=GROUP)
        db.session.add(group)
        db.session.flush()
    created = 0
    for username, name, role, language in DEMO_ACCOUNTS:
        if db.session.scalar(select(User.id).where(User.username == username)):
            continue
        create_user(
            username,
            DEMO_PASSWORD,
            name,
            role,
            language=language,
            organisation=organisation if role in (Role.TRAINER, Role.STAFF, Role.ADMIN) else None,
            groups=[group] if role == Role.PARTICIPANT else None,
            commit=False,
        )
        created += 1
    db.session.commit()
    for extra in DEMO_EXTRAS:
        extra()
    return created
