"""the ledger's id, triggers that keep entries final, and an index of each resource's status moves

- `ledger_meta` holds the ledger's id. A new ledger's chain starts from a genesis hash made from
  it; a ledger that already holds entries keeps its chain and gets one more entry, recording the
  id, that binds the chain to it (`model.tables.LedgerMeta`).
- SQLite triggers refuse UPDATE and DELETE on `ledger_entry` and `ledger_meta`.
- The shift report read a resource's later moves by a substring of the payload; the index on the
  moved resource's code lets it ask for exactly that resource. Both are SQLite's own SQL
  (`json_extract`, triggers); another dialect needs its own forms of them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 21:40:00
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import context, op

import model.tables
from model import clock, ledger
from model.db import immutable_triggers
from model.tables import RESOURCE_MOVED, RESOURCE_MOVES

ENTRY = sa.table(
    "ledger_entry", sa.column("seq"), sa.column("happened_at", model.tables.UTCDateTime()),
    sa.column("entered_at", model.tables.UTCDateTime()), sa.column("operator"), sa.column("shift_id"),
    sa.column("incident_no"), sa.column("kind"), sa.column("corrects_seq"), sa.column("payload"),
    sa.column("prev_hash"), sa.column("hash"))
"""The ledger table as this revision knows it, for the entry that records an existing ledger's id."""

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table(
        'ledger_meta',
        sa.Column('ledger_id', sa.String(), nullable=False),
        sa.Column('created_at', model.tables.UTCDateTime(timezone=True), nullable=False),
        sa.Column('identified_seq', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('ledger_id'),
    )
    bind = op.get_bind()
    ledger_id = context.config.attributes.get("ledger_id") or str(uuid.uuid4())
    now = clock.now()
    head = bind.execute(sa.text("SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1")).first()
    identified_seq = None
    if head is not None:
        shift_id = bind.execute(sa.text("SELECT max(id) FROM shift WHERE ended_at IS NULL")).scalar()
        identified_seq = head[0] + 1
        bind.execute(sa.insert(ENTRY), [ledger.identifying_entry(
            seq=identified_seq, prev_hash=head[1], shift_id=shift_id, ledger_id=ledger_id, at=now)])
    bind.execute(sa.insert(meta), [{"ledger_id": ledger_id, "created_at": now, "identified_seq": identified_seq}])
    if bind.dialect.name == "sqlite":
        op.create_index("ix_ledger_entry_resource_moves", "ledger_entry", [sa.text(RESOURCE_MOVED), "happened_at"],
                        sqlite_where=sa.text(RESOURCE_MOVES))
        for _name, statement in immutable_triggers():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, _statement in immutable_triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.drop_index("ix_ledger_entry_resource_moves", table_name="ledger_entry")
    op.drop_table('ledger_meta')
