"""What differs between the ledger's database servers when an entry is appended, in one place.

`model.ledger.append` calls these two hooks and nothing else dialect-specific. On SQLite the
write session's `BEGIN IMMEDIATE` (model/db.py) already holds the file's write lock before the
chain head is read, and followers notice new entries by `PRAGMA data_version` (model/watch.py),
so both hooks have nothing to add there; a server backend takes its own lock and announces the
new seq inside the writing transaction.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection


def serialize_appends(connection: Connection) -> None:
    """Hold this ledger's append lock until the transaction ends, before the chain head is read."""
    if connection.dialect.name == "sqlite":
        return


def announce(connection: Connection, seq: int) -> None:
    """Tell the following desks that entry `seq` exists, delivered when the transaction commits."""
    if connection.dialect.name == "sqlite":
        return
