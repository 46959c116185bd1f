"""`linkdesk board` (the board in this terminal) and `linkdesk serve --board` (the board in browsers)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from console.cli.context import cli_context
from model.errors import LinkdeskError
from model.text import _, language


def ledger_to_show(ctx: typer.Context) -> Path | str:
    """The configured ledger, once it is known to open: a board on no ledger, or on a file that is not
    one, or on a server that refuses it, is refused here in one line, not shown as an empty board or a
    toast in a browser."""
    from model.db import ledger_url, open_ledger, translated
    from model.location import is_server

    context = cli_context(ctx)
    location = context.ledger_path
    if not is_server(location) and not Path(location).is_file():
        raise LinkdeskError(_("no ledger at {path}: give --db with the ledger to show").format(path=location))
    with translated(context.where):
        open_ledger(ledger_url(location)).dispose()
    return location


def board(ctx: typer.Context) -> None:
    """The situation board alone, read-only, on the configured ledger: for a wall screen."""
    from console.board_app import make_board_app

    app = make_board_app(ledger_to_show(ctx))
    app.run()
    if app.return_code:
        raise typer.Exit(app.return_code)


def serve(
    ctx: typer.Context,
    board_only: Annotated[bool, typer.Option("--board", help=_("Serve the situation board (read-only)."))] = False,
    host: Annotated[str, typer.Option(
        "--host", help=_("Address to listen on; another than loopback needs --token."))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help=_("Port to listen on."))] = 8000,
    token: Annotated[str | None, typer.Option(
        "--token", help=_("Secret the page's URL must carry (?token=…)."))] = None,
) -> None:
    """Serve the board to browsers through textual-serve: one board process per browser."""
    from console.web.server import BoardServer, board_command, check_host

    if not board_only:
        raise LinkdeskError(_("linkdesk serve serves the situation board only: give --board"))
    check_host(host, token)
    path = ledger_to_show(ctx)
    BoardServer(board_command(path, language()), host=host, port=port, token=token).serve()
