"""The benchmark year's faster path writes exactly what the real actions write.

tests/bench/generate.py builds the busy year's entries itself instead of calling one action per
entry; this is the proof that doing so changes no byte of the ledger or the state tables.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from model import ledger
from model.db import open_ledger, read_session, sqlite_url
from tests.bench import generate

TABLES = ("ledger_entry", "incident", "report", "assignment", "resource", "shift", "unit")


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {name: connection.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall() for name in TABLES}


def test_fast_path_writes_the_entries_and_state_the_actions_write(tmp_path: Path) -> None:
    """Two days, lives overlapping and resources reused, with a few incidents left open at the end."""
    by_actions, by_fast_path = tmp_path / "actions.db", tmp_path / "fast.db"
    generate.build(by_actions, 60, resources=40, writer=generate.through_actions, days=2)
    generate.build(by_fast_path, 60, resources=40, writer=generate.fast, days=2)
    expected, written = dump(by_actions), dump(by_fast_path)
    assert len(expected["ledger_entry"]) > 60 * 15
    for name in TABLES:
        assert written[name] == expected[name], name
    engine = open_ledger(sqlite_url(by_fast_path))
    with read_session(engine) as session:
        report = ledger.verify(session)
    engine.dispose()
    assert report.ok, report.problem
    assert not report.clock_steps_back
