"""`linkdesk demo`: a ledger full of sample data, so a newcomer sees the desk alive."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from console.cli.context import cli_context
from model.config import demo_ledger_path


def demo(
    ctx: typer.Context,
    no_console: Annotated[bool, typer.Option("--no-console", help="Seed the demo ledger and exit.")] = False,
    reset: Annotated[bool, typer.Option("--reset", help="Start the demo ledger afresh.")] = False,
) -> None:
    """Seed the demo ledger (its own file, never the real one) and show what is in it."""
    context = cli_context(ctx)
    path = context.ledger_path if context.explicit_db else demo_ledger_path()
    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if not no_console:
        from console.app import make_app

        make_app(path, context.operator, seed_demo=True).run()
        return
    from model import demo as demo_ledger
    from model.db import open_ledger, sqlite_url

    engine = open_ledger(sqlite_url(path))
    figures = demo_ledger.seed(engine)
    typer.echo(f"demo ledger {path}: {figures.units} units, {figures.resources} resources, "
               f"{figures.open_incidents} open incidents, {figures.entries} ledger entries")
