"""Her cv-checklist: which parts of her cv she has ready."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.models.base import Base, utcnow


class CvChecklistTick(Base):
    __tablename__ = "cv_checklist_ticks"
    __table_args__ = (UniqueConstraint("user_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(40))
    done_at: Mapped[datetime] = mapped_column(default=utcnow)
