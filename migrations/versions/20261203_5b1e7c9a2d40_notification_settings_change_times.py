"""Her notification settings can be changed offline: per field, the phone time of the change
that set it (services/conflicts.py), so the later choice wins whatever the order of arrival.

Revision ID: 5b1e7c9a2d40
Revises: 4c8d2e6f1a37
Create Date: 2026-12-03 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = "5b1e7c9a2d40"
down_revision = "4c8d2e6f1a37"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notification_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("field_times", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("notification_settings", schema=None) as batch_op:
        batch_op.drop_column("field_times")
