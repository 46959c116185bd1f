"""Crash and concurrency: a killed writer loses no committed entry; two writers keep one chain."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from model import ledger
from model.db import open_ledger, read_session, sqlite_url

WRITER = r"""
import sys
from model import actions
from model.db import open_ledger, sqlite_url, write_session
from model.schemas import UnitIn

engine = open_ledger(sqlite_url(sys.argv[1]))
name = sys.argv[2]
count = int(sys.argv[3])
with write_session(engine) as session:
    for n in range(count):
        unit = UnitIn(code=f"{name}-{n}", name=f"unit {n}", kind="fire", tier=1, duty_phone="119")
        actions.register_unit(session=session, operator=name, unit=unit)
        print(unit.code, flush=True)
"""


def start_writer(path: Path, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(count)],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])


def committed_codes(path: Path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {code for (code,) in raw.execute("SELECT code FROM unit")}


def test_sigkill_loses_no_committed_entry(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    open_ledger(sqlite_url(path)).dispose()
    writer = start_writer(path, "kill", 100_000)
    assert writer.stdout is not None
    reported: list[str] = []
    deadline = time.monotonic() + 60
    while len(reported) < 50 and time.monotonic() < deadline:
        reported.append(writer.stdout.readline().strip())
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert len(reported) == 50
    assert set(reported) <= committed_codes(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with read_session(open_ledger(sqlite_url(path))) as session:
        assert ledger.verify(session).ok


def test_two_processes_keep_one_unbroken_chain(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    open_ledger(sqlite_url(path)).dispose()
    writers = [start_writer(path, name, 40) for name in ("desk1", "desk2")]
    outputs = [writer.communicate(timeout=120)[0].split() for writer in writers]
    assert all(writer.returncode == 0 for writer in writers)
    assert committed_codes(path) == set(outputs[0]) | set(outputs[1])
    assert len(committed_codes(path)) == 80
    with read_session(open_ledger(sqlite_url(path))) as session:
        report = ledger.verify(session)
    assert report.ok and report.entries == 80
