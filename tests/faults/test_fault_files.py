"""A full disk, a read-only ledger, a file that is not a ledger, a clock that steps back, a backup.

Each failure must reach the officer as one line naming what to do, and leave a ledger that verifies.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from model import actions, clock, ledger
from model.backup import backup
from model.db import ledger_url, open_ledger, read_session, sqlite_url, write_session
from model.errors import LedgerUnavailable
from model.ledger import chain_rows
from model.ledger import verify as verify_chain
from model.schemas import ReportIn, UnitIn
from tests.cli.conftest import linkdesk
from tests.conftest import FROZEN_AT


def register(path: Path, codes: range) -> None:
    engine = open_ledger(sqlite_url(path))
    with write_session(engine) as session:
        for n in codes:
            actions.register_unit(session=session, operator="desk", unit=UnitIn(
                code=f"U{n}", name=f"单位 {n}" * 20, kind="fire", tier=1, duty_phone="119"))
    engine.dispose()


def verified_entries(path: Path) -> int:
    engine = open_ledger(sqlite_url(path))
    with read_session(engine) as session:
        report = ledger.verify(session)
    engine.dispose()
    assert report.ok, report.problem
    return report.entries


def test_disk_full_says_so_in_one_line_and_keeps_every_committed_entry(
        ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite only: the file's page cap (LINKDESK_MAX_PAGE_COUNT) stands in for a full disk."""
    register(ledger_path, range(5))
    with sqlite3.connect(ledger_path) as raw:
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
    monkeypatch.setenv("LINKDESK_MAX_PAGE_COUNT", str(pages + 2))
    with pytest.raises(LedgerUnavailable) as refused:
        register(ledger_path, range(5, 5000))
    message = str(refused.value)
    assert "is full" in message and "\n" not in message
    monkeypatch.delenv("LINKDESK_MAX_PAGE_COUNT")
    with sqlite3.connect(ledger_path) as raw:
        stored = raw.execute("SELECT count(*) FROM unit").fetchone()[0]
    assert stored >= 5
    assert verified_entries(ledger_path) == stored


@pytest.fixture
def read_only_ledger(tmp_path: Path) -> Iterator[Path]:
    """A ledger no process may write: immutable for root (who ignores modes), mode 0444 otherwise."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "ledger.db"
    register(path, range(3))
    as_root = os.geteuid() == 0
    for target in (path, folder):
        if as_root:
            subprocess.run(["chattr", "+i", str(target)], check=True)
        else:
            target.chmod(0o555)
    try:
        yield path
    finally:
        for target in (folder, path):
            if as_root:
                subprocess.run(["chattr", "-i", str(target)], check=True)
            else:
                target.chmod(0o755)


def test_read_only_ledger_gives_one_line_and_still_verifies(read_only_ledger: Path) -> None:
    """SQLite needs the folder writable for the write-ahead log, so the message names the folder."""
    result = linkdesk("--db", str(read_only_ledger), "demo", "--no-console")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"linkdesk: cannot open {read_only_ledger}: the folder is missing or not writable"]
    copy = read_only_ledger.parent.parent / "copy.db"
    shutil.copy(read_only_ledger, copy)
    assert verified_entries(copy) == 3


def test_file_that_is_not_a_database_is_named_by_every_door(tmp_path: Path) -> None:
    """`ledger verify` on such a file is covered in tests/cli/test_ledger_cli.py."""
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"shift notes, not a ledger\n" * 200)
    expected = f"linkdesk: {bogus} is not a linkdesk ledger (the file is not an SQLite database)"
    for command in (["backup", str(tmp_path / "copy.db")], ["demo", "--no-console"]):
        result = linkdesk("--db", str(bogus), *command)
        assert result.returncode == 1, command
        assert result.stderr.strip().splitlines() == [expected], command
    assert not (tmp_path / "copy.db").exists()


def test_clock_stepping_back_keeps_sequence_order_and_is_flagged(session: object, ledger: Path | str) -> None:
    report = ReportIn(channel="119", type="fire", address="港城大道")
    moments = [FROZEN_AT, FROZEN_AT + timedelta(minutes=5), FROZEN_AT - timedelta(minutes=30),
               FROZEN_AT + timedelta(minutes=6)]
    for moment in moments:
        with clock.frozen(moment):
            actions.receive_report(session=session, operator="desk", report=report)
    engine = open_ledger(ledger_url(ledger))
    with read_session(engine) as reader:
        rows = list(chain_rows(reader))
        found = verify_chain(reader)
    engine.dispose()
    assert [row[0] for row in rows] == [1, 2, 3, 4]
    assert found.ok and found.clock_steps_back == [3]
    result = linkdesk("--db", str(ledger), "ledger", "verify")
    assert result.returncode == 0, result.stderr
    assert "clock stepped back before entries 3 " in result.stdout


def test_backup_while_a_desk_writes_verifies_and_restores(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    register(path, range(200))
    stop = threading.Event()

    def keep_writing() -> None:
        engine = open_ledger(sqlite_url(path))
        n = 1000
        while not stop.is_set():
            with write_session(engine) as session:
                actions.register_unit(session=session, operator="desk2", unit=UnitIn(
                    code=f"W{n}", name="写入中", kind="fire", tier=1, duty_phone="119"))
            n += 1
        engine.dispose()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copy = tmp_path / "backups" / "ledger-copy.db"
        backup(path, copy)
    finally:
        stop.set()
        writer.join()
    result = linkdesk("--db", str(copy), "ledger", "verify")
    assert result.returncode == 0, result.stderr
    saved = verified_entries(copy)
    assert saved >= 200
    path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(copy, path)
    assert verified_entries(path) == saved
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT name FROM unit WHERE code = 'U199'").fetchone() == ("单位 199" * 20,)
