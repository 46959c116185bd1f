"""Running a drill: feed a scenario's injects into the ledger at their times on the drill clock.

The runner only writes injects and the drill's own state; officers work the desk meanwhile (the
console or `linkdesk incident …`), and a pause, resume or stop given from another terminal is a
ledger entry the runner reads before each feed. Time comes from a `DrillClock`, so a test can run
an hour's scenario in a moment on a clock it moves itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import Engine

from model import actions, clock
from model.db import read_session, write_session
from model.drill_record import DrillRecord, drill_record
from model.drills import Scenario
from model.errors import DomainError
from model.text import _

POLL_SECONDS = 0.5
"""How often (wall clock) a waiting runner looks for a pause or stop entered elsewhere."""


class DrillClock(Protocol):
    """Where a runner reads the time and how it waits."""

    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None: ...


class WallClock:
    """The real clock: `model.clock.now()` and `time.sleep`."""

    def now(self) -> datetime:
        return clock.now()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass(frozen=True)
class DrillEvent:
    """What the runner just did, for the command to print."""

    record: DrillRecord
    kind: str
    """started, fed, paused, resumed, stopped or finished."""
    position: int | None = None


def _read(engine: Engine, drill_id: str) -> DrillRecord:
    with read_session(engine) as session:
        record = drill_record(session, drill_id)
    if record is None:
        raise DomainError(_("drill {id} does not exist").format(id=drill_id))
    return record


def run_drill(engine: Engine, scenario: Scenario, *, operator: str, speed: float,
              drill_clock: DrillClock | None = None, on_event: Callable[[DrillEvent], None] | None = None,
              poll_seconds: float = POLL_SECONDS) -> DrillRecord:
    """Start a drill and run it to its end, or until it is stopped (here by Ctrl+C, or elsewhere).

    Ctrl+C between two feeds or during one ends the drill with a `drill_stopped` entry; an inject
    being fed then is rolled back whole by its transaction, so the ledger holds it whole or not at all.
    """
    ticking = drill_clock or WallClock()
    report = on_event or (lambda event: None)
    with write_session(engine) as session:
        record = actions.start_drill(session=session, operator=operator, scenario=scenario, speed=speed,
                                     happened_at=ticking.now())
    report(DrillEvent(record, "started"))
    try:
        return _feed_until_over(engine, scenario, record.drill_id, operator, ticking, report, poll_seconds)
    except KeyboardInterrupt:
        with write_session(engine) as session:
            stopped = actions.stop_drill(session=session, operator=operator, drill_id=record.drill_id,
                                         reason=_("interrupted at the terminal (Ctrl+C)"), happened_at=ticking.now())
        report(DrillEvent(stopped, "stopped"))
        return stopped


def _feed_until_over(engine: Engine, scenario: Scenario, drill_id: str, operator: str, ticking: DrillClock,
                     report: Callable[[DrillEvent], None], poll_seconds: float) -> DrillRecord:
    ordered = scenario.ordered_injects()
    last_state = "running"
    while True:
        record = _read(engine, drill_id)
        if record.state != last_state:
            last_state = record.state
            report(DrillEvent(record, record.state if record.state != "running" else "resumed"))
        if record.is_over:
            return record
        now = ticking.now()
        if record.state == "paused":
            ticking.sleep(poll_seconds)
            continue
        minute = record.minute_at(now)
        waiting = [(position, inject) for position, inject in ordered if position not in record.fed_positions]
        due = [(position, inject) for position, inject in waiting if inject.at <= minute]
        if due:
            position, inject = due[0]
            with write_session(engine) as session:
                record = actions.feed_inject(session=session, operator=operator, drill_id=drill_id,
                                             position=position, inject=inject, happened_at=ticking.now())
            report(DrillEvent(record, "fed", position))
            continue
        if not waiting and minute >= scenario.duration:
            with write_session(engine) as session:
                record = actions.finish_drill(session=session, operator=operator, drill_id=drill_id,
                                              happened_at=ticking.now())
            report(DrillEvent(record, "finished"))
            return record
        next_minute = min([inject.at for _position, inject in waiting] or [scenario.duration])
        wait = (record.real_at(next_minute, now) - now).total_seconds()
        ticking.sleep(max(0.001, min(wait, poll_seconds)))
