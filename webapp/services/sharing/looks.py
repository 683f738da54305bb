"""Every look at a part she shares, for her to see ("Marieke keek op 3 december naar je
plan")."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from webapp.extensions import db
from webapp.models import Part, User
from webapp.models.sharing import PartView

LOOKS_PER_PART = 5


def recent_looks(owner: User, per_part: int = LOOKS_PER_PART) -> dict[str, list[PartView]]:
    """Per part, the latest looks, newest first (one query per part: four, whatever her
    history)."""
    return {
        part.value: list(
            db.session.scalars(
                select(PartView)
                .options(joinedload(PartView.viewer))
                .where(PartView.owner_id == owner.id, PartView.part == part.value)
                .order_by(PartView.viewed_at.desc(), PartView.id.desc())
                .limit(per_part)
            )
        )
        for part in Part
    }
