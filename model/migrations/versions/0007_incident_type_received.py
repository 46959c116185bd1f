"""index of incidents by type and time received, for a new report's duplicate check

The intake's duplicate check asks for open incidents of the report's type received in the last
hours. With only `ix_incident_type` SQLite read every incident of that type: on a busy year's
ledger (50,000 incidents, 12,500 fires) 7-11 ms in every save, growing with the ledger. The
composite index answers it by a range over the type's recent incidents (0.04 ms) and serves every
lookup by type as `ix_incident_type` did, which it replaces.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 13:40:00
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index("ix_incident_type_received_at", ["type", "received_at"], unique=False)
        batch_op.drop_index("ix_incident_type")


def downgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index("ix_incident_type", ["type"], unique=False)
        batch_op.drop_index("ix_incident_type_received_at")
