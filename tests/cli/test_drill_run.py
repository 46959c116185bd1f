"""A sample scenario run at --speed 60 against the demo, worked by `linkdesk incident …`: the score
drops when one step is left overdue, the drill's incidents stay out of the real shift figures,
and pausing or stopping leaves a ledger that verifies."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from psycopg import sql
from sqlalchemy import Engine, select

from model import actions, clock
from model.db import ledger_url, open_ledger, read_session, sqlite_url, write_session
from model.drill_record import DrillRecord, drill_records
from model.drill_run import run_drill
from model.drill_score import DrillScore, score_drill
from model.drills import DRILLS_DIR, load_scenario
from model.ledger import verify as verify_ledger
from tests import pg
from tests.cli.drill_desk import Desk, Move, ScriptedClock, copy_ledger
from tests.conftest import BACKENDS, FROZEN_AT, seed_demo

SPEED = 60.0
CHEMICAL = DRILLS_DIR / "chemical_leak_iii_to_ii.yaml"


@pytest.fixture
def demo(demo_ledger: Path | str) -> Iterator[tuple[Engine, Path | str]]:
    """A fresh copy of the demo ledger (tests/console/conftest.py), on either backend, and its engine."""
    engine = open_ledger(ledger_url(demo_ledger))
    yield engine, demo_ledger
    engine.dispose()


def _merge_second_caller(desk: Desk) -> None:
    """The desk folds the 120 caller's report into the leak (the action layer: the CLI has no merge)."""
    with write_session(desk.engine) as session:
        actions.merge_into(session=session, operator="值班员 演练", incident_no=desk.second_caller(),
                           target_no=desk.incident("leak"))


def chemical_desk(*, initial_report: bool) -> dict[float, Move]:
    """What the officers do, by drill minute; without the initial report its step is left overdue."""
    leak = lambda desk: desk.incident("leak")  # noqa: E731
    moves: dict[float, Move] = {
        1: lambda desk: desk.cli("incident", "verify", leak(desk), "--method", "call_back"),
        2: lambda desk: desk.cli("incident", "grade", leak(desk), "--level", "III"),
        3: lambda desk: desk.cli("incident", "activate", leak(desk)),
        4: lambda desk: desk.cli("incident", "dispatch", leak(desk), "XF-FI02", "XF-HA02", "--step", "send_fire"),
        5: lambda desk: desk.cli("incident", "done", leak(desk), "verify_leak"),
        6: lambda desk: desk.cli("incident", "dispatch", leak(desk), "GA-PA02", "GA-PA03", "JJ-TR02",
                                 "--step", "cordon"),
        7: lambda desk: desk.cli("incident", "dispatch", leak(desk), "WJ-AM03", "WJ-AM04", "--step", "ambulances"),
        10: lambda desk: desk.cli("incident", "command-post", leak(desk), "--open", "--commander", "刘强",
                                  "--place", "纬三路上风向"),
        27: _merge_second_caller,
        33: lambda desk: desk.cli("incident", "grade", leak(desk), "--level", "II", "--reason", "死亡1人，伤12人"),
        36: lambda desk: desk.cli("incident", "approve", leak(desk), "--authority", "管委会", "--by", "刘强",
                                  "--channel", "phone", "--step", "request_city"),
        45: lambda desk: desk.cli("incident", "report-upward", leak(desk), "--kind", "follow_up",
                                  "--to", "管委会值班室", "--text", "事态扩大，已提级为II级"),
    }
    if initial_report:
        moves[15] = lambda desk: desk.cli("incident", "report-upward", leak(desk), "--kind", "initial",
                                          "--to", "管委会值班室", "--text", "液氯泄漏，3人受伤，已调派消防")
    return moves


def run_worked(engine: Engine, path: Path | str, moves: dict[float, Move]) -> tuple[DrillRecord, DrillScore]:
    desk = Desk(engine, path)
    start = FROZEN_AT + timedelta(minutes=5)
    ticking = ScriptedClock(start, SPEED, desk, moves)
    try:
        record = run_drill(engine, load_scenario(CHEMICAL), operator="演练导调", speed=SPEED, drill_clock=ticking)
        with read_session(engine) as session:
            score = score_drill(session, record, clock.now())
    finally:
        ticking.close()
    return record, score


def drilled_copy_of_the_demo(backend: str, name: str, request: pytest.FixtureRequest) -> tuple[Engine, Path | str]:
    """A ledger of the demo of its own for one worked drill: a copy of the SQLite template, or a
    PostgreSQL database of its own (the worker's ledger database is emptied before every test),
    migrated and seeded once for the module."""
    if backend == "sqlite":
        folder = request.getfixturevalue("tmp_path_factory").mktemp("worked")
        path = copy_ledger(request.getfixturevalue("demo_template"), folder / f"{name}.db")
        return open_ledger(sqlite_url(path)), path
    admin_uri = str(request.getfixturevalue("pg_admin"))
    database = f"{pg.DATABASE}_{name}"
    with pg.admin(admin_uri) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    uri = pg.with_database(admin_uri, database)
    with clock.frozen(FROZEN_AT):
        engine = open_ledger(uri)
    seed_demo(engine)
    return engine, uri


@pytest.fixture(scope="module", params=BACKENDS)
def worked_drills(request: pytest.FixtureRequest) -> Iterator[dict[bool, tuple[Engine, DrillRecord, DrillScore]]]:
    """The chemical leak drill worked twice on copies of the demo: with the initial report, and without it.

    Both drilled ledgers stay open for the module's tests, so on PostgreSQL each is a database of its
    own, made for the module, not the worker's ledger database that every test empties (tests/pg.py)."""
    runs, made = {}, []
    for initial_report in (True, False):
        engine, where = drilled_copy_of_the_demo(str(request.param), f"drill_{initial_report}".lower(), request)
        made.append(where)
        began = time.monotonic()
        record, score = run_worked(engine, where, chemical_desk(initial_report=initial_report))
        assert time.monotonic() - began < 30, "the drill clock is the test's, not the wall's"
        runs[initial_report] = (engine, record, score)
    yield runs
    for engine, _, _ in runs.values():
        engine.dispose()
    for where in made:
        if isinstance(where, str):
            with pg.admin(str(request.getfixturevalue("pg_admin"))) as connection:
                connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(pg.database_of(where))))


def test_a_worked_drill_at_speed_60_scores_lower_when_a_step_is_left_overdue(
        worked_drills: dict[bool, tuple[Engine, DrillRecord, DrillScore]]) -> None:
    _, record, worked = worked_drills[True]
    _, _, overdue = worked_drills[False]
    assert record.state == "finished" and len(record.fed) == 5
    assert round(record.length(clock.now())) == 90

    assert overdue.score < worked.score
    report_expected = [item for item in overdue.expectations
                       if item.expectation.action == "report_upward" and item.expectation.report == "initial"]
    assert report_expected[0].outcome == "missed"
    assert [item.outcome for item in overdue.steps if item.step_id == "initial_report"] == ["missed"]
    assert [item.outcome for item in worked.steps if item.step_id == "initial_report"] == ["on_time"]
    verify_time = next(item for item in worked.measures if item.what == "verify")
    assert verify_time.minutes == pytest.approx(1.0, abs=0.6)
    regrade = next(item for item in worked.expectations if item.expectation.action == "regrade")
    assert regrade.outcome == "on_time" and regrade.done_minute == pytest.approx(33, abs=0.6)


def test_drill_incidents_never_count_in_the_shift_reports_real_figures(
        worked_drills: dict[bool, tuple[Engine, DrillRecord, DrillScore]]) -> None:
    from model.shift_report import Period, gather_shift

    engine, record, _ = worked_drills[True]
    with read_session(engine) as session:
        period = Period(name="", start=FROZEN_AT - timedelta(hours=4), end=FROZEN_AT + timedelta(hours=3))
        real = gather_shift(session, period, include_drills=False, printed_at=FROZEN_AT)
        everything = gather_shift(session, period, include_drills=True, printed_at=FROZEN_AT)
    drill_numbers = set(record.incident_numbers)
    assert len(drill_numbers) == 2
    counted_real = sum(count for _level, count in real.incidents_by_level)
    counted_all = sum(count for _level, count in everything.incidents_by_level)
    assert counted_all - counted_real >= 1
    assert real.drills_left_out >= len(drill_numbers)
    assert real.dispatches == everything.dispatches - 7
    assert real.reports_received == everything.reports_received - 2 - 1
    assert all(line.is_drill for line in real.incidents if line.no in drill_numbers)


class PausingClock(ScriptedClock):
    """Another terminal pauses the drill at minute 12, resumes it after ten waits, and stops it at minute 20."""

    paused_waits = 0

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        record = self.desk.record()
        if record.is_over:
            return
        if record.state == "paused":
            self.paused_waits += 1
            if self.paused_waits == 10:
                self.desk.cli("drill", "resume", record.drill_id)
        elif record.pauses and record.minute_at(clock.now()) >= 20:
            self.desk.cli("drill", "stop", record.drill_id, "--reason", "演练暂停检查")


def test_pause_and_stop_from_another_terminal_leave_a_ledger_that_verifies(demo: tuple[Engine, Path | str]) -> None:
    engine, path = demo
    desk = Desk(engine, path)
    pause: Move = lambda desk: desk.cli("drill", "pause", desk.record().drill_id)  # noqa: E731
    ticking = PausingClock(FROZEN_AT + timedelta(minutes=5), SPEED, desk, {12: pause})
    try:
        record = run_drill(engine, load_scenario(CHEMICAL), operator="演练导调", speed=SPEED, drill_clock=ticking)
    finally:
        ticking.close()
    assert record.state == "stopped" and record.stop_reason == "演练暂停检查"
    assert len(record.pauses) == 1 and record.pauses[0][1] is not None
    assert (record.pauses[0][1] - record.pauses[0][0]).total_seconds() >= 4.5
    assert [item.position for item in record.fed] == [0, 1]
    assert 20 <= record.length(clock.now()) < 21, "the clock stood still while the drill was paused"
    with read_session(engine) as session:
        assert verify_ledger(session).bad_seq is None
        assert [each.state for each in drill_records(session)] == ["stopped"]


def test_ctrl_c_during_a_drill_stops_it_with_an_entry_and_no_half_fed_inject(
        demo: tuple[Engine, Path | str]) -> None:
    engine, path = demo

    def interrupt(desk: Desk) -> None:
        raise KeyboardInterrupt

    desk = Desk(engine, path)
    ticking = ScriptedClock(FROZEN_AT + timedelta(minutes=5), SPEED, desk, {26: interrupt})
    try:
        record = run_drill(engine, load_scenario(CHEMICAL), operator="演练导调", speed=SPEED, drill_clock=ticking)
    finally:
        ticking.close()
    assert record.state == "stopped" and record.stop_reason == "interrupted at the terminal (Ctrl+C)"
    assert [item.kind for item in record.fed] == ["report", "feedback", "casualties"]
    with read_session(engine) as session:
        assert verify_ledger(session).bad_seq is None


def test_the_desk_figures_leave_drill_incidents_and_warnings_out(
        worked_drills: dict[bool, tuple[Engine, DrillRecord, DrillScore]]) -> None:
    from model.queries import desk_figures
    from model.tables import Incident, WarningNotice

    engine, record, _ = worked_drills[True]
    with read_session(engine) as session:
        figures = desk_figures(session, record.started_at + timedelta(minutes=45))
        real_open = [row for row in session.execute(select(Incident)).scalars()
                     if row.state in ("received", "verified", "active") and not row.is_drill]
        drill_warnings = [row for row in session.execute(select(WarningNotice)).scalars() if row.is_drill]
    assert figures.open_incidents == len(real_open)
    assert drill_warnings and figures.warnings_in_force == 1, "the demo's yellow rainstorm warning only"
