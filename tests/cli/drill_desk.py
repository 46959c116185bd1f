"""A drill run against the demo on a clock the test moves, worked by `linkdesk incident …` calls.

`ScriptedClock` is the runner's clock: each wait moves the frozen `model.clock` on and then runs
the desk's moves whose drill minute has come, so a 90-minute scenario at `--speed 60` runs in
well under a second of real time and every entry's time follows the drill clock exactly.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from console.cli import app
from model import clock
from model.db import read_session
from model.drill_record import DrillRecord, drill_records

Move = Callable[["Desk"], None]


class Desk:
    """The officers at the desk during a drill: `linkdesk incident …` on the drill's ledger."""

    def __init__(self, engine: Engine, ledger_path: Path | str) -> None:
        self.engine, self.ledger_path, self.runner = engine, ledger_path, CliRunner()

    def record(self) -> DrillRecord:
        with read_session(self.engine) as session:
            return drill_records(session)[-1]

    def incident(self, key: str) -> str:
        return self.record().incidents[key]

    def second_caller(self) -> str:
        """The incident the casualties inject raised (the one to merge)."""
        return next(item.incident_no for item in self.record().fed if item.kind == "casualties" and item.incident_no)

    def cli(self, *args: str) -> Result:
        result = self.runner.invoke(app, ["--db", str(self.ledger_path), "--operator", "值班员 演练", *args])
        assert result.exit_code == 0, result.output + result.stderr
        return result


class ScriptedClock:
    """A drill clock that moves the frozen time on at every wait and plays the desk's moves as their minute comes."""

    def __init__(self, start: datetime, speed: float, desk: Desk, moves: dict[float, Move]) -> None:
        self.stack = ExitStack()
        self.moment, self.speed, self.desk = start, speed, desk
        self.moves = sorted(moves.items())
        self.stack.enter_context(clock.frozen(start))
        self.start = start

    def now(self) -> datetime:
        return clock.now()

    def sleep(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)
        self.stack.enter_context(clock.frozen(self.moment))
        record = self.desk.record()
        minute = record.minute_at(self.moment)
        while self.moves and self.moves[0][0] <= minute:
            _, move = self.moves.pop(0)
            move(self.desk)

    def close(self) -> None:
        self.stack.close()


def copy_ledger(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    return target
