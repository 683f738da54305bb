"""The trainster's side (and the medewerker's, who may do all she may and remove anything):
materials per meeting or for the whole group, their files, and how many opened each.

A new or changed material tells the group once a day per meeting (the `materials_published`
signal; the inbox reacts). A file is written to the store before its row is committed, and
removed again when the row cannot be: no half-stored material stays behind."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp import signals
from webapp.extensions import db
from webapp.i18n import LANGUAGES
from webapp.models import Group, Role, User, utcnow
from webapp.models.agenda import Meeting
from webapp.models.materials import Material, MaterialFile, MaterialOpen
from webapp.services import ServiceError
from webapp.services.accounts import get_group_for_staff
from webapp.services.materials import storage
from webapp.services.materials.files import MAX_FILE, check_file, download_name, human_size
from webapp.services.versions import clean_versions, set_versions

MAX_PER_MEETING = 60 * 1000 * 1000  # all files of one meeting (or of the group as a whole)
MAX_MATERIALS = 40  # per meeting or per group: a page she can scroll
LIMITS = {"title": 120, "body": 4000}
PUBLISHER_ROLES = (Role.TRAINER, Role.STAFF, Role.ADMIN)


@dataclass
class MaterialText:
    """What she wrote: Dutch title and text, and their versions {"title": {"ar": …}}."""

    title: str = ""
    body: str = ""
    translations: dict = field(default_factory=dict)


@dataclass
class Upload:
    data: bytes
    language: str = ""  # "" for a file without language (a picture)


def check_may_publish(user: User, group: Group) -> None:
    if user.role not in PUBLISHER_ROLES or get_group_for_staff(user, group.id) is None:
        raise ServiceError(_l("Je kunt hier geen materiaal delen."))


def may_remove(user: User, material: Material) -> bool:
    """The medewerker removes anything; the trainster what she shared herself."""
    return user.role in (Role.STAFF, Role.ADMIN) or material.author_id == user.id


def _materials_of(group_id: int, meeting_id: int | None):
    query = (
        select(Material)
        .where(Material.group_id == group_id)
        .options(selectinload(Material.files))
        .order_by(Material.created_at, Material.id)
        .limit(MAX_MATERIALS)
    )
    if meeting_id is None:
        return query.where(Material.meeting_id.is_(None))
    return query.where(Material.meeting_id == meeting_id)


def materials_for(group_id: int, meeting_id: int | None) -> list[Material]:
    return list(db.session.scalars(_materials_of(group_id, meeting_id)))


def used_space(group_id: int, meeting_id: int | None) -> int:
    query = (
        select(func.coalesce(func.sum(MaterialFile.size), 0))
        .join(Material)
        .where(Material.group_id == group_id)
    )
    if meeting_id is None:
        query = query.where(Material.meeting_id.is_(None))
    else:
        query = query.where(Material.meeting_id == meeting_id)
    return int(db.session.scalar(query))


def space_left(group_id: int, meeting_id: int | None) -> int:
    return max(0, MAX_PER_MEETING - used_space(group_id, meeting_id))


def upload_limit(group_id: int, meeting_id: int | None) -> int:
    """The largest file that fits now: the per-file limit or the room left."""
    return min(MAX_FILE, space_left(group_id, meeting_id))


def _clean_text(text: MaterialText) -> MaterialText:
    title = " ".join((text.title or "").split())
    body = (text.body or "").strip()
    if len(title) > LIMITS["title"]:
        raise ServiceError(_l("Dit is te lang. Maximaal %(n)s tekens.", n=120), "title")
    if len(body) > LIMITS["body"]:
        raise ServiceError(_l("Dit is te lang. Maximaal %(n)s tekens.", n=4000), "body")
    versions = {
        name: clean_versions(name, (text.translations or {}).get(name), limit)
        for name, limit in LIMITS.items()
    }
    return MaterialText(title, body, versions)


def _store(upload: Upload, title: str, room: int) -> tuple[dict, str]:
    """Check and write the file; returns the file row's values and its key."""
    if upload.language not in ("", *LANGUAGES):
        raise ServiceError(_l("Kies de taal van het bestand."), "language")
    checked = check_file(upload.data)
    if len(checked.data) > room:
        raise ServiceError(
            _l(
                "Er is nog %(left)s ruimte voor deze bijeenkomst. Dit bestand is %(size)s.",
                left=human_size(room),
                size=human_size(len(checked.data)),
            ),
            "file",
        )
    key = storage.save(checked.data, checked.extension)
    values = {
        "language": upload.language,
        "kind": checked.kind,
        "content_type": checked.content_type,
        "size": len(checked.data),
        "storage_key": key,
        "download_name": download_name(title, checked.extension),
        "width": checked.width,
        "height": checked.height,
    }
    return values, key


def _commit_or_forget(keys: list[str]) -> None:
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        for key in keys:
            storage.delete(key)
        raise


def add_material(
    user: User,
    group: Group,
    meeting: Meeting | None,
    text: MaterialText,
    upload: Upload | None = None,
    tell_group: bool = True,
) -> Material:
    """Share a text, a file, or both, for a meeting or (meeting None) for the whole group.
    The group hears of it in the inbox (not for demo data loaded as if seen long ago)."""
    check_may_publish(user, group)
    if meeting is not None and meeting.group_id != group.id:
        raise ServiceError(_l("Deze bijeenkomst is niet van deze groep."))
    text = _clean_text(text)
    if not (text.title or text.body or upload is not None):
        raise ServiceError(_l("Schrijf een tekst of kies een bestand."), "body")
    meeting_id = meeting.id if meeting is not None else None
    if len(materials_for(group.id, meeting_id)) >= MAX_MATERIALS:
        raise ServiceError(_l("Hier staat al veel. Haal eerst iets weg."), "file")
    keys = []
    material = Material(
        group_id=group.id, meeting_id=meeting_id, author_id=user.id, title=text.title,
        body=text.body,
    )  # fmt: skip
    for name in LIMITS:
        set_versions(material, name, text.translations[name])
    if upload is not None:
        values, key = _store(upload, text.title, space_left(group.id, meeting_id))
        keys.append(key)
        material.files.append(MaterialFile(**values))
    db.session.add(material)
    _commit_or_forget(keys)
    if tell_group:
        announce(group, meeting)
    return material


def update_material(user: User, material: Material, text: MaterialText) -> Material:
    check_may_publish(user, material_group(material))
    text = _clean_text(text)
    if not (text.title or text.body or material.files):
        raise ServiceError(_l("Schrijf een tekst of kies een bestand."), "body")
    material.title, material.body = text.title, text.body
    for name in LIMITS:
        set_versions(material, name, text.translations[name])
    db.session.commit()
    return material


def add_file(user: User, material: Material, upload: Upload) -> MaterialFile:
    """Add the file in another language (or replace the one in the same language)."""
    check_may_publish(user, material_group(material))
    existing = next((f for f in material.files if f.language == upload.language), None)
    room = space_left(material.group_id, material.meeting_id) + (existing.size if existing else 0)
    values, key = _store(upload, material.title, room)
    old_key = existing.storage_key if existing else None
    if existing is not None:
        material.files.remove(existing)
        db.session.flush()
    new = MaterialFile(**values)
    material.files.append(new)
    material.updated_at = utcnow()
    _commit_or_forget([key])
    if old_key:
        storage.delete(old_key)
    return new


def remove_material(user: User, material: Material) -> None:
    check_may_publish(user, material_group(material))
    if not may_remove(user, material):
        raise ServiceError(_l("Alleen wie dit deelde of de projectmedewerker kan het weghalen."))
    keys = [f.storage_key for f in material.files]
    db.session.delete(material)
    db.session.commit()
    for key in keys:
        storage.delete(key)


def material_group(material: Material) -> Group:
    return db.session.get(Group, material.group_id)


def get_material_for_staff(user: User, material_id: int) -> Material | None:
    material = db.session.get(Material, material_id)
    if material is None or user.role not in PUBLISHER_ROLES:
        return None
    if get_group_for_staff(user, material.group_id) is None:
        return None
    return material


def open_counts(materials: list[Material]) -> dict[int, int]:
    """Per material, how many opened it (a count, never who)."""
    ids = [m.id for m in materials]
    if not ids:
        return {}
    rows = db.session.execute(
        select(MaterialOpen.material_id, func.count())
        .where(MaterialOpen.material_id.in_(ids))
        .group_by(MaterialOpen.material_id)
    )
    return dict(rows.all())


def announce(group: Group, meeting: Meeting | None) -> None:
    """Tell the group something new is there (the inbox listens; once a day per meeting)."""
    signals.materials_published.send(group, meeting=meeting)
