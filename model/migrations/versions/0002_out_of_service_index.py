"""partial index of the entries that took a resource out of service

The shift report asks which resources were out of service at the end of the period; without this
index it read every status move of the year (~500,000 entries in a busy district's ledger).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 07:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from model.tables import OUT_OF_SERVICE_MOVES

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_ledger_entry_out_of_service", "ledger_entry", ["kind", "happened_at"],
                    sqlite_where=sa.text(OUT_OF_SERVICE_MOVES))


def downgrade() -> None:
    op.drop_index("ix_ledger_entry_out_of_service", table_name="ledger_entry")
