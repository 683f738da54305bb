"""Demo data: one organisation, one group, an account for every role, and each feature's own
demo content. Loaded by `make run` (`flask demo load`), never in production. Safe to run again."""

from datetime import timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, Membership, Organisation, Role, User, utcnow
from webapp.services import account_care, agenda, childcare, reminders, sharing
from webapp.services import plan as plans
from webapp.services.accounts import create_user
from webapp.services.cv.demo import load_demo_cvs
from webapp.services.materials.demo import load_demo_materials
from webapp.services.passwords import hash_password

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
# The rest of Groep Zuid, fourteen in all: enough for the medewerker's overview to show its
# figures (none rests on fewer than five). Two are called Fatima, as in many real groups.
GROUP_PARTICIPANTS = (
    ("fatima", "Fatima Ouali", "ar"),
    ("fatimab", "Fatima Bakkali", "ar"),
    ("samira", "Samira", "ar"),
    ("kasia", "Kasia", "pl"),
    ("magda", "Magda", "pl"),
    ("ayse", "Ayşe", "tr"),
    ("zeynep", "Zeynep", "tr"),
    ("linda", "Linda", "nl"),
    ("naima", "Naima", "nl"),
    ("joy", "Joy", "en"),
)
# Of them, these share their plan with Marieke: the others count only in her overview's totals.
SHARE_PLAN = ("fatima", "kasia", "ayse", "linda", "joy")
# They joined the group in the autumn, weeks before the demo's first meeting.
JOINED_WEEKS_AGO = 17


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
    everyone = DEMO_ACCOUNTS + tuple(
        (username, name, Role.PARTICIPANT, language)
        for username, name, language in GROUP_PARTICIPANTS
    )
    password_hash = None
    for username, name, role, language in everyone:
        if db.session.scalar(select(User.id).where(User.username == username)):
            continue
        # Hashed once: every demo account has this password.
        password_hash = password_hash or hash_password(DEMO_PASSWORD)
        create_user(
            username,
            DEMO_PASSWORD,
            name,
            role,
            language=language,
            organisation=organisation if role in (Role.TRAINER, Role.STAFF, Role.ADMIN) else None,
            # The trainster works with Groep Zuid too (`services.account_care.trainers`).
            groups=[group] if role in (Role.PARTICIPANT, Role.TRAINER) else None,
            commit=False,
            password_hash=password_hash,
        )
        created += 1
    db.session.commit()
    people = {
        u.username: u
        for u in db.session.scalars(
            select(User).where(User.username.in_([username for username, *_rest in everyone]))
        )
    }
    others = {username: people[username] for username, *_rest in GROUP_PARTICIPANTS}
    account_care.add_manager(organisation, people["beheer"])
    # Each feature's demo content, in this order: the plan, the meetings, the children, cvs.
    plans.demo_steps(people["sara"])
    agenda.load_demo_meetings(group, people["medewerker"])
    childcare.load_demo_children(people["sara"])
    load_demo_cvs(people)
    load_demo_materials(group, people["trainster"])
    # The rest of the group, for the overview: her own list in every language, their plans,
    # their answers and who came, their children, the reminders that reached them.
    _joined_weeks_ago(group, others.values())
    plans.demo_group_list(group)
    plans.demo_group_plans(others)
    for username in SHARE_PLAN:
        sharing.set_viewers(others[username], "plan", {people["medewerker"].id})
    agenda.load_demo_answers(group, people["trainster"], others)
    childcare.load_demo_group_children(others)
    reminders.load_demo_sent(group, others)
    return created


def _joined_weeks_ago(group: Group, people) -> None:
    joined = utcnow() - timedelta(weeks=JOINED_WEEKS_AGO)
    for membership in db.session.scalars(
        select(Membership).where(
            Membership.group_id == group.id, Membership.user_id.in_([p.id for p in people])
        )
    ):
        membership.joined_at = min(membership.joined_at, joined)
    db.session.commit()
