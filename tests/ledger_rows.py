"""Reading back what a ledger holds, on either backend: a test's raw look past the console and the CLI."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text

from model.db import make_engine
from model.location import is_server, ledger_url


def rows(ledger: Path | str, statement: str, parameters: Mapping[str, Any] | None = None) -> list[Sequence[Any]]:
    """Every row a read-only SQL statement returns from the ledger (an SQLite file or a libpq URI)."""
    engine = make_engine(ledger_url(ledger))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(statement), dict(parameters or {}))]
    finally:
        engine.dispose()


def scalar(ledger: Path | str, statement: str, parameters: Mapping[str, Any] | None = None) -> Any:
    """The one value a read-only SQL statement returns."""
    found = rows(ledger, statement, parameters)
    return found[0][0] if found else None


@contextmanager
def write_lock_held(ledger: Path | str) -> Iterator[None]:
    """Another program holds the ledger's write lock meanwhile: SQLite's file lock (BEGIN IMMEDIATE), or
    on PostgreSQL the advisory lock every append takes (model/backend.py)."""
    if not is_server(ledger):
        holder = sqlite3.connect(ledger, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    import psycopg

    from model.backend import APPEND_LOCK_KEY

    with psycopg.connect(str(ledger)) as server:
        server.execute("SELECT pg_advisory_xact_lock(%s)", (APPEND_LOCK_KEY,))
        try:
            yield
        finally:
            server.rollback()
