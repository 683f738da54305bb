"""Change times for every change she can make offline: per field, the phone time of the change
that set it, so the later change wins whatever the order of arrival (services/conflicts.py).
A cv checklist item she unticks is kept as not done, with its time.

Revision ID: 008b114c8107
Revises: ec9c6f2d929e
Create Date: 2026-12-01 23:12:18.749609
"""

import sqlalchemy as sa
from alembic import op


revision = "008b114c8107"
down_revision = "ec9c6f2d929e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("calamity_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("field_times", sa.JSON(), nullable=False, server_default="{}"))

    with op.batch_alter_table("care_applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("field_times", sa.JSON(), nullable=False, server_default="{}"))

    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.add_column(sa.Column("field_times", sa.JSON(), nullable=False, server_default="{}"))

    with op.batch_alter_table("cv_checklist_ticks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("done", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column("field_times", sa.JSON(), nullable=False, server_default="{}"))

    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("field_times", sa.JSON(), nullable=False, server_default="{}"))

    with op.batch_alter_table("rsvps", schema=None) as batch_op:
        batch_op.add_column(sa.Column("field_times", sa.JSON(), nullable=False, server_default="{}"))



def downgrade() -> None:
    with op.batch_alter_table("rsvps", schema=None) as batch_op:
        batch_op.drop_column("field_times")

    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_column("field_times")

    with op.batch_alter_table("cv_checklist_ticks", schema=None) as batch_op:
        batch_op.drop_column("field_times")
        batch_op.drop_column("done")

    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.drop_column("field_times")

    with op.batch_alter_table("care_applications", schema=None) as batch_op:
        batch_op.drop_column("field_times")

    with op.batch_alter_table("calamity_plans", schema=None) as batch_op:
        batch_op.drop_column("field_times")

