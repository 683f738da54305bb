"""Sharing per part: `shares` (her part, shared with one person by name) and `part_views`
(every look, per part), instead of one switch for the whole plan and its access log.

What she shared stays shared: a plan with the old switch on is shared with every active
projectmedewerker of the organisations of her groups (those who could read it until now; a
beheerder no longer reads participant data). Every logged look at her plan is kept as a look
at the part 'plan'.

Revision ID: 4c8d2e6f1a37
Revises: 79184a18f99d
Create Date: 2026-12-03 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = "4c8d2e6f1a37"
down_revision = "79184a18f99d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=20), nullable=False),
        sa.Column("viewer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_shares_owner_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["viewer_id"], ["users.id"], name=op.f("fk_shares_viewer_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shares")),
        sa.UniqueConstraint(
            "owner_id", "part", "viewer_id", name=op.f("uq_shares_owner_id_part_viewer_id")
        ),
    )
    with op.batch_alter_table("shares", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shares_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_shares_viewer_id"), ["viewer_id"], unique=False)

    op.create_table(
        "part_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("viewer_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=20), nullable=False),
        sa.Column("viewed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_part_views_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["viewer_id"],
            ["users.id"],
            name=op.f("fk_part_views_viewer_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_part_views")),
    )
    with op.batch_alter_table("part_views", schema=None) as batch_op:
        batch_op.create_index(
            "ix_part_views_owner_part", ["owner_id", "part", "viewed_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_part_views_viewed_at"), ["viewed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_part_views_viewer_id"), ["viewer_id"], unique=False)

    _keep_what_she_shared()

    with op.batch_alter_table("plan_access_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_access_log_owner_id"))
    op.drop_table("plan_access_log")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("shared")


def _keep_what_she_shared() -> None:
    connection = op.get_bind()
    sharing = connection.execute(
        sa.text(
            "SELECT DISTINCT plans.owner_id AS owner_id, staff.id AS viewer_id"
            " FROM plans"
            " JOIN memberships ON memberships.user_id = plans.owner_id"
            " JOIN groups ON groups.id = memberships.group_id"
            " JOIN users AS staff ON staff.organisation_id = groups.organisation_id"
            " WHERE plans.shared = :yes AND staff.role = 'medewerker' AND staff.active = :yes"
        ),
        {"yes": True},
    ).all()
    if sharing:
        connection.execute(
            sa.text(
                "INSERT INTO shares (owner_id, part, viewer_id, created_at)"
                " VALUES (:owner_id, 'plan', :viewer_id, CURRENT_TIMESTAMP)"
            ),
            [{"owner_id": r.owner_id, "viewer_id": r.viewer_id} for r in sharing],
        )
    connection.execute(
        sa.text(
            "INSERT INTO part_views (owner_id, viewer_id, part, viewed_at)"
            " SELECT owner_id, staff_id, 'plan', viewed_at FROM plan_access_log"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "plan_access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("viewed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_plan_access_log_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["users.id"],
            name=op.f("fk_plan_access_log_staff_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_access_log")),
    )
    op.create_index(
        op.f("ix_plan_access_log_owner_id"), "plan_access_log", ["owner_id"], unique=False
    )
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "UPDATE plans SET shared = :yes WHERE owner_id IN"
            " (SELECT owner_id FROM shares WHERE part = 'plan')"
        ),
        {"yes": True},
    )
    connection.execute(
        sa.text(
            "INSERT INTO plan_access_log (owner_id, staff_id, viewed_at)"
            " SELECT owner_id, viewer_id, viewed_at FROM part_views WHERE part = 'plan'"
        )
    )
    op.drop_table("part_views")
    op.drop_table("shares")
