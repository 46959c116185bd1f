"""`linkdesk ledger verify|export`: check the hash chain and the state, or write every entry."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from console.cli.context import cli_context
from console.cli.output import reader_may_leave
from model import ledger
from model.db import read_session, translated

ledger_app = typer.Typer(help="Check and export the ledger (台账).", no_args_is_help=True)


@ledger_app.command()
def verify(ctx: typer.Context) -> None:
    """Check every entry's hash and link, and that the state tables agree with the ledger."""
    context = cli_context(ctx)
    engine = context.engine()
    with translated(str(context.ledger_path)), read_session(engine) as session:
        report = ledger.verify(session)
    if report.clock_steps_back:
        steps = ", ".join(str(seq) for seq in report.clock_steps_back[:10])
        typer.echo(f"note: the clock stepped back before entries {steps} (order kept by sequence)")
    if not report.ok:
        where = f"first bad entry: {report.bad_seq}; " if report.bad_seq is not None else ""
        typer.echo(f"FAILED: {where}{report.problem}", err=True)
        raise typer.Exit(1)
    typer.echo(f"OK: {report.entries} entries, chain intact, state tables agree with the ledger")


@ledger_app.command()
def export(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: standard output).")] = None,
    format: Annotated[str, typer.Option("--format", help="Output format; jsonl is one entry per line.")] = "jsonl",
) -> None:
    """Write every ledger entry, in sequence order, as canonical JSON lines."""
    if format != "jsonl":
        raise typer.BadParameter(f"unknown format {format!r}; the only format is jsonl", param_hint="--format")
    context = cli_context(ctx)
    engine = context.engine()
    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    count = 0
    try:
        with translated(str(context.ledger_path)), read_session(engine) as session, reader_may_leave():
            for line in ledger.export_lines(session):
                stream.write(line + "\n")
                count += 1
    finally:
        if output:
            stream.close()
    if output:
        typer.echo(f"wrote {count} entries to {output}")
