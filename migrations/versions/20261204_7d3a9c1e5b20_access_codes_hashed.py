"""Invitation and reset codes stored as their SHA-256 only, as calendar-feed tokens are: a copy
of the database opens no account. Codes already handed out keep working (hashed here).

Revision ID: 7d3a9c1e5b20
Revises: 5b1e7c9a2d40
Create Date: 2026-12-04 09:00:00.000000
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "7d3a9c1e5b20"
down_revision = "5b1e7c9a2d40"
branch_labels = None
depends_on = None

TABLES = ("invitations", "reset_codes")


def upgrade() -> None:
    connection = op.get_bind()
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("code_hash", sa.String(length=64), nullable=True))
        rows = connection.execute(sa.text(f"SELECT id, code FROM {table}")).all()
        for row_id, code in rows:
            connection.execute(
                sa.text(f"UPDATE {table} SET code_hash = :hash WHERE id = :id"),
                {"hash": hashlib.sha256(code.encode()).hexdigest(), "id": row_id},
            )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("code_hash", existing_type=sa.String(length=64), nullable=False)
            batch_op.drop_constraint(f"uq_{table}_code", type_="unique")
            batch_op.drop_column("code")
            batch_op.create_unique_constraint(f"uq_{table}_code_hash", ["code_hash"])


def downgrade() -> None:
    # The codes themselves are gone: open invitations and reset codes stop working.
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("code", sa.String(length=16), nullable=True))
        op.execute(f"UPDATE {table} SET code = substr(code_hash, 1, 16)")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("code", existing_type=sa.String(length=16), nullable=False)
            batch_op.drop_constraint(f"uq_{table}_code_hash", type_="unique")
            batch_op.drop_column("code_hash")
            batch_op.create_unique_constraint(f"uq_{table}_code", ["code"])
