"""The `linkdesk` command: one Typer app with a sub-app per group of commands.

Every failure leaves as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from console.cli.context import CliContext
from console.cli.db import db_app
from console.cli.demo import demo
from console.cli.ledger import ledger_app
from console.cli.plans import plans_app
from model.errors import LinkdeskError

app = typer.Typer(
    name="linkdesk",
    help="Keyboard-first dispatch console and ledger of the emergency linkage center (应急联动中心).",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(ledger_app, name="ledger")
app.add_typer(db_app, name="db")
app.add_typer(plans_app, name="plans")
app.command()(demo)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", help="Ledger file (default: LINKDESK_DB, else the user data folder).")] = None,
    operator: Annotated[str | None, typer.Option("--operator", help="Who is entering (default: LINKDESK_OPERATOR, else the login name).")] = None,
) -> None:
    """Open the console on the configured ledger when no command is given."""
    ctx.obj = CliContext.from_options(db=db, operator=operator)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def main() -> None:
    """Entry point of the `linkdesk` script: domain and ledger failures become one line on stderr."""
    try:
        # Outside standalone mode click returns a command's `typer.Exit` code instead of exiting.
        code = app(standalone_mode=False)
    except LinkdeskError as error:
        typer.echo(f"linkdesk: {error}", err=True)
        sys.exit(1)
    except typer.Abort:
        typer.echo("linkdesk: aborted", err=True)
        sys.exit(1)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:  # click usage errors carry their own message and exit code
        show = getattr(error, "show", None)
        if callable(show):
            show()
            sys.exit(getattr(error, "exit_code", 2))
        raise
    if isinstance(code, int) and code:
        sys.exit(code)
