"""What differs between the ledger's database servers when an entry is appended, in one place.

`model.ledger.append` calls these two hooks and nothing else dialect-specific. On SQLite the
write session's `BEGIN IMMEDIATE` (model/db.py) already holds the file's write lock before the
chain head is read, and followers notice new entries by `PRAGMA data_version` (model/watch.py),
so both hooks have nothing to add there. On PostgreSQL the append lock is a transaction-scoped
advisory lock (one database holds one ledger, so one key serves), taken again here for appends
that run outside a write session; the new seq goes out on `NOTIFY linkdesk_ledger`, which the
server delivers when, and only if, the writing transaction commits.

The two pieces of SQL the shift report writes by hand (facts read inside the payload, each the key
of an index) have their PostgreSQL forms here too.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

APPEND_LOCK_KEY = 0x6C696E6B6465736B
"""The advisory lock every append of a PostgreSQL ledger holds until its transaction ends ("linkdesk")."""
CHANNEL = "linkdesk_ledger"
"""The notification channel whose payload is the seq of a newly committed entry."""
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
_NOTIFY = text("SELECT pg_notify(:channel, :seq)")


def serialize_appends(connection: Connection) -> None:
    """Hold this ledger's append lock until the transaction ends, before the chain head is read."""
    if connection.dialect.name == "sqlite":
        return
    connection.execute(_LOCK, {"key": APPEND_LOCK_KEY})


def announce(connection: Connection, seq: int) -> None:
    """Tell the following desks that entry `seq` exists, delivered when the transaction commits."""
    if connection.dialect.name == "sqlite":
        return
    connection.execute(_NOTIFY, {"channel": CHANNEL, "seq": str(seq)})


PG_OUT_OF_SERVICE_MOVES = "kind = 'resource_status' AND strpos(payload, '\"to\":\"out_of_service\"') > 0"
"""PostgreSQL's form of `model.tables.OUT_OF_SERVICE_MOVES` (the condition of its partial index, 0006)."""
PG_RESOURCE_MOVED = "((payload::jsonb -> 'facts') ->> 'resource')"
"""PostgreSQL's form of `model.tables.RESOURCE_MOVED` (the key of its expression index, 0006)."""


def out_of_service_moves(dialect: str) -> str:
    """SQL true for the entries that took a resource out of service, as the dialect's index has it."""
    from model.tables import OUT_OF_SERVICE_MOVES

    return OUT_OF_SERVICE_MOVES if dialect == "sqlite" else PG_OUT_OF_SERVICE_MOVES


def resource_moved(dialect: str) -> str:
    """SQL for the code of the resource a status move moved, as the dialect's index has it."""
    from model.tables import RESOURCE_MOVED

    return RESOURCE_MOVED if dialect == "sqlite" else PG_RESOURCE_MOVED
