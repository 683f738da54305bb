"""Her side: the materials of her group's meetings and of her group, in her language, a file
only when it is her group's, and the first time she opened each (counted, never shown)."""

from dataclasses import dataclass

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Group, Membership, Role, User, utcnow
from webapp.models.agenda import Meeting
from webapp.models.materials import Material, MaterialFile, MaterialOpen
from webapp.services.accounts import get_group_for_staff
from webapp.services.materials.publishing import PUBLISHER_ROLES, materials_for
from webapp.services.reminders.records import insert_ignore


@dataclass
class Shown:
    """A material as she sees it: the file in her language, else Dutch, else without one."""

    material: Material
    file: MaterialFile | None


def file_for(material: Material, lang: str) -> MaterialFile | None:
    by_language = {f.language: f for f in material.files}
    for choice in (lang, "nl", ""):
        if choice in by_language:
            return by_language[choice]
    return material.files[0] if material.files else None


def shown(materials: list[Material], lang: str) -> list[Shown]:
    return [Shown(m, file_for(m, lang)) for m in materials]


def meeting_materials(user: User, meeting: Meeting) -> list[Material]:
    """The materials of a meeting of hers (the caller found the meeting through her groups)."""
    return materials_for(meeting.group_id, meeting.id)


def her_groups(user: User) -> list[Group]:
    return list(
        db.session.scalars(
            select(Group).join(Membership).where(Membership.user_id == user.id).order_by(Group.id)
        )
    )


def group_materials(user: User) -> list[tuple[Group, list[Material]]]:
    return [(g, materials_for(g.id, None)) for g in her_groups(user)]


def get_file(user: User, file_id: int) -> MaterialFile | None:
    """A file she may see: of her group (participant), or of a group she works with (staff,
    trainster). Anyone else's id is as good as none."""
    found = db.session.get(MaterialFile, file_id)
    if found is None:
        return None
    group_id = found.material.group_id
    if user.role == Role.PARTICIPANT:
        member = db.session.scalar(
            select(Membership.id).where(
                Membership.user_id == user.id, Membership.group_id == group_id
            )
        )
        return found if member else None
    if user.role in PUBLISHER_ROLES and get_group_for_staff(user, group_id) is not None:
        return found
    return None


def record_opened(user: User, materials: list[Material]) -> None:
    """She opened these (the first time counts; later times change nothing)."""
    if user.role != Role.PARTICIPANT or not materials:
        return
    now = utcnow()
    insert_ignore(
        MaterialOpen.__table__,
        [{"user_id": user.id, "material_id": m.id, "opened_at": now} for m in materials],
    )
    db.session.commit()
