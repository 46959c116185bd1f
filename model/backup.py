"""A consistent copy of the ledger taken while desks keep writing, with SQLite's online backup.

The backup API copies pages under a read transaction and restarts when a writer changes a page
it already copied, so the copy is always one committed state: a whole chain, never half an entry.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from model.db import busy_timeout_ms, translated
from model.errors import LedgerUnavailable
from model.text import _

PAGES_PER_STEP = 1024
"""Pages copied per step: small enough that a writing desk waits only a moment between steps."""


def backup(source: Path, destination: Path) -> int:
    """Copy the ledger at `source` to `destination` (which must not exist); returns its size in bytes."""
    if not source.is_file():
        raise LedgerUnavailable(_("cannot back up {path}: there is no ledger file there").format(path=source))
    if destination.exists():
        raise LedgerUnavailable(_("{path} already exists: choose a new file for the backup").format(path=destination))
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    with translated(str(source)):
        reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=busy_timeout_ms() / 1000)
        try:
            reader.execute("SELECT count(*) FROM ledger_entry").fetchone()
            writer = sqlite3.connect(partial)
            try:
                reader.backup(writer, pages=PAGES_PER_STEP)
                writer.execute("PRAGMA journal_mode = DELETE")
            finally:
                writer.close()
        finally:
            reader.close()
    partial.replace(destination)
    return destination.stat().st_size
