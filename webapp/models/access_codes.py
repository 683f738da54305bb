"""Invitations and password-reset codes: short codes a medewerker hands over in person.

Only a hash of each code is stored (as for calendar-feed tokens): a copy of the database opens
no account. The code itself is on the object just made (`.code`), for the page that shows it
once."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.models.accounts import Group, Organisation, Role, User
from webapp.models.base import Base, utcnow


class Invitation(Base):
    """Lets one new person make an account: a participant in a group, or a trainer or staff
    member of an organisation. Works once, until it expires."""

    __tablename__ = "invitations"
    code = None  # the code itself: only on the Invitation just made, never stored

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(String(20))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), index=True)
    # A first name the medewerker may note, to recognise the invitation in her list.
    note: Mapped[str] = mapped_column(String(80), default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organisation: Mapped[Organisation] = relationship()
    group: Mapped[Group | None] = relationship()
    used_by: Mapped[User | None] = relationship(foreign_keys=[used_by_id])


class ResetCode(Base):
    """A one-time code to choose a new password, made by a medewerker for someone she knows."""

    __tablename__ = "reset_codes"
    code = None  # the code itself: only on the ResetCode just made, never stored

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
