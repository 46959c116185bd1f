"""Changing a ledger file behind linkdesk's back, the way a tamperer with the file would.

The triggers of migration 0003 refuse UPDATE and DELETE on ledger entries, so a tamperer drops
them first; what is left to catch the change is `ledger verify` and its anchors.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from model import ledger
from model.db import immutable_triggers


def tamper(path: Path, statement: str, parameters: tuple[Any, ...] = ()) -> None:
    """Run one statement on the ledger at `path` with the triggers that would refuse it dropped."""
    with sqlite3.connect(path) as raw:
        for name, _statement in immutable_triggers():
            raw.execute(f"DROP TRIGGER IF EXISTS {name}")
        raw.execute(statement, parameters)
    raw.close()


def hashed_time(stored: str) -> str:
    """The hash input of a time as a tamperer reads it from the file: SQLite's UTC text, encoded."""
    return str(ledger.encode(datetime.fromisoformat(stored).replace(tzinfo=UTC)))


def rechain(path: Path, from_seq: int, genesis: str | None = None) -> None:
    """Give every entry from `from_seq` on the hash its content now calls for, as a careful forger would.

    The chain then links and hashes cleanly; only a head printed before the forgery (an anchor)
    still shows it. `genesis` is where a rechained first entry starts (default: as it is).
    """
    with sqlite3.connect(path) as raw:
        for name, _statement in immutable_triggers():
            raw.execute(f"DROP TRIGGER IF EXISTS {name}")
        rows = raw.execute("SELECT seq, happened_at, entered_at, operator, shift_id, incident_no, kind, corrects_seq, "
                           "payload, prev_hash FROM ledger_entry WHERE seq >= ? ORDER BY seq", (from_seq,)).fetchall()
        previous = rows[0][-1] if genesis is None or from_seq > 1 else genesis
        for seq, happened_at, entered_at, operator, shift_id, incident_no, kind, corrects_seq, payload, _ in rows:
            digest = ledger.entry_hash(seq, hashed_time(happened_at), hashed_time(entered_at), operator,
                                       shift_id, incident_no, kind, corrects_seq, payload, previous)
            raw.execute("UPDATE ledger_entry SET prev_hash = ?, hash = ? WHERE seq = ?", (previous, digest, seq))
            previous = digest
    raw.close()
