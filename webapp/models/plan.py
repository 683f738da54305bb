"""Her stappenplan: a goal, steps in life areas, reflections, and the step templates of
groups.

A step's identity is a client-made UUID, so a step made offline keeps it when it arrives.
`field_times` (`ChangeTimes`) keeps, per field, the phone time of the change that set it.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.models.base import Base, ChangeTimes, utcnow
from webapp.models.versions import HasVersions


class StepStatus(StrEnum):
    TODO = "nog_niet"
    BUSY = "bezig"
    DONE = "gedaan"
    DROPPED = "niet_nodig"


class Plan(ChangeTimes, Base):
    """One per participant: her goal and whether she paused (what she shares is in
    `models.sharing`)."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    goal_kind: Mapped[str | None] = mapped_column(String(20))
    goal_text: Mapped[str] = mapped_column(String(200), default="")
    paused: Mapped[bool] = mapped_column(default=False)
    start_rung: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlanStep(ChangeTimes, Base):
    __tablename__ = "plan_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    area: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(200))
    moment: Mapped[date | None] = mapped_column(Date)
    helper: Mapped[str] = mapped_column(String(120), default="")
    if_hard: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default=StepStatus.TODO)
    rung: Mapped[int] = mapped_column(default=3)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column()

    reflection: Mapped["Reflection | None"] = relationship(
        back_populates="step", cascade="all, delete-orphan", uselist=False
    )


class Reflection(Base):
    """'Waar ben ik trots op': one short note per step, kept in her timeline."""

    __tablename__ = "plan_reflections"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(
        ForeignKey("plan_steps.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[str] = mapped_column(String(500))
    written_at: Mapped[datetime] = mapped_column(default=utcnow)

    step: Mapped[PlanStep] = relationship(back_populates="reflection")


class StepTemplate(Base):
    """A group's own step template. A group without one uses the shipped default."""

    __tablename__ = "plan_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), unique=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list["StepTemplateItem"]] = relationship(
        back_populates="template",
        cascade="all, delete-orphan",
        order_by="StepTemplateItem.position",
    )


class StepTemplateItem(HasVersions, Base):
    """One step on a group's own list. Its action is Dutch with versions per language
    (`HasVersions`): she picks it in her language, and that is the step she gets."""

    __tablename__ = "plan_template_items"
    __table_args__ = (UniqueConstraint("template_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("plan_templates.id", ondelete="CASCADE"), index=True
    )
    area: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(200))
    rung: Mapped[int] = mapped_column(default=3)
    position: Mapped[int] = mapped_column(default=0)

    template: Mapped[StepTemplate] = relationship(back_populates="items")


__all__ = [
    "Plan",
    "PlanStep",
    "Reflection",
    "StepStatus",
    "StepTemplate",
    "StepTemplateItem",
]
