"""What every command needs: which ledger, and who is at the desk."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine

from model.config import default_ledger_path, default_operator
from model.text import _


@dataclass(frozen=True)
class CliContext:
    ledger_path: Path
    operator: str
    explicit_db: bool

    @classmethod
    def from_options(cls, *, db: str | None, operator: str | None) -> CliContext:
        path = Path(db).expanduser() if db else default_ledger_path()
        return cls(ledger_path=path, operator=operator or default_operator(), explicit_db=db is not None)

    def engine(self) -> Engine:
        """Open the ledger (imported here: SQLAlchemy is slow to import and not every command needs it).

        Without `--db` the command says on standard error which ledger it opened, and where the
        demo's is: a newcomer who ran the demo would otherwise read an empty default ledger
        without a word.
        """
        from console.cli.output import say
        from model.config import demo_ledger_path
        from model.db import open_ledger, sqlite_url

        if not self.explicit_db and not os.environ.get("LINKDESK_DB"):
            say(_("ledger {path} (no --db given; the demo's is {demo}: linkdesk --db {demo} …)").format(
                path=self.ledger_path, demo=demo_ledger_path()), err=True)
        return open_ledger(sqlite_url(self.ledger_path))


def cli_context(ctx: typer.Context) -> CliContext:
    found = ctx.find_object(CliContext)
    assert found is not None, "the root callback sets the context"
    return found
