"""Login sessions the server knows: one row per login on a phone (see services/sessions.py)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.models.base import Base, utcnow


class LoginSession(Base):
    """One login on one phone. Her cookies name this row and carry its secret key; the row
    going away ends both cookies at once, on every app server."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the secret key in her cookies: the database alone opens no session.
    key_hash: Mapped[str] = mapped_column(String(64))
    # The device as she would name it ("Android · Chrome"), never the whole User-Agent.
    device: Mapped[str] = mapped_column(String(60), default="")
    # "This phone is shared": no remember cookie, and a short idle time.
    shared: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    # When the remember cookie last got a new key (the old one works a moment longer).
    rotated_at: Mapped[datetime | None]
