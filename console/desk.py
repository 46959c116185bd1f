"""The console's door to the model: opens the ledger, runs actions and reads, one session each.

Everything here runs inside Textual thread workers, never on the UI thread: SQLAlchemy and the
plans are imported lazily so the first screen paints before they load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Engine

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

    def open(self) -> None:
        """Open (and if asked, seed) the ledger, and load the plans; raises LinkdeskError."""
        from model import actions, demo
        from model.config import load_config
        from model.db import ledger_url, open_ledger

        load_config()
        self.engine = open_ledger(ledger_url(self.ledger_path))
        actions.load()
        if self.seed_demo:
            demo.seed(self.engine)
        self.load_plans()

    def load_plans(self) -> None:
        """Load every plan that checks clean; each broken file is reported, never silently skipped."""
        from model.plans import PLANS_DIR, check_paths, load_plan, plan_files

        folder = self.plans_dir or PLANS_DIR
        problems = check_paths([folder])
        broken = {problem.source for problem in problems}
        self.plan_problems = [str(problem) for problem in problems]
        self.plans = [load_plan(path) for path in plan_files([folder]) if str(path) not in broken]

    def write(self, action: Callable[..., R], **arguments: Any) -> R:
        """Run one action in its own session (one transaction, one ledger entry)."""
        from model.db import write_session

        assert self.engine is not None
        with write_session(self.engine) as session:
            return action(session=session, operator=self.operator, **arguments)

    def read(self, query: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Run one read in its own short session, so no lock outlives the call."""
        from model.db import ledger_name, read_session, translated

        assert self.engine is not None
        with translated(ledger_name(self.ledger_path)), read_session(self.engine) as session:
            return query(session, *args, **kwargs)
