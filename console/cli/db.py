"""`linkdesk db upgrade`: apply the schema migrations to the ledger."""

from __future__ import annotations

import typer

from console.cli.context import cli_context

db_app = typer.Typer(help="Ledger database maintenance.", no_args_is_help=True)


@db_app.command()
def upgrade(ctx: typer.Context) -> None:
    """Bring the ledger's schema to the newest version (also done on every start)."""
    context = cli_context(ctx)
    context.engine()
    typer.echo(f"ledger {context.ledger_path} is at the newest schema")
