"""plan steps, reflections, sharing log, step templates and offline mutations

Revision ID: 7a3e5c1d9b20
Revises: 18c2aee734de
Create Date: 2026-11-22 05:45:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '7a3e5c1d9b20'
down_revision = '18c2aee734de'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('applied_mutations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('mutation_id', sa.String(length=36), nullable=False),
    sa.Column('endpoint', sa.String(length=80), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('message', sa.String(length=300), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('location', sa.String(length=500), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('client_time', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_applied_mutations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applied_mutations')),
    sa.UniqueConstraint('user_id', 'mutation_id', name=op.f('uq_applied_mutations_user_id_mutation_id'))
    )
    op.create_index(op.f('ix_applied_mutations_user_id'), 'applied_mutations', ['user_id'], unique=False)
    op.create_table('plan_access_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('viewed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_plan_access_log_owner_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['users.id'], name=op.f('fk_plan_access_log_staff_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_access_log'))
    )
    op.create_index(op.f('ix_plan_access_log_owner_id'), 'plan_access_log', ['owner_id'], unique=False)
    op.create_table('plan_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=200), nullable=False),
    sa.Column('moment', sa.Date(), nullable=True),
    sa.Column('helper', sa.String(length=120), nullable=False),
    sa.Column('if_hard', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('rung', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('field_times', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_plan_steps_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_steps')),
    sa.UniqueConstraint('uuid', name=op.f('uq_plan_steps_uuid'))
    )
    op.create_index(op.f('ix_plan_steps_owner_id'), 'plan_steps', ['owner_id'], unique=False)
    op.create_table('plan_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_plan_templates_group_id_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_templates')),
    sa.UniqueConstraint('group_id', name=op.f('uq_plan_templates_group_id'))
    )
    op.create_table('plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('goal_kind', sa.String(length=20), nullable=True),
    sa.Column('goal_text', sa.String(length=200), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('start_rung', sa.Integer(), nullable=False),
    sa.Column('field_times', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_plans_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('owner_id', name=op.f('uq_plans_owner_id'))
    )
    op.create_table('plan_reflections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['step_id'], ['plan_steps.id'], name=op.f('fk_plan_reflections_step_id_plan_steps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_reflections')),
    sa.UniqueConstraint('step_id', name=op.f('uq_plan_reflections_step_id'))
    )
    op.create_table('plan_template_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=200), nullable=False),
    sa.Column('rung', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['template_id'], ['plan_templates.id'], name=op.f('fk_plan_template_items_template_id_plan_templates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_template_items')),
    sa.UniqueConstraint('template_id', 'position', name=op.f('uq_plan_template_items_template_id_position'))
    )
    op.create_index(op.f('ix_plan_template_items_template_id'), 'plan_template_items', ['template_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_plan_template_items_template_id'), table_name='plan_template_items')
    op.drop_table('plan_template_items')
    op.drop_table('plan_reflections')
    op.drop_table('plans')
    op.drop_table('plan_templates')
    op.drop_index(op.f('ix_plan_steps_owner_id'), table_name='plan_steps')
    op.drop_table('plan_steps')
    op.drop_index(op.f('ix_plan_access_log_owner_id'), table_name='plan_access_log')
    op.drop_table('plan_access_log')
    op.drop_index(op.f('ix_applied_mutations_user_id'), table_name='applied_mutations')
    op.drop_table('applied_mutations')
