"""Materials the trainster shares (per meeting or for the group), their files (in the upload
store, one per language), and who opened each, for a count (rows of hers: user_id).

Revision ID: abb6be09f465
Revises: b550969ea64e
Create Date: 2026-12-01 23:52:08.799709
"""

import sqlalchemy as sa
from alembic import op


revision = "abb6be09f465"
down_revision = "b550969ea64e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('materials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('translations', sa.JSON(), nullable=False, server_default="{}"),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_materials_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_materials_group_id_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_materials_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_materials'))
    )
    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_materials_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_materials_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_materials_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('material_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=64), nullable=False),
    sa.Column('download_name', sa.String(length=120), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_material_files_material_id_materials'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material_files')),
    sa.UniqueConstraint('material_id', 'language', name=op.f('uq_material_files_material_id_language')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_material_files_storage_key'))
    )
    with op.batch_alter_table('material_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_files_material_id'), ['material_id'], unique=False)

    op.create_table('material_opens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_material_opens_material_id_materials'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_material_opens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material_opens')),
    sa.UniqueConstraint('user_id', 'material_id', name=op.f('uq_material_opens_user_id_material_id'))
    )
    with op.batch_alter_table('material_opens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_opens_material_id'), ['material_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_opens_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('material_opens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_material_opens_user_id'))
        batch_op.drop_index(batch_op.f('ix_material_opens_material_id'))

    op.drop_table('material_opens')
    with op.batch_alter_table('material_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_material_files_material_id'))

    op.drop_table('material_files')
    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_materials_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_materials_group_id'))
        batch_op.drop_index(batch_op.f('ix_materials_author_id'))

    op.drop_table('materials')
