"""What she shares, part by part, with whom by name, and every look at a shared part.

A part (her plan, her cv, her kinderopvang, her noodplan) is shared with one person at a time:
a projectmedewerker of her group, or the trainster of her group. No row, no look.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.models.base import Base, utcnow


class Part(StrEnum):
    PLAN = "plan"
    CV = "cv"
    CHILDCARE = "kinderopvang"
    CALAMITY = "noodplan"


class Share(Base):
    """She lets `viewer` read one part of hers (until she takes it back)."""

    __tablename__ = "shares"
    __table_args__ = (UniqueConstraint("owner_id", "part", "viewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(20))
    viewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PartView(Base):
    """Someone read a part she shares: she sees who, which part and when."""

    __tablename__ = "part_views"
    __table_args__ = (Index("ix_part_views_owner_part", "owner_id", "part", "viewed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    viewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(20))
    viewed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    viewer = relationship("User", foreign_keys=[viewer_id])
