"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-29 02:51:45.998509
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel

import model.tables
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('expert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('unit_code', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name', 'phone')
    )
    with op.batch_alter_table('expert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_field'), ['field'], unique=False)

    op.create_table('incident',
    sa.Column('no', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('received_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('occurred_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('caller_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('caller_unit', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('caller_phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('people_affected', sa.Integer(), nullable=True),
    sa.Column('injured', sa.Integer(), nullable=True),
    sa.Column('deaths', sa.Integer(), nullable=True),
    sa.Column('losses', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('trend', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('measures_taken', sa.Text(), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('is_drill', sa.Boolean(), nullable=False),
    sa.Column('merged_into', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('received_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('verified_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('activated_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('updated_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('no')
    )
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_external_id'), ['external_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_incident_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_type'), ['type'], unique=False)

    op.create_table('ledger_entry',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('happened_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('entered_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('operator', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=True),
    sa.Column('incident_no', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('corrects_seq', sa.Integer(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_entry_entered_at'), ['entered_at'], unique=False)
        batch_op.create_index('ix_ledger_entry_happened_at', ['happened_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entry_incident_no'), ['incident_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entry_kind'), ['kind'], unique=False)

    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('officers', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('started_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('handover_notes', sa.Text(), nullable=False),
    sa.Column('handed_to', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('unit',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('tier', sa.Integer(), nullable=False),
    sa.Column('duty_phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_kind'), ['kind'], unique=False)

    op.create_table('approval',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_no', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('step_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('authority', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('approved_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decided_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['incident_no'], ['incident.no'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('approval', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approval_incident_no'), ['incident_no'], unique=False)

    op.create_table('command_post',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_no', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('commander', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('opened_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['incident_no'], ['incident.no'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('command_post', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_command_post_incident_no'), ['incident_no'], unique=False)

    op.create_table('material_stock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('unit_code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['unit.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('item', 'unit_code', 'location')
    )
    with op.batch_alter_table('material_stock', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_stock_item'), ['item'], unique=False)

    op.create_table('plan_activation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_no', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('plan_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('plan_version', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('plan_text', sa.Text(), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('activated_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['incident_no'], ['incident.no'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_activation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_activation_incident_no'), ['incident_no'], unique=False)

    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_no', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('received_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('caller_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('caller_phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['incident_no'], ['incident.no'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_incident_no'), ['incident_no'], unique=False)

    op.create_table('resource',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('unit_code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status_since', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('incident_no', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('assignment_id', sa.Integer(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('capacity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('last_dispatched_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['unit_code'], ['unit.code'], ),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('resource', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_incident_no'), ['incident_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_resource_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_resource_type'), ['type'], unique=False)
        batch_op.create_index(batch_op.f('ix_resource_unit_code'), ['unit_code'], unique=False)

    op.create_table('warning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('colour', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('area', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('area_geometry', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('text_zh', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('effective_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('incident_no', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('is_drill', sa.Boolean(), nullable=False),
    sa.Column('issued_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('lifted_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['incident_no'], ['incident.no'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_no', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('resource_code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('step_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('dispatched_at', model.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('acknowledged_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('en_route_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('on_scene_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('returning_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cleared_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('dispatched_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['incident_no'], ['incident.no'], ),
    sa.ForeignKeyConstraint(['resource_code'], ['resource.code'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_incident_no'), ['incident_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_resource_code'), ['resource_code'], unique=False)

    op.create_table('step_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activation_id', sa.Integer(), nullable=False),
    sa.Column('incident_no', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('step_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('responsible', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('due_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('interval_minutes', sa.Integer(), nullable=True),
    sa.Column('approval_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('depends_on', sa.Text(), nullable=False),
    sa.Column('effects', sa.Text(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('completed_at', model.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('completed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['activation_id'], ['plan_activation.id'], ),
    sa.ForeignKeyConstraint(['incident_no'], ['incident.no'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('incident_no', 'step_id')
    )
    with op.batch_alter_table('step_state', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_step_state_activation_id'), ['activation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_step_state_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_step_state_incident_no'), ['incident_no'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('step_state', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_step_state_incident_no'))
        batch_op.drop_index(batch_op.f('ix_step_state_due_at'))
        batch_op.drop_index(batch_op.f('ix_step_state_activation_id'))

    op.drop_table('step_state')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_resource_code'))
        batch_op.drop_index(batch_op.f('ix_assignment_incident_no'))

    op.drop_table('assignment')
    op.drop_table('warning')
    with op.batch_alter_table('resource', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resource_unit_code'))
        batch_op.drop_index(batch_op.f('ix_resource_type'))
        batch_op.drop_index(batch_op.f('ix_resource_status'))
        batch_op.drop_index(batch_op.f('ix_resource_incident_no'))

    op.drop_table('resource')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_incident_no'))

    op.drop_table('report')
    with op.batch_alter_table('plan_activation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_activation_incident_no'))

    op.drop_table('plan_activation')
    with op.batch_alter_table('material_stock', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_material_stock_item'))

    op.drop_table('material_stock')
    with op.batch_alter_table('command_post', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_command_post_incident_no'))

    op.drop_table('command_post')
    with op.batch_alter_table('approval', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_approval_incident_no'))

    op.drop_table('approval')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_kind'))

    op.drop_table('unit')
    op.drop_table('shift')
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entry_kind'))
        batch_op.drop_index(batch_op.f('ix_ledger_entry_incident_no'))
        batch_op.drop_index('ix_ledger_entry_happened_at')
        batch_op.drop_index(batch_op.f('ix_ledger_entry_entered_at'))

    op.drop_table('ledger_entry')
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_type'))
        batch_op.drop_index(batch_op.f('ix_incident_state'))
        batch_op.drop_index(batch_op.f('ix_incident_received_at'))
        batch_op.drop_index(batch_op.f('ix_incident_external_id'))

    op.drop_table('incident')
    with op.batch_alter_table('expert', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_field'))

    op.drop_table('expert')
