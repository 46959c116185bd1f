"""`linkdesk db upgrade`: apply the schema migrations to the ledger."""

from __future__ import annotations

import typer

from console.cli.context import cli_context
from console.cli.output import say
from model.text import _

db_app = typer.Typer(help=_("Ledger database maintenance."), no_args_is_help=True)


@db_app.command(help=_("Bring the ledger's schema to the newest version (also done on every start)."))
def upgrade(ctx: typer.Context) -> None:
    context = cli_context(ctx)
    context.engine()
    say(_("ledger {path} is at the newest schema").format(path=context.where))
