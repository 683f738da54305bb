"""Her reflection after a meeting she came to: private, hers (user_id), written offline too
(field_times), and the plan step her "next step" became.

Revision ID: 37a718825467
Revises: 5ff23750ee3d
Create Date: 2026-12-02 01:09:52.944513
"""

import sqlalchemy as sa
from alembic import op


revision = "37a718825467"
down_revision = "5ff23750ee3d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meeting_reflections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('went_well', sa.String(length=500), nullable=False),
    sa.Column('was_hard', sa.String(length=500), nullable=False),
    sa.Column('next_step', sa.String(length=200), nullable=False),
    sa.Column('proud_of', sa.String(length=500), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('field_times', sa.JSON(), nullable=False, server_default="{}"),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_reflections_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['plan_steps.id'], name=op.f('fk_meeting_reflections_step_id_plan_steps'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_meeting_reflections_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_reflections')),
    sa.UniqueConstraint('user_id', 'meeting_id', name=op.f('uq_meeting_reflections_user_id_meeting_id'))
    )
    with op.batch_alter_table('meeting_reflections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_reflections_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_reflections_step_id'), ['step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_reflections_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('meeting_reflections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_reflections_user_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_reflections_step_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_reflections_meeting_id'))

    op.drop_table('meeting_reflections')
