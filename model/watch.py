"""Noticing cheaply that another connection has written to the ledger: the followers' wake-up.

A desk's ledger follower reads the entries after the last seq it has seen. It does so at once
when its own desk writes, and otherwise whenever its watch says the ledger may have changed. The
watch is the one seam between the follower and the database: SQLite answers from
`PRAGMA data_version` on a connection of the watch's own (the number moves when any other
connection commits); PostgreSQL answers from `NOTIFY linkdesk_ledger`, heard on a connection of
the watch's own that does nothing but listen.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any, Protocol

from sqlalchemy import Engine

from model.backend import CHANNEL


class LedgerWatch(Protocol):
    poll_seconds: float
    """How often the follower asks `changed()` when its own desk has not written."""

    def changed(self) -> bool:
        """True when the ledger may have new entries since the last call (or on the first call)."""

    def cut_off(self) -> str | None:
        """Why the watch cannot reach the ledger now, or None while it can."""

    def close(self) -> None: ...


class SqliteWatch:
    """`PRAGMA data_version` on a connection nobody writes through: it moves on any other commit.

    Asked ten times a second: the answer costs tens of microseconds, and the wait for the next ask
    is most of what another desk's write takes to show here."""

    poll_seconds = 0.1

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


class PostgresWatch:
    """`LISTEN linkdesk_ledger` on a dedicated autocommit connection, heard by a thread of its own.

    A notification's payload is only the new seq; the follower reads what it has not seen by seq,
    so a notification lost while the connection was down costs nothing: once the watch is back
    it says `changed()` and the follower catches up. While it is down, `cut_off()` says why (the
    status bar shows it) and the thread tries again every `retry_seconds`. The thread also asks
    the server for a trivial answer every `probe_seconds`, so a link that died without a word
    (a cable, a failover) is noticed as soon as a dropped connection is.
    """

    poll_seconds = 0.05
    retry_seconds = 0.5
    probe_seconds = 1.0

    def __init__(self, conninfo: str, where: str) -> None:
        self._conninfo = conninfo
        self._where = where
        self._lock = threading.Lock()
        self._pending = True
        self._reason: str | None = None
        self._stopping = threading.Event()
        self._connection: Any = None
        self._thread = threading.Thread(target=self._listen, name="linkdesk-ledger-watch", daemon=True)
        self._thread.start()

    def changed(self) -> bool:
        with self._lock:
            pending, self._pending = self._pending, False
        return pending

    def cut_off(self) -> str | None:
        with self._lock:
            return self._reason

    def close(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=0.2)

    def _listen(self) -> None:
        import psycopg

        while not self._stopping.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    with self._lock:
                        self._reason, self._pending = None, True
                    self._hear(connection)
            except psycopg.Error as error:
                from model.db import describe_failure

                with self._lock:
                    self._reason = describe_failure(error, self._where)
                self._stopping.wait(self.retry_seconds)

    def _hear(self, connection: Any) -> None:
        while not self._stopping.is_set():
            for _notice in connection.notifies(timeout=self.probe_seconds):
                with self._lock:
                    self._pending = True
                if self._stopping.is_set():
                    return
            connection.execute("SELECT 1")


def watch(engine: Engine) -> LedgerWatch:
    """The watch that suits the ledger's database."""
    if engine.dialect.name == "sqlite":
        return SqliteWatch(str(engine.url.database))
    from model.db import engine_name

    conninfo = engine.url.render_as_string(hide_password=False).replace("postgresql+psycopg://", "postgresql://", 1)
    return PostgresWatch(conninfo, engine_name(engine))
