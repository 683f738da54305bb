"""Kinderopvang rules. Nobody can shorten a waiting list, so this keeps track honestly: per
child and per kind of care, the step she is at and her own next action.

Changes may arrive late from her phone: `at` is the phone time, and the one conflict rule
(`services.conflicts`) keeps the change she made last."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User
from webapp.models.childcare import CalamityPlan, CareApplication, Child
from webapp.services import ServiceError
from webapp.services.conflicts import Outcome, apply_changes, removal_lost

KINDS = {
    "kinderdagverblijf": _l("Kinderdagverblijf (0 tot 4 jaar)"),
    "gastouder": _l("Gastouder"),
    "peuteropvang": _l("Peuteropvang of VVE (2 tot 4 jaar)"),
    "bso": _l("Buitenschoolse opvang (BSO, 4 tot 12 jaar)"),
    "informeel": _l("Familie, buren of vrienden"),
}
# The way an application usually goes, in order. 'self' is a choice, not a failure.
STATUSES = {
    "orienting": _l("Ik kijk rond"),
    "meeting": _l("Kennismaking gehad"),
    "waitlist": _l("Op de wachtlijst"),
    "waiting": _l("Wacht tot ik begin met werk, opleiding of taalles"),
    "offered": _l("Plek aangeboden"),
    "contract": _l("Contract getekend"),
    "allowance_applied": _l("Kinderopvangtoeslag aangevraagd"),
    "allowance_granted": _l("Kinderopvangtoeslag toegekend"),
    "settling": _l("Wennen"),
    "running": _l("De opvang loopt"),
    "self": _l("Ik zorg nu zelf voor mijn kind"),
}
WAITING_FOR = {
    "work": _l("werk"),
    "course": _l("een opleiding"),
    "language": _l("taalles"),
}
NICKNAME_MAX = 40
TEXT_MAX = 1000


def children_of(user: User) -> list[Child]:
    return list(
        db.session.scalars(select(Child).where(Child.user_id == user.id).order_by(Child.id))
    )


def application_ids(user: User, limit: int = 20) -> list[int]:
    """Her applications (for the pages her phone keeps), at most `limit`: one query."""
    return list(
        db.session.scalars(
            select(CareApplication.id)
            .where(CareApplication.user_id == user.id)
            .order_by(CareApplication.id)
            .limit(limit)
        )
    )


def get_child(user: User, child_id: int) -> Child | None:
    return db.session.scalar(select(Child).where(Child.id == child_id, Child.user_id == user.id))


def get_application(user: User, application_id: int) -> CareApplication | None:
    return db.session.scalar(
        select(CareApplication).where(
            CareApplication.id == application_id, CareApplication.user_id == user.id
        )
    )


def add_child(user: User, nickname: str, birth_year: int | None, today: date) -> Child:
    """Only a nickname and a birth year: the app does not need more about her child."""
    name = (nickname or "").strip()
    if not name:
        raise ServiceError(_l("Vul een roepnaam in."), "nickname")
    if len(name) > NICKNAME_MAX:
        raise ServiceError(_l("Een roepnaam is hoogstens 40 tekens."), "nickname")
    if birth_year is None or not today.year - 18 <= birth_year <= today.year + 1:
        raise ServiceError(
            _l(
                "Vul een geboortejaar in tussen %(first)d en %(last)d.",
                first=today.year - 18,
                last=today.year + 1,
            ),
            "birth_year",
        )
    child = Child(user_id=user.id, nickname=name, birth_year=birth_year)
    db.session.add(child)
    db.session.commit()
    return child


def remove_child(user: User, child: Child, at: datetime | None = None) -> bool:
    """Remove the child and her applications, unless one was changed after the removal was
    made (then nothing is removed, and False says so)."""
    if child.user_id != user.id:
        raise ServiceError(_l("Dit kind hoort niet bij jouw account."))
    if removal_lost(child, at) or any(removal_lost(a, at) for a in child.applications):
        return False
    db.session.delete(child)
    db.session.commit()
    return True


def start_application(user: User, child: Child, kind: str) -> CareApplication:
    if child.user_id != user.id:
        raise ServiceError(_l("Dit kind hoort niet bij jouw account."))
    if kind not in KINDS:
        raise ServiceError(_l("Kies een soort opvang."), "kind")
    existing = db.session.scalar(
        select(CareApplication).where(
            CareApplication.child_id == child.id, CareApplication.kind == kind
        )
    )
    if existing is not None:
        return existing
    application = CareApplication(user_id=user.id, child_id=child.id, kind=kind, status="orienting")
    db.session.add(application)
    db.session.commit()
    return application


def update_application(
    user: User,
    application: CareApplication,
    status: str,
    waiting_for: str = "",
    provider: str = "",
    next_action: str = "",
    next_action_on: date | None = None,
    at: datetime | None = None,
) -> Outcome:
    """Set where the application stands. Absolute values, so sending it twice is harmless."""
    if application.user_id != user.id:
        raise ServiceError(_l("Deze opvang hoort niet bij jouw account."))
    if status not in STATUSES:
        raise ServiceError(_l("Kies waar je nu staat."), "status")
    if status == "waiting" and waiting_for not in WAITING_FOR:
        raise ServiceError(_l("Waar wacht je op? Kies werk, opleiding of taalles."), "waiting_for")
    if len(provider or "") > 120:
        raise ServiceError(_l("De naam van de opvang is hoogstens 120 tekens."), "provider")
    if len(next_action or "") > 200:
        raise ServiceError(_l("Je volgende actie is hoogstens 200 tekens."), "next_action")
    next_action = (next_action or "").strip()
    outcome = apply_changes(
        application,
        {
            "status": status,
            "waiting_for": waiting_for if status == "waiting" else "",
            "provider": (provider or "").strip(),
            "next_action": next_action,
            "next_action_on": next_action_on if next_action else None,
        },
        at,
    )
    db.session.commit()
    return outcome


def remove_application(
    user: User, application: CareApplication, at: datetime | None = None
) -> bool:
    """Remove it, unless it was changed after the removal was made (False then)."""
    if application.user_id != user.id:
        raise ServiceError(_l("Deze opvang hoort niet bij jouw account."))
    if removal_lost(application, at):
        return False
    db.session.delete(application)
    db.session.commit()
    return True


def calamity_plan_of(user: User) -> CalamityPlan:
    plan = db.session.scalar(select(CalamityPlan).where(CalamityPlan.user_id == user.id))
    return plan or CalamityPlan(user_id=user.id, sick_child="", school_holidays="", study_days="")


def save_calamity_plan(
    user: User,
    sick_child: str,
    school_holidays: str,
    study_days: str,
    at: datetime | None = None,
) -> Outcome:
    texts = {"sick_child": sick_child, "school_holidays": school_holidays, "study_days": study_days}
    for field, value in texts.items():
        if len(value or "") > TEXT_MAX:
            raise ServiceError(_l("Dit is te lang. Gebruik niet meer dan 1000 tekens."), field)
    plan = calamity_plan_of(user)
    outcome = apply_changes(plan, {k: (v or "").strip() for k, v in texts.items()}, at)
    db.session.add(plan)
    db.session.commit()
    return outcome


def next_actions(user: User) -> list[CareApplication]:
    """Her own next actions with a date, soonest first (for reminders and her home)."""
    return list(
        db.session.scalars(
            select(CareApplication)
            .where(CareApplication.user_id == user.id, CareApplication.next_action_on.is_not(None))
            .order_by(CareApplication.next_action_on)
        )
    )


def load_demo_children(sara: User) -> None:
    """Demo: Sara's two children, one on a waiting list and one at the BSO."""
    if children_of(sara):
        return
    today = date.today()
    noah = add_child(sara, "Noah", today.year - 2, today)
    lina = add_child(sara, "Lina", today.year - 6, today)
    waitlist = start_application(sara, noah, "kinderdagverblijf")
    update_application(
        sara,
        waitlist,
        "waitlist",
        provider="Kinderdagverblijf De Vlinder",
        next_action="Bellen hoe lang de wachtlijst nog is",
    )
    update_application(sara, start_application(sara, lina, "bso"), "running")


# The children of the rest of Groep Zuid: (nickname, age, kind of care, where it stands, the
# provider and her next action in her own words). Five mothers wait for a place, five have one,
# two look after their child themselves, by choice.
GROUP_CHILDREN = {
    "fatima": [
        ("Yusuf", 2, "kinderdagverblijf", "waitlist", "Kinderdagverblijf Het Bolletje",
         "أتصل لأسأل كم ستطول قائمة الانتظار"),
        ("Mariam", 6, "bso", "running", "BSO De Vaart", ""),
    ],
    "fatimab": [("Adam", 1, "gastouder", "waitlist", "", "أبحث عن مربية (gastouder) قريبة")],
    "samira": [("Nour", 3, "peuteropvang", "self", "", "")],
    "kasia": [("Zosia", 4, "bso", "contract", "BSO Zonnebloem", "Złożyć wniosek o kinderopvangtoeslag")],
    "magda": [("Kuba", 7, "bso", "running", "BSO Zonnebloem", "")],
    "ayse": [("Deniz", 3, "peuteropvang", "waitlist", "Peuterspeelzaal Kikker",
              "Belediyeye VVE için tekrar sormak")],
    "zeynep": [("Can", 1, "kinderdagverblijf", "self", "", "")],
    "linda": [("Mila", 5, "gastouder", "running", "Gastouder Petra", "")],
    "naima": [("Rayan", 2, "kinderdagverblijf", "waitlist", "Kinderdagverblijf De Vlinder",
               "Vragen of er in maart plek is")],
    "joy": [
        ("Grace", 2, "kinderdagverblijf", "waitlist", "Kinderdagverblijf Het Bolletje",
         "Ask the werkcoach about kinderopvangtoeslag"),
        ("Daniel", 5, "bso", "offered", "BSO De Vaart", "Sign the contract this week"),
    ],
}  # fmt: skip


def load_demo_group_children(people: dict[str, User]) -> None:
    """Demo: the children of Groep Zuid's other participants and where their care stands."""
    today = date.today()
    for username, children in GROUP_CHILDREN.items():
        her = people[username]
        if children_of(her):
            continue
        for nickname, age, kind, status, provider, next_action in children:
            child = add_child(her, nickname, today.year - age, today)
            application = start_application(her, child, kind)
            if status != "orienting":
                update_application(
                    her, application, status, provider=provider, next_action=next_action
                )
