"""Organisations, groups, people and who belongs where."""

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.models.base import Base, utcnow


class Role(StrEnum):
    PARTICIPANT = "deelneemster"
    TRAINER = "trainster"
    STAFF = "medewerker"
    ADMIN = "beheerder"


class Organisation(Base):
    """A gemeente or a partner that runs groups."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    groups: Mapped[list["Group"]] = relationship(back_populates="organisation")


class Group(Base):
    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # An archived group is gone from agendas, reminders and lists; its data stays.
    archived_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship(back_populates="groups")

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    memberships: Mapped[list["Membership"]] = relationship(back_populates="group")


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[Role] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5), default="nl")
    # Staff and trainers work for one organisation; participants reach theirs via groups.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # Flask-Login's "alternative token": her cookies name her login session, not her account,
    # so ending the session ends the cookies (webapp/login_sessions.py sets it).
    session_token = None

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    # Accounts compare as rows (one object per row in a session). Flask-Login's mixin would
    # compare `get_id()`, which names a login session, and there is none outside a login.
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def get_id(self) -> str:
        if not self.session_token:
            raise RuntimeError("log in through webapp.login_sessions.log_in")
        return self.session_token


class Membership(Base):
    """A participant in a group, or a trainster who works with it (every query for the
    participants of a group says `User.role == Role.PARTICIPANT`)."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "group_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    group: Mapped[Group] = relationship(back_populates="memberships")


class OrganisationManager(Base):
    """A beheerder manages this organisation: its staff accounts, nothing beyond it."""

    __tablename__ = "organisation_managers"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
