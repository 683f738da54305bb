"""Her choices per part, and the one check every staff view of her data makes."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from webapp.extensions import db
from webapp.models import Group, Membership, Part, Role, Share, User, utcnow
from webapp.models.sharing import PartView
from webapp.services import ServiceError
from webapp.services.sharing.people import READER_ROLES, readers_of


def shares_of(owner: User) -> dict[str, set[int]]:
    """Per part, the ids of the people she shares it with now (every part is there)."""
    shared: dict[str, set[int]] = {part.value: set() for part in Part}
    rows = db.session.execute(
        select(Share.part, Share.viewer_id).where(
            Share.owner_id == owner.id, Share.viewer_id.in_(readers_of(owner.id))
        )
    )
    for part, viewer_id in rows:
        if part in shared:
            shared[part].add(viewer_id)
    return shared


def set_viewers(owner: User, part: str, viewer_ids: set[int]) -> set[int]:
    """From now on, exactly these people may read this part (none: it is hers alone again,
    at once)."""
    if part not in {p.value for p in Part}:
        raise ServiceError(_l("Dit deel van je gegevens kennen we niet."))
    allowed = set(db.session.scalars(readers_of(owner.id)))
    if not viewer_ids <= allowed:
        raise ServiceError(_l("Met deze persoon kun je niet delen. Kies iemand uit de lijst."))
    db.session.execute(
        delete(Share).where(
            Share.owner_id == owner.id, Share.part == part, Share.viewer_id.not_in(viewer_ids)
        )
    )
    already = set(
        db.session.scalars(
            select(Share.viewer_id).where(Share.owner_id == owner.id, Share.part == part)
        )
    )
    for viewer_id in sorted(viewer_ids - already):
        db.session.add(Share(owner_id=owner.id, part=part, viewer_id=viewer_id))
    db.session.commit()
    return viewer_ids


def stop_sharing(owner: User) -> None:
    """Every part is hers alone again."""
    db.session.execute(delete(Share).where(Share.owner_id == owner.id))
    db.session.commit()


def _may_read(viewer: User, owner_id: int, part: str) -> bool:
    if viewer.role not in READER_ROLES or part not in {p.value for p in Part}:
        return False
    return (
        db.session.scalar(
            select(Share.id).where(
                Share.owner_id == owner_id,
                Share.part == part,
                Share.viewer_id == viewer.id,
                Share.viewer_id.in_(readers_of(owner_id)),
            )
        )
        is not None
    )


def readable_part(
    viewer: User, owner_id: int, part: str, now: datetime | None = None
) -> User | None:
    """The participant, if she shares this part with `viewer` now; the look is logged for her
    to see. None otherwise, whatever the reason (the view answers 404: nothing tells a reader
    whether she exists or shares other parts)."""
    owner = db.session.get(User, owner_id)
    if owner is None or owner.role != Role.PARTICIPANT or not _may_read(viewer, owner_id, part):
        return None
    db.session.add(
        PartView(owner_id=owner_id, viewer_id=viewer.id, part=part, viewed_at=now or utcnow())
    )
    db.session.commit()
    return owner


def participants_sharing_with(viewer: User, group: Group) -> list[tuple[User, list[str]]]:
    """The participants of this group who share something with `viewer`, with those parts
    (in the order of `Part`). The view checks first that `viewer` works with the group."""
    if viewer.role not in READER_ROLES:
        return []
    rows = db.session.execute(
        select(User, Share.part)
        .join(Membership, Membership.user_id == User.id)
        .join(Share, Share.owner_id == User.id)
        .where(
            Membership.group_id == group.id,
            User.role == Role.PARTICIPANT,
            Share.viewer_id == viewer.id,
        )
        .order_by(func.lower(User.display_name), User.id)
    ).all()
    order = [p.value for p in Part]
    found: dict[int, tuple[User, list[str]]] = {}
    for user, part in rows:
        if part in order:
            found.setdefault(user.id, (user, []))[1].append(part)
    return [(user, sorted(parts, key=order.index)) for user, parts in found.values()]
