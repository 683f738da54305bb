"""The one declarative base, with a naming convention so migrations name constraints the same
way on SQLite and PostgreSQL."""

from datetime import UTC, datetime

from sqlalchemy import JSON, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Naive UTC: stored the same on SQLite (no time zones) and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


class ChangeTimes:
    """For a row she can change from a phone that was offline: `field_times` keeps, per field,
    the phone time of the change that set it (see `webapp/services/conflicts.py`)."""

    field_times: Mapped[dict] = mapped_column(JSON, default=dict)
