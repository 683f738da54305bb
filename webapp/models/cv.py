"""Her cv: the parts that are one per cv (contact, profile, work wish, availability, the cv's
language), the items of the parts that are lists (work, education, skills, languages,
certificates), and the ticks of her sollicitatie-checklist.

Every row carries `user_id` (export and deletion find it by that). She can change all of it
offline: `field_times` (`ChangeTimes`) keeps, per field, the phone time of the change that set
it, and an item made offline keeps the UUID her phone gave it.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.models.base import Base, ChangeTimes, utcnow


class CvChecklistTick(ChangeTimes, Base):
    """One item of her sollicitatie-checklist, ready or not. Kept when she unticks it, so the
    later of two changes from her phones wins (`field_times`)."""

    __tablename__ = "cv_checklist_ticks"
    __table_args__ = (UniqueConstraint("user_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(40))
    done: Mapped[bool] = mapped_column(default=True)
    done_at: Mapped[datetime] = mapped_column(default=utcnow)


class CvProfile(ChangeTimes, Base):
    """The parts of her cv that are one per cv. What the contact part shows is her choice: the
    flags say which of her details go on the cv. No street address: the town is enough.
    `field_times` also keeps the time of each list's order (`order_<part>`)."""

    __tablename__ = "cv_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    town: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    show_town: Mapped[bool] = mapped_column(default=True)
    show_phone: Mapped[bool] = mapped_column(default=True)
    show_email: Mapped[bool] = mapped_column(default=True)
    profile: Mapped[str] = mapped_column(String(600), default="")
    wish_work: Mapped[str] = mapped_column(String(120), default="")
    wish_hours: Mapped[str] = mapped_column(String(60), default="")
    wish_from: Mapped[str] = mapped_column(String(60), default="")
    # Day parts she can work, as "mon-morning" … "sun-evening".
    days: Mapped[list] = mapped_column(JSON, default=list)
    childcare_from: Mapped[str] = mapped_column(String(60), default="")
    availability_note: Mapped[str] = mapped_column(String(200), default="")
    # The language of the cv's headings and fixed words (her own text stays as she wrote it).
    language: Mapped[str] = mapped_column(String(5), default="nl")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CvItem(ChangeTimes, Base):
    """One line of a list on her cv: a job (also abroad, volunteering, informal work, care she
    gave), a course, a skill, a language, a certificate. `key` names a fixed choice that is
    shown in the cv's language (a skill she tapped, a language); `title` is her own words.
    `kind` is the sort of job, the state of a course, or the level of a language."""

    __tablename__ = "cv_items"
    __table_args__ = (Index("ix_cv_items_user_part_position", "user_id", "part", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    part: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(30), default="")
    kind: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(120), default="")
    place: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    period: Mapped[str] = mapped_column(String(40), default="")
    details: Mapped[str] = mapped_column(String(400), default="")
    # A diploma from abroad, and whether IDW valued it ("", "asked", "valued").
    abroad: Mapped[bool] = mapped_column(default=False)
    valued: Mapped[str] = mapped_column(String(10), default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
