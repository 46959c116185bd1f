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
from model.text import _

ledger_app = typer.Typer(help=_("Check and export the ledger."), no_args_is_help=True)


@ledger_app.command(help=_("Check every entry's hash and link, and that the state tables agree with the ledger."))
def verify(ctx: typer.Context) -> None:
    context = cli_context(ctx)
    engine = context.engine()
    with translated(str(context.ledger_path)), read_session(engine) as session:
        report = ledger.verify(session)
    if report.clock_steps_back:
        steps = ", ".join(str(seq) for seq in report.clock_steps_back[:10])
        typer.echo(_("note: the clock stepped back before entries {seqs} (order kept by sequence)").format(seqs=steps))
    if not report.ok:
        if report.bad_seq is not None:
            message = _("FAILED: first bad entry: {seq}; {problem}").format(seq=report.bad_seq, problem=report.problem)
        else:
            message = _("FAILED: {problem}").format(problem=report.problem)
        typer.echo(message, err=True)
        raise typer.Exit(1)
    typer.echo(_("OK: {count} entries, chain intact, state tables agree with the ledger").format(count=report.entries))


@ledger_app.command(help=_("Write every ledger entry, in sequence order, as canonical JSON lines."))
def export(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("-o", "--output", help=_("File to write (default: standard output)."))] = None,
    format: Annotated[str, typer.Option("--format", help=_("Output format; jsonl is one entry per line."))] = "jsonl",
) -> None:
    if format != "jsonl":
        raise typer.BadParameter(_("unknown format {format!r}; the only format is jsonl").format(format=format),
                                param_hint="--format")
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
        typer.echo(_("wrote {count} entries to {path}").format(count=count, path=output))
