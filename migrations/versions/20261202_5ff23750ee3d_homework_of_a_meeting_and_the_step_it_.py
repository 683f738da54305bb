"""A meeting's homework (one line, in a life area of her plan), and the step it became in her
plan when she took it (her row: user_id).

Revision ID: 5ff23750ee3d
Revises: abb6be09f465
Create Date: 2026-12-02 00:20:58.883183
"""

import sqlalchemy as sa
from alembic import op


revision = "5ff23750ee3d"
down_revision = "abb6be09f465"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('homework_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_homework_steps_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['plan_steps.id'], name=op.f('fk_homework_steps_step_id_plan_steps'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_homework_steps_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homework_steps')),
    sa.UniqueConstraint('user_id', 'meeting_id', name=op.f('uq_homework_steps_user_id_meeting_id'))
    )
    with op.batch_alter_table('homework_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_homework_steps_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_homework_steps_step_id'), ['step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_homework_steps_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('homework', sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('homework_area', sa.String(length=20), nullable=False, server_default="netwerk"))



def downgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('homework_area')
        batch_op.drop_column('homework')

    with op.batch_alter_table('homework_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_homework_steps_user_id'))
        batch_op.drop_index(batch_op.f('ix_homework_steps_step_id'))
        batch_op.drop_index(batch_op.f('ix_homework_steps_meeting_id'))

    op.drop_table('homework_steps')
