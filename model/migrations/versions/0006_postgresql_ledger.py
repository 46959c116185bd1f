"""a ledger on PostgreSQL: entries final, one id row, the operator vouched for by the server

On PostgreSQL (nothing changes on SQLite, whose forms of these came with 0003):
- PL/pgSQL triggers refuse UPDATE, DELETE and TRUNCATE on `ledger_entry` and `ledger_meta`, and a
  second row in `ledger_meta`, with the message SQLite's triggers give.
- An entry's operator is the database role that writes it: the column defaults to `session_user`
  and a trigger refuses an entry naming anyone else, unless the writer is the ledger database's
  owner (the administrator, who runs upgrades and imports and could drop the triggers anyway).
- The shift report's two indexes of status moves, in PostgreSQL's SQL (model/backend.py).
- The group role `linkdesk_seat`, when this login may create it, is granted what a seat needs:
  read everything, append entries, write the state tables; never change an entry.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-02 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from model.backend import PG_OUT_OF_SERVICE_MOVES, PG_RESOURCE_MOVED
from model.db import IMMUTABLE_TABLES, OPERATOR_NOT_VOUCHED, RECORDED_IS_FINAL
from model.tables import RESOURCE_MOVES

revision = '0006'
down_revision = '0004'
branch_labels = None
depends_on = None

SEAT_ROLE = "linkdesk_seat"
STATE_TABLES = ("unit", "resource", "expert", "material_stock", "incident", "report", "assignment",
                "plan_activation", "step_state", "approval", "command_post", "warning", "shift")

FUNCTIONS = {
    "linkdesk_recorded_is_final": f"""
        CREATE FUNCTION linkdesk_recorded_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{RECORDED_IS_FINAL}' USING ERRCODE = 'integrity_constraint_violation';
        END $$""",
    "linkdesk_meta_one_row": f"""
        CREATE FUNCTION linkdesk_meta_one_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            LOCK TABLE ledger_meta IN EXCLUSIVE MODE;
            IF EXISTS (SELECT 1 FROM ledger_meta) THEN
                RAISE EXCEPTION '{RECORDED_IS_FINAL}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END $$""",
    "linkdesk_operator_vouched": f"""
        CREATE FUNCTION linkdesk_operator_vouched() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.operator IS DISTINCT FROM session_user::text AND session_user <> (
                SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) THEN
                RAISE EXCEPTION '{OPERATOR_NOT_VOUCHED}' USING ERRCODE = 'insufficient_privilege',
                    DETAIL = format('%s wrote an entry naming %s', session_user, NEW.operator);
            END IF;
            RETURN NEW;
        END $$""",
}

TRIGGERS = [
    *(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
      f"FOR EACH {'STATEMENT' if verb == 'TRUNCATE' else 'ROW'} EXECUTE FUNCTION linkdesk_recorded_is_final()"
      for table in IMMUTABLE_TABLES for verb in ("UPDATE", "DELETE", "TRUNCATE")),
    "CREATE TRIGGER ledger_meta_one_row BEFORE INSERT ON ledger_meta "
    "FOR EACH ROW EXECUTE FUNCTION linkdesk_meta_one_row()",
    "CREATE TRIGGER ledger_entry_operator_vouched BEFORE INSERT ON ledger_entry "
    "FOR EACH ROW EXECUTE FUNCTION linkdesk_operator_vouched()",
]

SEAT_GRANTS = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{SEAT_ROLE}') THEN
        BEGIN
            CREATE ROLE {SEAT_ROLE} NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'linkdesk: create the role {SEAT_ROLE} and run db upgrade again to grant it';
            RETURN;
        END;
    END IF;
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO {SEAT_ROLE};
    GRANT INSERT ON ledger_entry TO {SEAT_ROLE};
    GRANT INSERT, UPDATE ON {", ".join(STATE_TABLES)} TO {SEAT_ROLE};
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in FUNCTIONS.values():
        op.execute(statement)
    for statement in TRIGGERS:
        op.execute(statement)
    op.alter_column("ledger_entry", "operator", server_default=sa.text("session_user"))
    op.drop_index("ix_ledger_entry_out_of_service", table_name="ledger_entry")
    op.create_index("ix_ledger_entry_out_of_service", "ledger_entry", ["kind", "happened_at"],
                    postgresql_where=sa.text(PG_OUT_OF_SERVICE_MOVES))
    op.create_index("ix_ledger_entry_resource_moves", "ledger_entry", [sa.text(PG_RESOURCE_MOVED), "happened_at"],
                    postgresql_where=sa.text(RESOURCE_MOVES))
    op.execute(SEAT_GRANTS)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_ledger_entry_resource_moves", table_name="ledger_entry")
    op.drop_index("ix_ledger_entry_out_of_service", table_name="ledger_entry")
    op.create_index("ix_ledger_entry_out_of_service", "ledger_entry", ["kind", "happened_at"])
    op.alter_column("ledger_entry", "operator", server_default=None)
    for statement in TRIGGERS:
        name, table = statement.split()[2], statement.split(" ON ")[1].split()[0]
        op.execute(f"DROP TRIGGER {name} ON {table}")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION {name}()")
