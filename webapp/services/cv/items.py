"""The lists on her cv (work, education, skills, languages, certificates): adding, changing,
moving and removing an item, also offline.

An item made offline keeps the UUID her phone gave it, so it arrives once. A move is absolute
("this item to place 2"), and the order of a list is one field: of two orders from her phones,
the one she made last stays. A removal loses to a change she made after it (`removal_lost`)."""

import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select

from webapp.extensions import db
from webapp.models import User
from webapp.models.cv import CvItem
from webapp.services import ServiceError
from webapp.services.conflicts import (
    Outcome,
    apply_changes,
    change_time,
    later_change_won,
    removal_lost,
    stamp_new,
)
from webapp.services.cv.choices import (
    EDUCATION_STATES,
    EXPERIENCE_KINDS,
    IDW_STATES,
    LANGUAGE_CODES,
    LANGUAGE_LEVELS,
    LIST_PARTS,
    MAX_ITEMS,
    PERIOD,
    SKILL_SUGGESTIONS,
    clean_choice,
    clean_text,
)
from webapp.services.cv.parts import profile_of

ITEM_FIELDS = ("key", "kind", "title", "place", "country", "period", "details", "abroad", "valued")


@dataclass
class ItemOutcome(Outcome):
    item: CvItem | None = None


_HER_LIST = (
    select(CvItem)
    .where(CvItem.user_id == bindparam("user_id"), CvItem.part == bindparam("part"))
    .order_by(CvItem.position, CvItem.id)
)


def items_of(user: User, part: str) -> list[CvItem]:
    """One list of hers, in her order (bounded: a list holds at most MAX_ITEMS)."""
    return list(
        db.session.scalars(_HER_LIST.limit(MAX_ITEMS[part]), {"user_id": user.id, "part": part})
    )


def all_items(user: User) -> dict[str, list[CvItem]]:
    """Every list of hers, in her order, in one query (for the PDF and the staff view)."""
    lists = {part: [] for part in LIST_PARTS}
    rows = db.session.scalars(
        select(CvItem)
        .where(CvItem.user_id == user.id, CvItem.part.in_(LIST_PARTS))
        .order_by(CvItem.part, CvItem.position, CvItem.id)
        .limit(sum(MAX_ITEMS.values()))
    )
    for item in rows:
        if len(lists[item.part]) < MAX_ITEMS[item.part]:
            lists[item.part].append(item)
    return lists


def get_item(user: User, item_uuid: str) -> CvItem | None:
    """Her item by its UUID, or None: another participant's item is not found."""
    return db.session.scalar(
        select(CvItem).where(CvItem.uuid == str(item_uuid), CvItem.user_id == user.id)
    )


def clean_item(part: str, values: dict, today: date) -> dict:
    """The fields of an item of this part, checked; the fields the part does not use are empty."""
    clean = dict.fromkeys(ITEM_FIELDS, "")
    clean["abroad"] = False
    get = values.get
    if part == "experience":
        clean["kind"] = clean_choice(
            get("kind") or "work", "kind", EXPERIENCE_KINDS, _l("Kies wat voor werk het was.")
        )
        clean["title"] = clean_text(get("title"), "title", 80, required=True)
    elif part == "education":
        clean["kind"] = clean_choice(
            get("kind") or "done", "kind", EDUCATION_STATES, _l("Kies hoe ver je bent.")
        )
        clean["title"] = clean_text(get("title"), "title", 100, required=True)
        clean["abroad"] = bool(get("abroad"))
        valued = get("valued") or ""
        clean["valued"] = clean_choice(valued, "valued", IDW_STATES, _l("Kies uit de lijst."))
        if not clean["abroad"]:
            clean["valued"] = ""
    elif part == "skills":
        key = get("key") or ""
        if key:
            clean["key"] = clean_choice(key, "key", SKILL_SUGGESTIONS, _l("Kies uit de lijst."))
        else:
            clean["title"] = clean_text(get("title"), "title", 60, required=True)
    elif part == "languages":
        key = get("key") or ""
        if key:
            clean["key"] = clean_choice(key, "key", LANGUAGE_CODES, _l("Kies een taal."))
        else:
            clean["title"] = clean_text(get("title"), "title", 40, required=True)
        clean["kind"] = clean_choice(
            get("kind"), "kind", LANGUAGE_LEVELS, _l("Kies hoe goed je deze taal spreekt.")
        )
    elif part == "certificates":
        clean["title"] = clean_text(get("title"), "title", 100, required=True)
    else:
        raise ServiceError(_l("Dit onderdeel kennen we niet."))
    if part in ("experience", "education", "certificates"):
        clean["place"] = clean_text(get("place"), "place", 80)
        clean["period"] = PERIOD.clean(get("period"), today)
    if part in ("experience", "education"):
        clean["country"] = clean_text(get("country"), "country", 60)
        clean["details"] = clean_text(
            get("details"), "details", 400 if part == "experience" else 300
        )
    return clean


def _valid_uuid(value) -> str | None:
    try:
        return str(uuidlib.UUID(str(value))) if value else None
    except ValueError:
        return None


def _same_choice(user: User, part: str, key: str) -> CvItem | None:
    """A skill she tapped, or a language, is on her cv once."""
    if part not in ("skills", "languages") or not key:
        return None
    return db.session.scalar(
        select(CvItem).where(CvItem.user_id == user.id, CvItem.part == part, CvItem.key == key)
    )


def add_item(
    user: User,
    part: str,
    values: dict,
    today: date,
    *,
    item_uuid: str | None = None,
    at: datetime | None = None,
) -> ItemOutcome:
    """A new item at the end of its list. The same UUID again is the same item (sent twice)."""
    if part not in LIST_PARTS:
        raise ServiceError(_l("Dit onderdeel kennen we niet."))
    clean = clean_item(part, values, today)
    item_uuid = _valid_uuid(item_uuid) or str(uuidlib.uuid4())
    existing = db.session.scalar(select(CvItem).where(CvItem.uuid == item_uuid))
    if existing is not None:
        if existing.user_id != user.id:
            raise ServiceError(_l("Dit staat al ergens anders."))
        return ItemOutcome(item=existing)
    same = _same_choice(user, part, clean["key"])
    if same is not None:
        outcome = ItemOutcome(item=same)
        if part == "languages":
            apply_changes(same, {"kind": clean["kind"]}, at, outcome)
            db.session.commit()
        return outcome
    count, last = db.session.execute(
        select(func.count(CvItem.id), func.max(CvItem.position)).where(
            CvItem.user_id == user.id, CvItem.part == part
        )
    ).one()
    if count >= MAX_ITEMS[part]:
        raise ServiceError(
            _l(
                "Er passen er %(n)d op je cv. Haal er eerst een weg, dan kun je dit toevoegen.",
                n=MAX_ITEMS[part],
            ),
            "title",
        )
    item = CvItem(
        uuid=item_uuid,
        user_id=user.id,
        part=part,
        position=(last or 0) + 1,
        field_times={},
        **clean,
    )
    stamp_new(item, ITEM_FIELDS, at)
    db.session.add(item)
    db.session.commit()
    return ItemOutcome(item=item, applied=list(ITEM_FIELDS))


def update_item(
    user: User, item: CvItem, values: dict, today: date, at: datetime | None = None
) -> ItemOutcome:
    """Set what the form says (all its fields: an absolute change)."""
    if item.user_id != user.id:
        raise ServiceError(_l("Dit hoort niet bij jouw cv."))
    clean = clean_item(item.part, {"key": item.key, **values}, today)
    outcome = ItemOutcome(item=item)
    apply_changes(item, clean, at, outcome)
    db.session.commit()
    return outcome


def remove_item(user: User, item: CvItem, at: datetime | None = None) -> bool:
    """Remove it, unless she changed it (on her other phone) after she removed it here: then
    it stays, and False says so."""
    if item.user_id != user.id:
        raise ServiceError(_l("Dit hoort niet bij jouw cv."))
    if removal_lost(item, at):
        return False
    db.session.delete(item)
    db.session.commit()
    return True


def move_item(user: User, item: CvItem, to: int, at: datetime | None = None) -> Outcome:
    """Put the item at place `to` (0 is the top) of its list. The list's order is one field of
    her cv: an older order arriving after a newer one does not win."""
    if item.user_id != user.id:
        raise ServiceError(_l("Dit hoort niet bij jouw cv."))
    order_field = f"order_{item.part}"
    profile = profile_of(user)
    when = change_time(at)
    if later_change_won(profile, order_field, when):
        return Outcome(superseded=[order_field])
    others = [i for i in items_of(user, item.part) if i.id != item.id]
    others.insert(max(0, min(int(to), len(others))), item)
    for position, each in enumerate(others):
        each.position = position
    stamp_new(profile, (order_field,), when)
    db.session.add(profile)
    db.session.commit()
    return Outcome(applied=[order_field])
