"""SIGKILL in the middle of writing, twenty times over, and two desks writing at once.

Each round kills a writer at a random moment after it has reported some committed entries;
every reported entry must survive, the file must pass SQLite's integrity check and the chain
must verify. The writer reports an entry only after its action returned, i.e. after COMMIT.

The twenty writers of the SIGKILL test are forked from one process that has imported the model
once (starting Python and importing costs seconds on a shared machine; the kill is what is tested):
each is its own process with its own engine and connection, killed as abruptly as any other.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

from sqlalchemy import Engine, select

from model import ledger
from model import ledger as ledger_module
from model.db import open_ledger, read_session, sqlite_url
from model.tables import Incident, LedgerEntry

PROJECT = Path(__file__).resolve().parents[2]

WRITER = r"""
import sys, time
from model import actions
from model.db import ledger_url, make_engine, write_session
from model.schemas import ReportIn

engine = make_engine(ledger_url(sys.argv[1]))
name, count = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
line = sys.stdin.readline().split()
pause = 0.0
if len(line) > 1:
    time.sleep(max(0.0, float(line[1]) - time.time()))
    pause = 0.005
for n in range(count):
    with write_session(engine) as session:
        row = actions.receive_report(session=session, operator=name, report=ReportIn(
            channel="119", type="fire", address=f"{name} 路 {n} 号", description="冒烟"))
    print(row.no, flush=True)
    time.sleep(pause)
"""


FORKING_WRITER = r"""
import os, sys
from model import actions
from model.db import make_engine, sqlite_url, write_session
from model.schemas import ReportIn

path, count = sys.argv[1], int(sys.argv[2])
for line in sys.stdin:
    name = line.strip()
    pid = os.fork()
    if pid == 0:
        engine = make_engine(sqlite_url(path))
        for n in range(count):
            with write_session(engine) as session:
                row = actions.receive_report(session=session, operator=name, report=ReportIn(
                    channel="119", type="fire", address=f"{name} 路 {n} 号", description="冒烟"))
            print(row.no, flush=True)
        os._exit(0)
    print(f"writer {pid}", flush=True)
    os.waitpid(pid, 0)
    print("gone", flush=True)
"""
"""Reads a writer's name per line, forks that writer and says its pid; says `gone` once it is dead."""


def start_writer(path: Path | str, name: str, count: int) -> subprocess.Popen[str]:
    """A writer that loads, says `ready`, and writes once it reads a line (so start-up can overlap);
    a line `go T` makes it wait for the instant T, so several writers start together, and pause a
    moment between entries as a desk does (SQLite's busy handler would otherwise let one writer
    take the lock back at every commit and starve the other)."""
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(count)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=PROJECT)


def stored_numbers(path: Path) -> list[str]:
    with sqlite3.connect(path) as raw:
        return [no for (no,) in raw.execute("SELECT no FROM incident ORDER BY no")]


def assert_sound(path: Path) -> int:
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    engine = open_ledger(sqlite_url(path))
    with read_session(engine) as session:
        report = ledger.verify(session)
    engine.dispose()
    assert report.ok, report.problem
    return report.entries


def test_sigkill_twenty_times_loses_no_committed_entry(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    open_ledger(sqlite_url(path)).dispose()
    chooser = random.Random(8)
    reported: list[str] = []
    forker = subprocess.Popen([sys.executable, "-c", FORKING_WRITER, str(path), "10000"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=PROJECT)
    assert forker.stdin is not None and forker.stdout is not None
    try:
        for round_no in range(20):
            forker.stdin.write(f"desk{round_no}\n")
            forker.stdin.flush()
            said = forker.stdout.readline().split()
            assert said[0] == "writer", said
            for _ in range(chooser.randint(1, 8)):
                reported.append(forker.stdout.readline().strip())
            time.sleep(chooser.random() * 0.01)
            os.kill(int(said[1]), signal.SIGKILL)
            while (line := forker.stdout.readline().strip()) != "gone":
                reported.append(line)  # committed and reported before the kill landed: must survive too
            stored = stored_numbers(path)
            assert set(reported) <= set(stored), f"round {round_no} lost a committed entry"
            assert assert_sound(path) == len(stored)
    finally:
        forker.stdin.close()
        forker.wait(timeout=60)


def test_two_desks_writing_at_once_share_one_chain_and_one_numbering(engine: Engine, ledger: Path | str) -> None:
    """Both desks are released at the same instant (a barrier in time, after both have loaded), so
    their writes interleave; without the write lock they fork the chain or collide on a number."""
    writers = [start_writer(ledger, name, 25) for name in ("desk1", "desk2")]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    start = time.time() + 0.3
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write(f"go {start}\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=120)[0].split() for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0]
    numbers = outputs[0] + outputs[1]
    assert len(set(numbers)) == 50, "two desks were given the same incident number"
    with read_session(engine) as session:
        stored = sorted(session.execute(select(Incident.no)).scalars())
        report = ledger_module.verify(session)
        operators = list(session.execute(select(LedgerEntry.operator).order_by(LedgerEntry.seq)).scalars())  # type: ignore[arg-type]
    assert sorted(numbers) == stored
    assert report.ok and report.entries == 50, report.problem
    switches = sum(first != second for first, second in pairwise(operators))
    assert switches > 1, "the desks wrote at the same time, not one after the other"
