"""Looking after accounts: a group can be archived; a beheerder manages the organisations in
`organisation_managers`; a trainster works with the groups she is a member of.

What each had before stays: a beheerder manages her own organisation, and one without an
organisation manages every organisation (as every beheerder could until now); a trainster
becomes a member of every group of her organisation (she saw them all until now).

Revision ID: 9db39d2a8ece
Revises: 37a718825467
Create Date: 2026-12-02 00:31:45.717499
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op


revision = '9db39d2a8ece'
down_revision = '37a718825467'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('organisation_managers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_organisation_managers_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_organisation_managers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_managers')),
    sa.UniqueConstraint('organisation_id', 'user_id', name=op.f('uq_organisation_managers_organisation_id_user_id'))
    )
    with op.batch_alter_table('organisation_managers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_managers_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_managers_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))

    _keep_what_each_had()


users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("role", sa.String),
    sa.column("organisation_id", sa.Integer),
)
organisations = sa.table("organisations", sa.column("id", sa.Integer))
groups = sa.table("groups", sa.column("id", sa.Integer), sa.column("organisation_id", sa.Integer))
managers = sa.table(
    "organisation_managers",
    sa.column("organisation_id", sa.Integer),
    sa.column("user_id", sa.Integer),
    sa.column("created_at", sa.DateTime),
)
memberships = sa.table(
    "memberships",
    sa.column("user_id", sa.Integer),
    sa.column("group_id", sa.Integer),
    sa.column("joined_at", sa.DateTime),
)


def _keep_what_each_had() -> None:
    connection = op.get_bind()
    now = datetime.now(UTC).replace(tzinfo=None)
    every_organisation = [r.id for r in connection.execute(sa.select(organisations.c.id))]
    rows = []
    for admin in connection.execute(
        sa.select(users.c.id, users.c.organisation_id).where(users.c.role == "beheerder")
    ):
        for organisation_id in [admin.organisation_id] if admin.organisation_id else every_organisation:
            rows.append({"organisation_id": organisation_id, "user_id": admin.id, "created_at": now})
    if rows:
        connection.execute(managers.insert(), rows)
    trainer_groups = connection.execute(
        sa.select(users.c.id, groups.c.id.label("group_id"))
        .join(groups, groups.c.organisation_id == users.c.organisation_id)
        .where(users.c.role == "trainster")
    ).all()
    if trainer_groups:
        connection.execute(
            memberships.insert(),
            [{"user_id": r.id, "group_id": r.group_id, "joined_at": now} for r in trainer_groups],
        )



def downgrade() -> None:
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.drop_column('archived_at')

    with op.batch_alter_table('organisation_managers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_managers_user_id'))
        batch_op.drop_index(batch_op.f('ix_organisation_managers_organisation_id'))

    op.drop_table('organisation_managers')
