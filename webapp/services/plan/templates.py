"""Step templates: the list of ready-made steps she can pick from. A group uses the shipped
default (in the reader's language) until its staff make the group its own copy to edit."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, User, utcnow
from webapp.models.plan import StepTemplate, StepTemplateItem
from webapp.services.plan.choices import by_area, check_area, clean_text, rung_for

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
    return by_area(items, lambda i: i["area"])


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
    action = clean_text(action, "action", required=True)
    check_area(area)
    template = _own_template(group)
    position = max([i.position for i in template.items] or [-1]) + 1
    template.items.append(
        StepTemplateItem(area=area, action=action, rung=rung_for(area, rung), position=position)
    )
    template.updated_at = utcnow()
    db.session.commit()


def update_template_item(group: Group, item_id: int, action: str) -> None:
    item = _template_item_of(group, item_id)
    item.action = clean_text(action, "action", required=True)
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
