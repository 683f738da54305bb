"""The offline engine's memory: which client mutation ids a user's phone already sent, and what
the answer was, so a replay gets the same answer and is never applied twice."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.models.base import Base, utcnow


class AppliedMutation(Base):
    __tablename__ = "applied_mutations"
    __table_args__ = (UniqueConstraint("user_id", "mutation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mutation_id: Mapped[str] = mapped_column(String(36))
    endpoint: Mapped[str] = mapped_column(String(80))
    # pending (being applied now), applied, superseded (a later change won), not_applied
    result: Mapped[str] = mapped_column(String(20), default="pending")
    message: Mapped[str] = mapped_column(String(300), default="")
    status_code: Mapped[int] = mapped_column(default=200)
    content_type: Mapped[str] = mapped_column(String(100), default="")
    location: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    client_time: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
