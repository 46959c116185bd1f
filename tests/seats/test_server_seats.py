"""Seats on one PostgreSQL ledger: ten processes at once, a seat killed mid-write, a listener cut off,
and each seat's database role vouching for its entries."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from model import actions, ledger
from model.db import make_engine, open_ledger, read_session, write_session
from model.errors import LedgerUnavailable
from model.login import desk_operator
from model.schemas import UnitIn
from model.watch import PostgresWatch, watch
from tests import pg

FORK = multiprocessing.get_context("fork")
"""Seats are forked from the test, which has loaded linkdesk already: ten fresh interpreters would
spend a minute importing it on a loaded 2-core machine before the first write."""


def seat(uri: str, name: str, count: int, barrier: Any, written: Any) -> None:
    """One seat's process: its own engine and connection; waits at the barrier, then appends."""
    engine = make_engine(uri)
    barrier.wait()
    for number in range(count):
        with write_session(engine) as session:
            actions.register_unit(session=session, operator=name, unit=UnitIn(
                code=f"{name}-{number}", name=f"单位 {number}", kind="fire", tier=1, duty_phone="119"))
        written.put(f"{name}-{number}")


def seats(uri: str, names: list[str], count: int) -> tuple[list[Any], Any]:
    """Start a process per seat, all released at once by one barrier; (processes, their written queue)."""
    barrier, written = FORK.Barrier(len(names)), FORK.Queue()
    processes = [FORK.Process(target=seat, args=(uri, name, count, barrier, written)) for name in names]
    for process in processes:
        process.start()
    return processes, written


@pytest.fixture
def server_ledger(pg_ledger: str) -> Iterator[str]:
    """The URI of a fresh PostgreSQL ledger (these tests are about the server)."""
    pg.reset(pg_ledger)
    yield pg_ledger


def verified(uri: str) -> ledger.VerifyReport:
    engine = open_ledger(uri)
    with read_session(engine) as session:
        report = ledger.verify(session)
    engine.dispose()
    assert report.ok, report.problem
    return report


def test_ten_processes_appending_at_once_keep_one_chain(server_ledger: str) -> None:
    processes, queue = seats(server_ledger, [f"seat{number}" for number in range(10)], 8)
    written = [queue.get(timeout=120) for _ in range(80)]
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0] * 10
    assert len(set(written)) == 80
    report = verified(server_ledger)
    assert report.entries == 80
    engine = open_ledger(server_ledger)
    with engine.connect() as connection:
        seqs = list(connection.execute(text("SELECT seq FROM ledger_entry ORDER BY seq")).scalars())
        interleaved = list(connection.execute(text("SELECT operator FROM ledger_entry ORDER BY seq")).scalars())
    engine.dispose()
    assert seqs == list(range(1, 81)), "seq is unique and has no gaps"
    switches = {(first, second) for first, second in itertools.pairwise(interleaved) if first != second}
    assert len(switches) > 1, "the writers ran at once, not one after the other"


def test_a_seat_killed_mid_write_loses_no_committed_entry_and_frees_the_lock(server_ledger: str) -> None:
    (killed,), queue = seats(server_ledger, ["killed"], 100_000)
    reported = [queue.get(timeout=60) for _ in range(15)]
    assert killed.pid is not None
    os.kill(killed.pid, signal.SIGKILL)
    killed.join()
    engine = open_ledger(server_ledger)
    started = time.monotonic()
    with write_session(engine) as session:
        actions.register_unit(session=session, operator="next", unit=UnitIn(
            code="after", name="之后", kind="fire", tier=1, duty_phone="119"))
    assert time.monotonic() - started < 5, "the killed seat's append lock went with its connection"
    with engine.connect() as connection:
        stored = set(connection.execute(text("SELECT code FROM unit")).scalars())
    engine.dispose()
    assert set(reported) <= stored
    assert verified(server_ledger).entries == len(stored)


def test_a_listener_cut_off_says_so_and_catches_up_when_back(server_ledger: str) -> None:
    engine = open_ledger(server_ledger)
    follower = watch(engine)
    assert isinstance(follower, PostgresWatch)
    try:
        deadline = time.monotonic() + 10
        while follower.changed() is False or follower.cut_off() is not None:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        with write_session(engine) as session:
            actions.register_unit(session=session, operator="seat", unit=UnitIn(
                code="GA", name="公安", kind="police", tier=1, duty_phone="110"))
        while not follower.changed():
            assert time.monotonic() < deadline, "the notification of the new seq never came"
            time.sleep(0.01)
        with psycopg.connect(server_ledger, autocommit=True) as admin:
            listeners = admin.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                      "AND pid <> pg_backend_pid() AND application_name = ''").fetchall()
            for (pid,) in listeners:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        while follower.cut_off() is None:
            assert time.monotonic() < deadline + 5, "the watch never noticed its connection was gone"
            time.sleep(0.005)
        assert "cannot reach the ledger server" in str(follower.cut_off())
        while follower.cut_off() is not None:
            assert time.monotonic() < deadline + 15, "the watch never came back"
            time.sleep(0.02)
        assert follower.changed(), "back on line, the follower is told to catch up by seq"
    finally:
        follower.close()
        engine.dispose()


@pytest.fixture
def seat_role(server_ledger: str) -> Iterator[str]:
    """The URI of the ledger as the seat `zhang`, a database role in the group linkdesk_seat."""
    with psycopg.connect(server_ledger, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = 'zhang'").fetchone()
        if not exists:
            admin.execute("CREATE ROLE zhang LOGIN IN ROLE linkdesk_seat")
    yield pg.as_role(server_ledger, "zhang")


def test_the_server_vouches_for_a_seats_operator(seat_role: str, server_ledger: str) -> None:
    engine = open_ledger(seat_role)
    try:
        assert desk_operator("值班员", engine) == "zhang", "a seat's role is its operator, whatever it types"
        with write_session(engine) as session:
            actions.register_unit(session=session, operator="zhang", unit=UnitIn(
                code="XF", name="消防", kind="fire", tier=1, duty_phone="119"))
        with write_session(engine) as session, pytest.raises(LedgerUnavailable, match="only under the name"):
            actions.register_unit(session=session, operator="wang", unit=UnitIn(
                code="GA", name="公安", kind="police", tier=1, duty_phone="110"))
        with engine.connect() as connection, pytest.raises(Exception, match="permission denied for table ledger_entry"):
            connection.execute(text("UPDATE ledger_entry SET operator = 'wang'"))
    finally:
        engine.dispose()
    assert verified(server_ledger).entries == 1
