"""Noticing cheaply that another connection has written to the ledger: the followers' wake-up.

A desk's ledger follower reads the entries after the last seq it has seen. It does so at once
when its own desk writes, and otherwise whenever its watch says the ledger may have changed. The
watch is the one seam between the follower and the database: SQLite answers from
`PRAGMA data_version` on a connection of the watch's own (the number moves when any other
connection commits); a server backend answers from its notifications.
"""

from __future__ import annotations

import sqlite3
from typing import Protocol

from sqlalchemy import Engine


class LedgerWatch(Protocol):
    poll_seconds: float
    """How often the follower asks `changed()` when its own desk has not written."""

    def changed(self) -> bool:
        """True when the ledger may have new entries since the last call (or on the first call)."""

    def cut_off(self) -> str | None:
        """Why the watch cannot reach the ledger now, or None while it can."""

    def close(self) -> None: ...


class SqliteWatch:
    """`PRAGMA data_version` on a connection nobody writes through: it moves on any other commit."""

    poll_seconds = 0.25

    def __init__(self, path: str) -> None:
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._version: int | None = None

    def changed(self) -> bool:
        version = int(self._connection.execute("PRAGMA data_version").fetchone()[0])
        moved = version != self._version
        self._version = version
        return moved

    def cut_off(self) -> str | None:
        return None

    def close(self) -> None:
        self._connection.close()


def watch(engine: Engine) -> LedgerWatch:
    """The watch that suits the ledger's database."""
    if engine.dialect.name == "sqlite":
        return SqliteWatch(str(engine.url.database))
    raise NotImplementedError(engine.dialect.name)
