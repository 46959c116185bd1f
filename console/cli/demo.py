"""`linkdesk demo`: a ledger full of sample data, so a newcomer sees the desk alive."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from console.cli.context import cli_context
from console.cli.output import say
from model.config import demo_ledger_path
from model.errors import LedgerUnavailable
from model.location import is_server
from model.text import _


def demo(
    ctx: typer.Context,
    no_console: Annotated[bool, typer.Option("--no-console", help=_("Seed the demo ledger and exit."))] = False,
    reset: Annotated[bool, typer.Option("--reset", help=_("Start the demo ledger afresh."))] = False,
) -> None:
    """A newcomer sees the desk alive without touching the real ledger."""
    context = cli_context(ctx)
    path = context.ledger_path if context.explicit_db else demo_ledger_path()
    if is_server(path):
        raise LedgerUnavailable(_("the demo seeds a ledger file of its own, never a ledger on a server: "
                                  "give --db a file, or leave it out"))
    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if not no_console:
        from console.app import make_app, run_console

        status = run_console(make_app(path, context.operator, seed_demo=True))
        if status:
            raise typer.Exit(status)
        return
    from model import demo as demo_ledger
    from model.db import ledger_url, open_ledger

    engine = open_ledger(ledger_url(path))
    figures = demo_ledger.seed(engine)
    say(_("demo ledger {path}: {units} units, {resources} resources, {open} open incidents, "
          "{entries} ledger entries").format(path=path, units=figures.units, resources=figures.resources,
                                           open=figures.open_incidents, entries=figures.entries))
