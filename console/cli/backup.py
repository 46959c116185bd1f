"""`linkdesk backup DEST`: a consistent copy of the ledger, safe to take while the console runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from console.cli.context import cli_context
from console.cli.output import say
from model.text import _


def backup(
    ctx: typer.Context,
    destination: Annotated[Path, typer.Argument(
        help=_("New file for the copy; `linkdesk --db DEST ledger verify` checks it."))],
) -> None:
    """Uses SQLite's online backup so other desks go on writing while the copy is taken."""
    from model.backup import backup as copy_ledger
    from model.db import is_server
    from model.errors import LedgerUnavailable

    context = cli_context(ctx)
    if is_server(context.ledger_path):
        raise LedgerUnavailable(_("{ledger} is on a PostgreSQL server: back it up with the server's own tool, "
                                  "pg_dump (for example pg_dump -Fc -f linkdesk.dump DBNAME)")
                                .format(ledger=context.where))
    assert isinstance(context.ledger_path, Path)
    size = copy_ledger(context.ledger_path, destination)
    say(_("backed up {ledger} to {copy} ({size:,} bytes)").format(ledger=context.where,
                                                                  copy=destination, size=size))
