"""Durable appends per second through the action layer, beside raw sqlite3 with the same pragmas.

Run: uv run python tests/bench/append.py [COUNT]
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from model import actions
from model.db import open_ledger, sqlite_url, write_session
from model.schemas import UnitIn


def ours(folder: Path, count: int) -> float:
    engine = open_ledger(sqlite_url(folder / "ours.db"))
    with write_session(engine) as session:
        started = time.perf_counter()
        for n in range(count):
            actions.register_unit(session=session, operator="bench", unit=UnitIn(
                code=f"U{n}", name=f"unit {n}", kind="fire", tier=1, duty_phone="119"))
        elapsed = time.perf_counter() - started
    engine.dispose()
    return count / elapsed


def raw(folder: Path, count: int) -> float:
    connection = sqlite3.connect(folder / "raw.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "busy_timeout = 5000"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("CREATE TABLE entry (seq INTEGER PRIMARY KEY, payload TEXT, hash TEXT)")
    started = time.perf_counter()
    for n in range(count):
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO entry VALUES (?, ?, ?)", (n, f"unit {n}", "0" * 64))
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return count / elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    runs = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as folder:
            runs.append((ours(Path(folder), count), raw(Path(folder), count)))
    ours_rate = statistics.median(run[0] for run in runs)
    raw_rate = statistics.median(run[1] for run in runs)
    print(f"appends through the action layer: {ours_rate:8.0f} /s")
    print(f"raw sqlite3 inserts, same pragmas: {raw_rate:8.0f} /s")
    print(f"ratio ours / raw: {ours_rate / raw_rate:.2f}")


if __name__ == "__main__":
    main()
