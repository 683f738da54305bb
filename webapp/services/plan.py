"""Her stappenplan: the rules. Every function takes the user and fetches her data by owner.

Changes that can be made offline are absolute ("set the status to gedaan") and carry the time
they were made on the phone (`at`, naive UTC). Per field, the later change wins; an older change
that arrives late is not applied and is reported back (see `Outcome`), never silently lost.
"""

import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.models import Group, Membership, Role, User, utcnow
from webapp.models.plan import (
    Plan,
    PlanAccess,
    PlanStep,
    Reflection,
    StepStatus,
    StepTemplate,
    StepTemplateItem,
)
from webapp.services import ServiceError

# Life areas, side by side: language never blocks the others. key -> (label, default rung)
AREAS = {
    "taal": (_l("Taal"), 3),
    "gezondheid": (_l("Gezondheid en rust"), 2),
    "kinderen": (_l("Kinderen en opvang"), 3),
    "geld": (_l("Geld"), 2),
    "netwerk": (_l("Netwerk"), 2),
    "vaardigheden": (_l("Vaardigheden en cv"), 3),
    "werkervaring": (_l("Werkervaring"), 4),
    "werk": (_l("Werk"), 5),
    "nazorg": (_l("Nazorg"), 5),
}

STATUSES = {
    StepStatus.TODO: _l("Nog niet"),
    StepStatus.BUSY: _l("Bezig"),
    StepStatus.DONE: _l("Gedaan"),
    StepStatus.DROPPED: _l("Niet meer nodig"),
}

GOALS = {
    "werk": _l("Een baan"),
    "opleiding": _l("Een opleiding of cursus"),
    "tussenstap": _l("Vrijwilligerswerk of een stage, als stap op weg"),
    "ontdekken": _l("Ik weet het nog niet: ontdekken wat ik wil"),
}

# The participatieladder, told as places to stand, never as labels for a person.
RUNGS = {
    1: _l("Thuis, bezig met je gezin"),
    2: _l("Contact met mensen buiten je huis"),
    3: _l("Meedoen: bijeenkomsten, les of een cursus"),
    4: _l("Vrijwilligerswerk, stage of werkervaring"),
    5: _l("Betaald werk, met steun"),
    6: _l("Betaald werk, op eigen kracht"),
}

# The shipped default template: the journey of the programme (area, action, rung).
DEFAULT_TEMPLATE = (
    ("netwerk", _l("Naar de startbijeenkomst gaan"), 2),
    ("netwerk", _l("Kennismaken met de projectmedewerker"), 2),
    ("werk", _l("Gesprek met mijn werkcoach"), 3),
    ("kinderen", _l("Opvang regelen voor de bijeenkomsten"), 3),
    ("werk", _l("Naar de bijeenkomst over werk"), 3),
    ("geld", _l("Naar de bijeenkomst over geld"), 3),
    ("geld", _l("Uitrekenen wat ik overhoud als ik werk"), 3),
    ("taal", _l("Nederlandse les zoeken"), 3),
    ("gezondheid", _l("Elke week tijd voor mezelf plannen"), 2),
    ("vaardigheden", _l("Ontdekken wat ik wil en wat ik kan"), 3),
    ("vaardigheden", _l("Mijn cv maken"), 3),
    ("vaardigheden", _l("Een sollicitatiegesprek oefenen"), 3),
    ("kinderen", _l("Kinderopvang zoeken en mijn kind inschrijven"), 3),
    ("kinderen", _l("Opvang geregeld"), 3),
    ("werkervaring", _l("Vrijwilligerswerk zoeken"), 4),
    ("werkervaring", _l("Een stage of werkervaringsplaats vinden"), 4),
    ("werk", _l("Solliciteren op een baan"), 4),
    ("werk", _l("Beginnen met werk"), 5),
    ("nazorg", _l("Een plan maken voor als mijn kind ziek is"), 5),
    ("nazorg", _l("Terugkomen en vertellen hoe het gaat"), 5),
    ("werk", _l("Werk waarmee ik zonder uitkering rondkom"), 6),
)

LIMITS = {"action": 200, "helper": 120, "if_hard": 200, "goal_text": 200, "reflection": 500}
STEP_FIELDS = ("area", "action", "moment", "helper", "if_hard", "status", "position")


@dataclass
class Outcome:
    """What a change did. `superseded` lists fields where a later change had already won."""

    applied: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    step: PlanStep | None = None


# ---------------------------------------------------------------- the plan and its steps


def get_plan(user: User) -> Plan:
    plan = db.session.scalar(select(Plan).where(Plan.owner_id == user.id))
    if plan is None:
        plan = Plan(owner_id=user.id, field_times={})
        db.session.add(plan)
        db.session.flush()
    return plan


def steps_of(user: User) -> list[PlanStep]:
    return list(
        db.session.scalars(
            select(PlanStep)
            .where(PlanStep.owner_id == user.id)
            .order_by(PlanStep.position, PlanStep.id)
        )
    )


def steps_by_area(user: User) -> list[tuple[str, object, list[PlanStep]]]:
    # The plan page shows each step's reflection: load them in one query, not one per step.
    steps = list(
        db.session.scalars(
            select(PlanStep)
            .where(PlanStep.owner_id == user.id)
            .order_by(PlanStep.position, PlanStep.id)
            .options(selectinload(PlanStep.reflection))
        )
    )
    return [
        (key, label, [s for s in steps if s.area == key])
        for key, (label, _rung) in AREAS.items()
        if any(s.area == key for s in steps)
    ]


def get_step(user: User, step_uuid: str) -> PlanStep | None:
    """Her step by its UUID, or None: another participant's step is not found."""
    return db.session.scalar(
        select(PlanStep).where(PlanStep.uuid == str(step_uuid), PlanStep.owner_id == user.id)
    )


def next_step(user: User) -> PlanStep | None:
    steps = [s for s in steps_of(user) if s.status in (StepStatus.BUSY, StepStatus.TODO)]
    busy = [s for s in steps if s.status == StepStatus.BUSY]
    return (busy or steps or [None])[0]


def done_steps(user: User) -> list[PlanStep]:
    return list(
        db.session.scalars(
            select(PlanStep)
            .where(PlanStep.owner_id == user.id, PlanStep.status == StepStatus.DONE)
            .order_by(PlanStep.done_at.desc(), PlanStep.id.desc())
            .options(selectinload(PlanStep.reflection))
        )
    )


def ladder(user: User) -> dict:
    """Where she stands on the participatieladder (1–6), from the steps she did: the highest
    rung of a done step, never lower than where she started."""
    plan = get_plan(user)
    done = [s.rung for s in steps_of(user) if s.status == StepStatus.DONE]
    rung = max([plan.start_rung, *done])
    return {
        "rung": rung,
        "up": rung - plan.start_rung,
        "rungs": [(n, RUNGS[n]) for n in sorted(RUNGS)],
        "next": RUNGS.get(rung + 1),
    }


def _clean(value, name: str, required: bool = False) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise ServiceError(_l("Schrijf hier iets op."), field=name)
    if len(text) > LIMITS[name]:
        raise ServiceError(_l("Dit is te lang. Maximaal %(n)s tekens.", n=LIMITS[name]), field=name)
    return text


def _when(at: datetime | None) -> datetime:
    """The phone's time of a change, but never in the future (a wrong phone clock)."""
    now = utcnow()
    return now if at is None or at > now else at


def _set_fields(obj, values: dict, at: datetime, outcome: Outcome) -> None:
    times = dict(obj.field_times or {})
    for name, value in values.items():
        previous = times.get(name)
        if previous and datetime.fromisoformat(previous) > at:
            outcome.superseded.append(name)
            continue
        setattr(obj, name, value)
        times[name] = at.isoformat()
        outcome.applied.append(name)
    obj.field_times = times


def _check_step_values(values: dict) -> dict:
    clean = {}
    for name, value in values.items():
        if name == "action":
            clean[name] = _clean(value, "action", required=True)
        elif name in ("helper", "if_hard"):
            clean[name] = _clean(value, name)
        elif name == "area":
            if value not in AREAS:
                raise ServiceError(_l("Kies een onderwerp."), field="area")
            clean[name] = value
        elif name == "status":
            if value not in STATUSES:
                raise ServiceError(_l("Kies wat bij deze stap past."), field="status")
            clean[name] = StepStatus(value)
        elif name == "moment":
            if value is not None and not isinstance(value, date):
                raise ServiceError(_l("Dit is geen datum."), field="moment")
            clean[name] = value
        else:
            raise ValueError(name)
    return clean


def add_step(
    user: User,
    action: str,
    area: str,
    *,
    step_uuid: str | None = None,
    moment: date | None = None,
    helper: str = "",
    if_hard: str = "",
    rung: int | None = None,
    at: datetime | None = None,
) -> Outcome:
    """A new step at the end of its list. A step made offline keeps its UUID; adding the same
    UUID again changes nothing (it is the same step)."""
    values = _check_step_values(
        {"action": action, "area": area, "moment": moment, "helper": helper, "if_hard": if_hard}
    )
    step_uuid = _valid_uuid(step_uuid) or str(uuidlib.uuid4())
    existing = db.session.scalar(select(PlanStep).where(PlanStep.uuid == step_uuid))
    if existing is not None:
        if existing.owner_id != user.id:
            raise ServiceError(_l("Deze stap bestaat al."))
        return Outcome(step=existing)
    get_plan(user)
    when = _when(at)
    last = db.session.scalar(
        select(func.max(PlanStep.position)).where(PlanStep.owner_id == user.id)
    )
    step = PlanStep(
        uuid=step_uuid,
        owner_id=user.id,
        rung=rung if rung in RUNGS else AREAS[values["area"]][1],
        position=(last or 0) + 1,
        status=StepStatus.TODO,
        field_times={},
        **values,
    )
    outcome = Outcome(step=step)
    step.field_times = {name: when.isoformat() for name in (*values, "status", "position")}
    outcome.applied = list(values)
    db.session.add(step)
    db.session.commit()
    return outcome


def add_step_from_template(
    user: User, item_key: str, *, step_uuid: str | None = None, at: datetime | None = None
) -> Outcome:
    """Copy a template item into her plan, in her language now: later changes to the template
    never rewrite her steps."""
    item = template_item(user, item_key)
    if item is None:
        raise ServiceError(_l("Deze stap staat niet (meer) in de lijst."), field="template")
    return add_step(
        user, item["action"], item["area"], step_uuid=step_uuid, rung=item["rung"], at=at
    )


def update_step(user: User, step: PlanStep, values: dict, at: datetime | None = None) -> Outcome:
    if step.owner_id != user.id:
        raise LookupError("not her step")
    clean = _check_step_values(values)
    outcome = Outcome(step=step)
    _set_fields(step, clean, _when(at), outcome)
    if "status" in outcome.applied:
        step.done_at = utcnow() if step.status == StepStatus.DONE else None
    db.session.commit()
    return outcome


def set_status(user: User, step: PlanStep, status: str, at: datetime | None = None) -> Outcome:
    return update_step(user, step, {"status": status}, at)


def set_reflection(user: User, step: PlanStep, text: str, at: datetime | None = None) -> Outcome:
    """'Waar ben ik trots op': empty text removes the note."""
    if step.owner_id != user.id:
        raise LookupError("not her step")
    text = _clean(text, "reflection")
    outcome = Outcome(step=step)
    when = _when(at)
    times = dict(step.field_times or {})
    previous = times.get("reflection")
    if previous and datetime.fromisoformat(previous) > when:
        outcome.superseded.append("reflection")
        return outcome
    times["reflection"] = when.isoformat()
    step.field_times = times
    if not text:
        step.reflection = None  # delete-orphan removes the row
    elif step.reflection is None:
        step.reflection = Reflection(text=text, written_at=when)
    else:
        step.reflection.text = text
        step.reflection.written_at = when
    outcome.applied.append("reflection")
    db.session.commit()
    return outcome


def move_step(user: User, step: PlanStep, direction: int) -> None:
    """Swap with the neighbour in the same life area (direction -1 up, +1 down)."""
    same_area = [s for s in steps_of(user) if s.area == step.area]
    index = next(i for i, s in enumerate(same_area) if s.id == step.id)
    other_index = index + (1 if direction > 0 else -1)
    if not 0 <= other_index < len(same_area):
        return
    other = same_area[other_index]
    step.position, other.position = other.position, step.position
    if step.position == other.position:
        other.position += -direction
    now = utcnow().isoformat()
    for s in (step, other):
        s.field_times = {**(s.field_times or {}), "position": now}
    db.session.commit()


def delete_step(user: User, step: PlanStep) -> None:
    if step.owner_id != user.id:
        raise LookupError("not her step")
    db.session.delete(step)
    db.session.commit()


def set_goal(user: User, kind: str | None, text: str = "", at: datetime | None = None) -> Outcome:
    if kind not in GOALS:
        raise ServiceError(_l("Kies wat je doel is."), field="goal_kind")
    text = _clean(text, "goal_text")
    plan = get_plan(user)
    outcome = Outcome()
    _set_fields(plan, {"goal_kind": kind, "goal_text": text}, _when(at), outcome)
    db.session.commit()
    return outcome


def set_paused(user: User, paused: bool, at: datetime | None = None) -> Outcome:
    plan = get_plan(user)
    outcome = Outcome()
    _set_fields(plan, {"paused": bool(paused)}, _when(at), outcome)
    db.session.commit()
    return outcome


# ---------------------------------------------------------------- sharing with her begeleider


def set_shared(user: User, shared: bool) -> None:
    plan = get_plan(user)
    plan.shared = bool(shared)
    db.session.commit()


def access_log(user: User, limit: int = 50) -> list[PlanAccess]:
    return list(
        db.session.scalars(
            select(PlanAccess)
            .where(PlanAccess.owner_id == user.id)
            .order_by(PlanAccess.viewed_at.desc(), PlanAccess.id.desc())
            .limit(limit)
        )
    )


def _staff_of_her_group(staff: User, participant: User) -> bool:
    if staff.role not in (Role.STAFF, Role.ADMIN):
        return False
    from webapp.services.accounts import participant_in_staff_groups

    return participant_in_staff_groups(staff, participant.id) is not None


def shared_plan_for_staff(staff: User, participant_id: int) -> User | None:
    """The participant whose plan this staff member may read now (she shares it, and he works
    with her group), or None. Each read is logged for her to see."""
    participant = db.session.get(User, participant_id)
    if participant is None or participant.role != Role.PARTICIPANT:
        return None
    plan = db.session.scalar(select(Plan).where(Plan.owner_id == participant.id))
    if plan is None or not plan.shared or not _staff_of_her_group(staff, participant):
        return None
    db.session.add(PlanAccess(owner_id=participant.id, staff_id=staff.id))
    db.session.commit()
    return participant


def sharing_participants(staff: User, group: Group) -> list[User]:
    """Participants of this group who share their plan."""
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .join(Plan, Plan.owner_id == User.id)
            .where(Membership.group_id == group.id, Plan.shared.is_(True))
            .order_by(func.lower(User.display_name))
        )
    )


# ---------------------------------------------------------------- templates


def group_template(group: Group) -> StepTemplate | None:
    return db.session.scalar(select(StepTemplate).where(StepTemplate.group_id == group.id))


def template_items(group: Group | None) -> list[dict]:
    """The items of a group's template (its own copy, or the shipped default in the current
    language). key: 'd<n>' for a default item, 'g<id>' for a group's own item."""
    own = group_template(group) if group is not None else None
    if own is not None:
        return [
            {"key": f"g{i.id}", "id": i.id, "area": i.area, "action": i.action, "rung": i.rung}
            for i in own.items
        ]
    return [
        {"key": f"d{n}", "id": None, "area": area, "action": str(action), "rung": rung}
        for n, (area, action, rung) in enumerate(DEFAULT_TEMPLATE)
    ]


def template_for(user: User) -> list[dict]:
    from webapp.services.accounts import groups_of_participant

    groups = groups_of_participant(user)
    return template_items(groups[0] if groups else None)


def template_item(user: User, key: str) -> dict | None:
    return next((i for i in template_for(user) if i["key"] == key), None)


def template_by_area(items: list[dict]) -> list[tuple[str, object, list[dict]]]:
    return [
        (key, label, [i for i in items if i["area"] == key])
        for key, (label, _rung) in AREAS.items()
        if any(i["area"] == key for i in items)
    ]


def copy_template(group: Group, source: Group | None = None) -> StepTemplate:
    """Give a group its own template to edit: a copy of another group's template, or of the
    shipped default (in the language of the person copying). Replaces what the group had."""
    items = template_items(source)
    existing = group_template(group)
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    template = StepTemplate(group_id=group.id)
    template.items = [
        StepTemplateItem(area=i["area"], action=i["action"], rung=i["rung"], position=n)
        for n, i in enumerate(items)
    ]
    db.session.add(template)
    db.session.commit()
    return template


def reset_template(group: Group) -> None:
    existing = group_template(group)
    if existing is not None:
        db.session.delete(existing)
        db.session.commit()


def _own_template(group: Group) -> StepTemplate:
    return group_template(group) or copy_template(group)


def add_template_item(group: Group, area: str, action: str, rung: int | None = None) -> None:
    action = _clean(action, "action", required=True)
    if area not in AREAS:
        raise ServiceError(_l("Kies een onderwerp."), field="area")
    template = _own_template(group)
    position = max([i.position for i in template.items] or [-1]) + 1
    template.items.append(
        StepTemplateItem(
            area=area,
            action=action,
            rung=rung if rung in RUNGS else AREAS[area][1],
            position=position,
        )
    )
    template.updated_at = utcnow()
    db.session.commit()


def update_template_item(group: Group, item_id: int, action: str) -> None:
    item = _template_item_of(group, item_id)
    item.action = _clean(action, "action", required=True)
    item.template.updated_at = utcnow()
    db.session.commit()


def delete_template_item(group: Group, item_id: int) -> None:
    item = _template_item_of(group, item_id)
    db.session.delete(item)
    db.session.commit()


def _template_item_of(group: Group, item_id: int) -> StepTemplateItem:
    template = group_template(group)
    item = db.session.get(StepTemplateItem, item_id)
    if template is None or item is None or item.template_id != template.id:
        raise LookupError("not in this group's template")
    return item


def _valid_uuid(value) -> str | None:
    try:
        return str(uuidlib.UUID(str(value))) if value else None
    except ValueError:
        return None


# ---------------------------------------------------------------- demo


def demo_steps() -> None:
    """Sara's demo plan: a goal, a few steps, some done, one with a reflection."""
    sara = db.session.scalar(select(User).where(User.username == "sara"))
    if sara is None or steps_of(sara):
        return
    set_goal(sara, "werk", _("Werken in de kinderopvang"))
    set_shared(sara, False)
    first = add_step(sara, _("Naar de startbijeenkomst gaan"), "netwerk", rung=2).step
    set_status(sara, first, StepStatus.DONE)
    set_reflection(sara, first, _("Ik heb verteld over mijn kinderen en mijn werk vroeger."))
    talk = add_step(sara, _("Gesprek met mijn werkcoach"), "werk", rung=3).step
    set_status(sara, talk, StepStatus.DONE)
    add_step(
        sara,
        _("Nederlandse les zoeken"),
        "taal",
        helper=_("Mijn buurvrouw"),
        if_hard=_("Dan vraag ik het op de volgende bijeenkomst."),
    )
    busy = add_step(sara, _("Mijn cv maken"), "vaardigheden", helper=_("De projectmedewerker"))
    set_status(sara, busy.step, StepStatus.BUSY)
    add_step(sara, _("Kinderopvang zoeken en mijn kind inschrijven"), "kinderen")
    add_step(sara, _("Vrijwilligerswerk zoeken"), "werkervaring", rung=4)
