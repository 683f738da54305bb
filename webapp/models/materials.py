"""What the peer trainster (or the medewerker) shares with a group: per meeting or for the
group as a whole, a text with plain formatting and files (pictures, PDF worksheets, audio),
each text in Dutch with versions per language, each file in a language of its own.

Files live outside `static/`, in the upload store (`services/materials/storage.py`); a row
keeps its key, type and size. Who opened a material is kept per participant only to count
("4 van 9 geopend"), never shown by name; those rows are hers (`user_id`).
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.models.base import Base, ChangeTimes, utcnow
from webapp.models.versions import HasVersions


class FileKind(StrEnum):
    PICTURE = "picture"
    PDF = "pdf"
    AUDIO = "audio"


class Material(HasVersions, Base):
    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    # None: for the group as a whole, not for one meeting.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(120), default="")  # Dutch; versions in translations
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown, Dutch
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    files: Mapped[list["MaterialFile"]] = relationship(
        back_populates="material", cascade="all, delete-orphan", order_by="MaterialFile.id"
    )


class MaterialFile(Base):
    """One file of a material, in one language ("" for a file without language: a picture)."""

    __tablename__ = "material_files"
    __table_args__ = (UniqueConstraint("material_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(
        ForeignKey("materials.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(5), default="")
    kind: Mapped[FileKind] = mapped_column(String(10))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column()
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    download_name: Mapped[str] = mapped_column(String(120))
    width: Mapped[int | None] = mapped_column()  # pictures, for a page that does not jump
    height: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    material: Mapped[Material] = relationship(back_populates="files")


class MaterialOpen(Base):
    """She opened this material (the first time): counted for the trainster, never named."""

    __tablename__ = "material_opens"
    __table_args__ = (UniqueConstraint("user_id", "material_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    material_id: Mapped[int] = mapped_column(
        ForeignKey("materials.id", ondelete="CASCADE"), index=True
    )
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)


class HomeworkStep(Base):
    """She took a meeting's homework into her plan: this is the step it became (hers)."""

    __tablename__ = "homework_steps"
    __table_args__ = (UniqueConstraint("user_id", "meeting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int] = mapped_column(
        ForeignKey("plan_steps.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MeetingReflection(ChangeTimes, Base):
    """Her own look back at a meeting she came to ("wat ging goed, wat was moeilijk, wat is mijn
    volgende stap, waar ben ik trots op"). Private: nobody else reads it. Written offline too:
    per field the later change wins (`field_times`)."""

    __tablename__ = "meeting_reflections"
    __table_args__ = (UniqueConstraint("user_id", "meeting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    went_well: Mapped[str] = mapped_column(String(500), default="")
    was_hard: Mapped[str] = mapped_column(String(500), default="")
    next_step: Mapped[str] = mapped_column(String(200), default="")
    proud_of: Mapped[str] = mapped_column(String(500), default="")
    # The plan step her "next step" became, when she put it in her plan.
    step_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_steps.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
