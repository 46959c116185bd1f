"""The console's door to the model: opens the ledger, runs actions and reads, one session each.

Everything here runs inside Textual thread workers, never on the UI thread, but `first_rows`,
read once before the first paint: SQLAlchemy and the plans are imported lazily so the first screen
paints before they load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from model.follow import WriteEcho
    from model.read_models import IncidentRow

R = TypeVar("R")


@dataclass
class Desk:
    """One duty desk: which ledger, who is entering, and the plans it loaded."""

    ledger_path: Path | str
    """The ledger file, or the libpq URI of a ledger on a PostgreSQL server."""
    operator: str
    seed_demo: bool = False
    plans_dir: Path | None = None
    """Folder of plan files; None is the packaged plans/ folder."""
    engine: Engine | None = None
    plans: list[Any] = field(default_factory=list)
    plan_problems: list[str] = field(default_factory=list)

    plans_ready: bool = False
    """The plans are loaded (after the first rows are on screen: the desk reads before it plans)."""

    def first_rows(self) -> list[IncidentRow] | None:
        """The queue read without SQLAlchemy, for the first paint (None: wait for the follower's read).

        The demo reads them too: seeding fills only an empty ledger, so the rows of a ledger that has
        any are the rows the follower reads after the seed (an empty one paints no row either way)."""
        from model.config import load_config
        from model.first_rows import first_rows
        from model.location import is_server

        load_config()
        if is_server(self.ledger_path):
            return None
        assert isinstance(self.ledger_path, Path)
        return first_rows(self.ledger_path)

    def open(self) -> None:
        """Open (and if asked, seed) the ledger; raises LinkdeskError. The plans load after (`prepare`)."""
        from model.config import load_config
        from model.db import ledger_url, open_ledger

        load_config()
        self.engine = open_ledger(ledger_url(self.ledger_path))
        if self.seed_demo:
            from model import demo

            demo.seed(self.engine)

    def prepare(self) -> None:
        """What the first rows need not wait for: every action imported, the plans loaded."""
        from model import actions

        actions.load()
        self.load_plans()
        self.plans_ready = True

    def load_plans(self) -> None:
        """Load every plan that checks clean; each broken file is reported, never silently skipped."""
        from model.plans import PLANS_DIR, check_plans

        plans, problems = check_plans([self.plans_dir or PLANS_DIR])
        self.plan_problems = [str(problem) for problem in problems]
        self.plans = plans

    def write(self, action: Callable[..., R], **arguments: Any) -> R:
        """Run one action in its own session (one transaction, one ledger entry)."""
        from model.db import write_session

        assert self.engine is not None
        with write_session(self.engine) as session:
            return action(session=session, operator=self.operator, **arguments)

    def record(self, action: Callable[..., object], arguments: dict[str, object]) -> WriteEcho:
        """Run one action, then read back what it did (in a read session: the write lock is let go at once)."""
        from model import clock
        from model.follow import write_echo

        result = self.write(action, **arguments)
        return self.read(write_echo, result, clock.now())

    def read(self, query: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Run one read in its own short session, so no lock outlives the call."""
        from model.db import ledger_name, read_session, translated

        assert self.engine is not None
        with translated(ledger_name(self.ledger_path)), read_session(self.engine) as session:
            return query(session, *args, **kwargs)
