"""A ledger written by an earlier linkdesk still verifies: the hash of what was recorded never changes.

`tests/data/ledger/main-5d2553c.db` was written by linkdesk at commit 5d2553c (the demo roster
and incidents, back-dated entries and an import, the clock frozen at odd microseconds) and is
kept byte for byte as that code left it. Whatever the ledger code becomes, it must read those
bytes into the same hash inputs and replay them into the same state.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from model import actions, clock, ledger
from model.db import open_ledger, read_session, sqlite_url, write_session
from model.schemas import UnitIn

WRITTEN_BEFORE = Path(__file__).resolve().parents[1] / "data" / "ledger" / "main-5d2553c.db"
HEAD = "183:9598322b3a71119677aa60f715c7a4522e4b7d8f640f97e408f3c9ba5bcd5b39"
"""The head `linkdesk ledger verify` printed for the file when commit 5d2553c wrote it."""


def test_a_ledger_written_by_an_earlier_linkdesk_verifies_and_takes_new_entries(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    shutil.copyfile(WRITTEN_BEFORE, path)
    engine = open_ledger(sqlite_url(path))
    with read_session(engine) as session:
        report = ledger.verify(session, anchors=[ledger.Head.parse(HEAD)])
    assert report.ok, report.problem or report.anchor_problems
    assert str(report.head) == HEAD and report.entries == 183
    with clock.frozen(datetime(2026, 11, 29, 8, 0, 0, 1, tzinfo=UTC)), write_session(engine) as session:
        actions.register_unit(session=session, operator="值班员 李娜", unit=UnitIn(
            code="HB", name="环保局", kind="environment", tier=1, duty_phone="12369"))
    with read_session(engine) as session:
        extended = ledger.verify(session, anchors=[ledger.Head.parse(HEAD)])
    engine.dispose()
    assert extended.ok, extended.problem or extended.anchor_problems
    assert extended.head is not None and extended.head.seq == 184
