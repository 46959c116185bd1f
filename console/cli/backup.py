"""`linkdesk backup DEST`: a consistent copy of the ledger, safe to take while the console runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from console.cli.context import cli_context


def backup(
    ctx: typer.Context,
    destination: Annotated[Path, typer.Argument(help="New file for the copy; `linkdesk --db DEST ledger verify` checks it.")],
) -> None:
    """Copy the ledger with SQLite's online backup while other desks go on writing."""
    from model.backup import backup as copy_ledger

    context = cli_context(ctx)
    size = copy_ledger(context.ledger_path, destination)
    typer.echo(f"backed up {context.ledger_path} to {destination} ({size:,} bytes)")
