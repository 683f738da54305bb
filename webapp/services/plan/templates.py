"""Step templates: the list of ready-made steps she can pick from. A group uses the shipped
default (in the reader's language) until its staff make the group its own copy to edit."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.i18n import in_language
from webapp.models import Group, User, utcnow
from webapp.models.plan import StepTemplate, StepTemplateItem
from webapp.models.versions import VERSION_LANGUAGES
from webapp.services.plan.choices import LIMITS, by_area, check_area, clean_text, rung_for
from webapp.services.versions import clean_versions, copy_versions, set_versions

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


def template_items(group: Group | None, lang: str | None = None) -> list[dict]:
    """The items of a group's template (its own copy, or the shipped default), in `lang` (the
    language of the page when not given). key: 'd<n>' for a default item, 'g<id>' for a
    group's own item; "lang" is the language the action is written in (Dutch when a group's
    item has no version in hers), "missing" the languages a group's item still lacks."""
    lang = lang or _page_language()
    own = group_template(group) if group is not None else None
    if own is not None:
        return [
            {
                "key": f"g{i.id}",
                "id": i.id,
                "area": i.area,
                "action": i.text_in("action", lang),
                "lang": i.language_in("action", lang),
                "missing": i.missing_languages(("action",)),
                "rung": i.rung,
            }
            for i in own.items
        ]
    actions = _default_actions(lang)
    return [
        {"key": f"d{n}", "id": None, "area": area, "action": actions[n], "lang": lang,
         "missing": [], "rung": rung}
        for n, (area, _action, rung) in enumerate(DEFAULT_TEMPLATE)
    ]  # fmt: skip


def _page_language() -> str:
    return str(get_locale() or "nl")


def _default_actions(lang: str) -> list[str]:
    """The shipped default's actions as the catalog of `lang` writes them."""
    if lang == _page_language():
        return [str(action) for _area, action, _rung in DEFAULT_TEMPLATE]
    with in_language(lang):
        return [str(action) for _area, action, _rung in DEFAULT_TEMPLATE]


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
    shipped default (Dutch, with the app's own translations as its versions), so every
    participant still reads the list in her language. Replaces what the group had."""
    items = _copied_items(source)
    existing = group_template(group)
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    template = StepTemplate(group_id=group.id)
    template.items = items
    db.session.add(template)
    db.session.commit()
    return template


def _copied_items(source: Group | None) -> list[StepTemplateItem]:
    own = group_template(source) if source is not None else None
    if own is not None:
        items = []
        for n, i in enumerate(own.items):
            item = StepTemplateItem(area=i.area, action=i.action, rung=i.rung, position=n)
            copy_versions(i, item, ("action",))
            items.append(item)
        return items
    dutch = _default_actions("nl")
    translated = {lang: _default_actions(lang) for lang in VERSION_LANGUAGES}
    items = []
    for n, (area, _action, rung) in enumerate(DEFAULT_TEMPLATE):
        item = StepTemplateItem(area=area, action=dutch[n], rung=rung, position=n)
        # A text the catalog does not translate comes back Dutch: that is no version.
        versions = {lang: texts[n] for lang, texts in translated.items() if texts[n] != dutch[n]}
        set_versions(item, "action", versions)
        items.append(item)
    return items


def reset_template(group: Group) -> None:
    existing = group_template(group)
    if existing is not None:
        db.session.delete(existing)
        db.session.commit()


def _own_template(group: Group) -> StepTemplate:
    return group_template(group) or copy_template(group)


def add_template_item(
    group: Group,
    area: str,
    action: str,
    rung: int | None = None,
    versions: dict[str, str] | None = None,
) -> StepTemplateItem:
    action = clean_text(action, "action", required=True)
    check_area(area)
    clean = clean_versions("action", versions, LIMITS["action"])
    template = _own_template(group)
    position = max([i.position for i in template.items] or [-1]) + 1
    item = StepTemplateItem(area=area, action=action, rung=rung_for(area, rung), position=position)
    set_versions(item, "action", clean)
    template.items.append(item)
    template.updated_at = utcnow()
    db.session.commit()
    return item


def update_template_item(
    group: Group, item_id: int, action: str, versions: dict[str, str] | None = None
) -> None:
    """A new wording of a step on the list; `versions` replace its language versions (None
    keeps them). Steps she already took keep their words."""
    item = _template_item_of(group, item_id)
    action = clean_text(action, "action", required=True)
    clean = None if versions is None else clean_versions("action", versions, LIMITS["action"])
    item.action = action
    if clean is not None:
        set_versions(item, "action", clean)
    item.template.updated_at = utcnow()
    db.session.commit()


def get_template_item(group: Group, item_id: int) -> StepTemplateItem | None:
    """One item of the group's own list, for its edit page (None when it is not on it)."""
    try:
        return _template_item_of(group, item_id)
    except LookupError:
        return None


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
