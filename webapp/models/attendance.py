"""Who came to a meeting, ticked afterwards by the medewerker or the trainster. It is hers to
see ("je was erbij") and counts, anonymously, in the group overview; nothing else uses it."""

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.models.base import Base, ChangeTimes, utcnow


class Attendance(ChangeTimes, Base):
    """One invited participant at one meeting: she came, or (ticked off again) she did not.
    A tick may be sent later from a phone that was offline: `field_times` (the one rule)."""

    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    present: Mapped[bool] = mapped_column(default=True)
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)
