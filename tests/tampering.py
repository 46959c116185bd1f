"""Changing a ledger behind linkdesk's back, the way a tamperer with the file or the database would.

The triggers of migration 0003 (SQLite) and 0006 (PostgreSQL) refuse UPDATE and DELETE on ledger
entries, so a tamperer drops them first (on a server, the database's owner sets them aside);
what is left to catch the change is `ledger verify` and its anchors.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from model import ledger
from model.db import IMMUTABLE_TABLES, immutable_triggers
from model.location import is_server


def tamper(location: Path | str, statement: str, parameters: tuple[Any, ...] = ()) -> None:
    """Run one statement (`?` marks its parameters) on the ledger (a file, its sqlite:/// URL or a
    libpq URI) as one transaction, with the
    triggers that would refuse it out of the way."""
    if isinstance(location, str) and location.startswith("sqlite:///"):
        location = Path(location.removeprefix("sqlite:///"))
    if is_server(location):
        import psycopg
        from psycopg import sql

        with psycopg.connect(str(location)) as server:
            server.execute("SET lock_timeout = '10s'")
            # A superuser sets every trigger aside for this session alone, with no lock that would wait
            # on the test's own open reads; the database's owner disables them on the tables meanwhile.
            found = server.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
            superuser = bool(found and found[0])
            if superuser:
                server.execute("SET session_replication_role = replica")
            else:
                for table in IMMUTABLE_TABLES:
                    server.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER USER").format(sql.Identifier(table)))
            server.execute(statement.replace("?", "%s"), parameters)  # type: ignore[arg-type]
            if not superuser:
                for table in IMMUTABLE_TABLES:
                    server.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER USER").format(sql.Identifier(table)))
        return
    with sqlite3.connect(location) as raw:
        for name, _statement in immutable_triggers():
            raw.execute(f"DROP TRIGGER IF EXISTS {name}")
        raw.execute(statement, parameters)
    raw.close()


def hashed_time(stored: str | datetime) -> str:
    """The hash input of a time as a tamperer reads it: SQLite's UTC text or a server's datetime, encoded."""
    moment = stored if isinstance(stored, datetime) else datetime.fromisoformat(stored).replace(tzinfo=UTC)
    return str(ledger.encode(moment.astimezone(UTC)))


REHASHED = ("SELECT seq, happened_at, entered_at, operator, shift_id, incident_no, kind, corrects_seq, payload, "
            "prev_hash FROM ledger_entry WHERE seq >= ? ORDER BY seq")


def rechain(location: Path | str, from_seq: int, genesis: str | None = None) -> None:
    """Give every entry from `from_seq` on the hash its content now calls for, as a careful forger would.

    The chain then links and hashes cleanly; only a head printed before the forgery (an anchor)
    still shows it. `genesis` is where a rechained first entry starts (default: as it is).
    """
    from tests.ledger_rows import rows

    found = rows(location, REHASHED.replace("?", ":seq"), {"seq": from_seq})
    previous = found[0][-1] if genesis is None or from_seq > 1 else genesis
    for seq, happened_at, entered_at, operator, shift_id, incident_no, kind, corrects_seq, payload, _ in found:
        digest = ledger.entry_hash(seq, hashed_time(happened_at), hashed_time(entered_at), operator,
                                   shift_id, incident_no, kind, corrects_seq, payload, previous)
        tamper(location, "UPDATE ledger_entry SET prev_hash = ?, hash = ? WHERE seq = ?", (previous, digest, seq))
        previous = digest
