"""Language versions of what staff and trainsters write: a meeting's texts get versions
(`translations`, as staff messages had), and place notes. A staff message's versions move under
the field they belong to: {"ar": …} becomes {"body": {"ar": …}}.

Revision ID: d34e2ff89f6c
Revises: 008b114c8107
Create Date: 2026-12-01 23:23:45.410425
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "d34e2ff89f6c"
down_revision = "008b114c8107"
branch_labels = None
depends_on = None

messages = sa.table("staff_messages", sa.column("id", sa.Integer), sa.column("translations", sa.JSON))


def _rewrite(convert) -> None:
    connection = op.get_bind()
    for row in connection.execute(sa.select(messages.c.id, messages.c.translations)).all():
        value = row.translations
        if isinstance(value, str):
            value = json.loads(value)
        connection.execute(
            messages.update().where(messages.c.id == row.id).values(translations=convert(value or {}))
        )


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("place_notes", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("translations", sa.JSON(), nullable=False, server_default="{}"))
    _rewrite(lambda old: {"body": old} if old and "body" not in old else old)


def downgrade() -> None:
    _rewrite(lambda new: dict(new.get("body") or {}))
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("translations")
        batch_op.drop_column("place_notes")
