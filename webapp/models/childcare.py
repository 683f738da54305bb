"""Kinderopvang: her children (a nickname and a birth year, nothing more) and where each
application for childcare stands."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.models.base import Base, ChangeTimes, utcnow


class Child(ChangeTimes, Base):
    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    nickname: Mapped[str] = mapped_column(String(40))
    birth_year: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    applications: Mapped[list["CareApplication"]] = relationship(
        back_populates="child", cascade="all, delete-orphan", order_by="CareApplication.id"
    )


class CareApplication(ChangeTimes, Base):
    """One kind of care for one child, and how far it has come."""

    __tablename__ = "care_applications"
    __table_args__ = (UniqueConstraint("child_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(30))
    # Why she is waiting, when the status is 'waiting': work, a course or language lessons.
    waiting_for: Mapped[str] = mapped_column(String(20), default="")
    provider: Mapped[str] = mapped_column(String(120), default="")
    next_action: Mapped[str] = mapped_column(String(200), default="")
    next_action_on: Mapped[date | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    child: Mapped[Child] = relationship(back_populates="applications")


class CalamityPlan(ChangeTimes, Base):
    """Her calamiteitenplan: who helps when a child is ill, in school holidays, on study days."""

    __tablename__ = "calamity_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    sick_child: Mapped[str] = mapped_column(Text, default="")
    school_holidays: Mapped[str] = mapped_column(Text, default="")
    study_days: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
