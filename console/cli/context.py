"""What every command needs: which ledger, and who is at the desk."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine

from model.config import default_ledger_path
from model.text import _


@dataclass(frozen=True)
class CliContext:
    ledger_path: Path | str
    """The ledger file, or the libpq URI (`postgresql://…`) of a ledger on a server."""
    typed_operator: str | None
    """What `--operator` or LINKDESK_OPERATOR said; model.login decides whether it may stand."""
    explicit_db: bool

    @classmethod
    def from_options(cls, *, db: str | None, operator: str | None) -> CliContext:
        from model.location import ledger_location

        named = db or os.environ.get("LINKDESK_DB")
        location = ledger_location(named) if named else default_ledger_path()
        return cls(ledger_path=location, typed_operator=operator or os.environ.get("LINKDESK_OPERATOR") or None,
                   explicit_db=db is not None)

    @property
    def where(self) -> str:
        """The ledger as messages name it (a server's URI without its password)."""
        from model.location import ledger_name

        return ledger_name(self.ledger_path)

    @cached_property
    def operator(self) -> str:
        """Who the entries of this command name: the login the system vouches for (model.login)."""
        from model.location import is_server
        from model.login import desk_operator

        return desk_operator(self.typed_operator, self.engine() if is_server(self.ledger_path) else None)

    def engine(self) -> Engine:
        """Open the ledger once per command (imported here: SQLAlchemy is slow to import and not every
        command needs it).

        Without `--db` the command says on standard error which ledger it opened, and where the
        demo's is: a newcomer who ran the demo would otherwise read an empty default ledger
        without a word.
        """
        return self._engine

    @cached_property
    def _engine(self) -> Engine:
        from console.cli.output import say
        from model.config import demo_ledger_path
        from model.db import ledger_url, open_ledger

        if not self.explicit_db and not os.environ.get("LINKDESK_DB"):
            say(_("ledger {path} (no --db given; the demo's is {demo}: linkdesk --db {demo} …)").format(
                path=self.where, demo=demo_ledger_path()), err=True)
        return open_ledger(ledger_url(self.ledger_path))


def cli_context(ctx: typer.Context) -> CliContext:
    found = ctx.find_object(CliContext)
    assert found is not None, "the root callback sets the context"
    return found
