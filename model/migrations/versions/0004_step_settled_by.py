"""the ledger entry that settled each plan step

A step done by the work it asks for (a command post opened, a report sent upward) names the
entry that did it, so the checklist and the record can be read against each other.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-01 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("step_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settled_by", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("step_state", schema=None) as batch_op:
        batch_op.drop_column("settled_by")
