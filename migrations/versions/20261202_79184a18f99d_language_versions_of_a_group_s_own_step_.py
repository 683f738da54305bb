"""Language versions of a group's own step list: each item's action gets versions per
language (`translations`), as every other text staff write.

Revision ID: 79184a18f99d
Revises: 9db39d2a8ece
Create Date: 2026-12-02 03:20:17.740785
"""

import sqlalchemy as sa
from alembic import op

revision = "79184a18f99d"
down_revision = "9db39d2a8ece"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_template_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("translations", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("plan_template_items", schema=None) as batch_op:
        batch_op.drop_column("translations")
