"""Indexes for her inbox and her unread count.

Her inbox page and the unread count on every page of hers (the tab badge) read only what they
need from these, instead of all of her reminders (a year holds hundreds) for every page.

Revision ID: f76a5c7220f4
Revises: 7d3a9c1e5b20
Create Date: 2026-12-02 15:24:34.321228
"""

import sqlalchemy as sa
from alembic import op

revision = "f76a5c7220f4"
down_revision = "7d3a9c1e5b20"
branch_labels = None
depends_on = None

UNREAD = sa.text("read_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reminders_unread",
            ["user_id", "due_at"],
            sqlite_where=UNREAD,
            postgresql_where=UNREAD,
        )
        batch_op.create_index("ix_reminders_user_due", ["user_id", "due_at", "id"])


def downgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index("ix_reminders_user_due")
        batch_op.drop_index("ix_reminders_unread")
