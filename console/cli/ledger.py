"""`linkdesk ledger verify|export`: check the hash chain and the state, or write every entry.

The ledger (SQLAlchemy) is imported inside each command, so `--help` stays quick.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from console.cli.context import cli_context
from console.cli.output import reader_may_leave
from model.text import _

if TYPE_CHECKING:
    from model.ledger import Head

ledger_app = typer.Typer(help=_("Check and export the ledger."), no_args_is_help=True)


def parse_anchor(text: str) -> Head:
    from model.ledger import Head

    try:
        return Head.parse(text)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--anchor") from error


@ledger_app.command(help=_("Check every entry's hash and link, and that the state tables agree with the ledger."))
def verify(
    ctx: typer.Context,
    anchor: Annotated[list[str] | None, typer.Option(
        "--anchor", metavar="SEQ:HASH",
        help=_("A head printed earlier (on a shift report or by this command): fail unless the ledger still "
               "holds that entry with that hash. May be given more than once."))] = None,
) -> None:
    from model import ledger
    from model.db import read_session, translated

    anchors = [parse_anchor(text) for text in anchor or []]
    context = cli_context(ctx)
    engine = context.engine()
    with translated(context.where), read_session(engine) as session:
        report = ledger.verify(session, anchors=anchors)
    if report.clock_steps_back:
        steps = ", ".join(str(seq) for seq in report.clock_steps_back[:10])
        typer.echo(_("note: the clock stepped back before entries {seqs} (order kept by sequence)").format(seqs=steps))
    if not report.ok:
        problems = [report.problem] if report.problem else []
        if report.bad_seq is not None:
            message = _("FAILED: first bad entry: {seq}; {problem}").format(
                seq=report.bad_seq, problem="; ".join(problems + report.anchor_problems))
        else:
            message = _("FAILED: {problem}").format(problem="; ".join(problems + report.anchor_problems))
        typer.echo(message, err=True)
        raise typer.Exit(1)
    typer.echo(_("OK: {count} entries, chain intact, state tables agree with the ledger").format(count=report.entries))
    if report.head is not None:
        typer.echo(_("head: {anchor} (check it later with --anchor)").format(anchor=report.head))
    if anchors:
        typer.echo(_("anchors held: {anchors}").format(anchors=", ".join(str(item) for item in anchors)))


@ledger_app.command(help=_("Write every ledger entry, in sequence order, as canonical JSON lines."))
def export(
    ctx: typer.Context,
    output: Annotated[Path | None,
                      typer.Option("-o", "--output", help=_("File to write (default: standard output)."))] = None,
    format: Annotated[str, typer.Option("--format", help=_("Output format; jsonl is one entry per line."))] = "jsonl",
) -> None:
    from model import ledger
    from model.db import read_session, translated

    if format != "jsonl":
        raise typer.BadParameter(_("unknown format {format!r}; the only format is jsonl").format(format=format),
                                param_hint="--format")
    context = cli_context(ctx)
    engine = context.engine()
    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    count = 0
    try:
        with translated(context.where), read_session(engine) as session, reader_may_leave():
            for line in ledger.export_lines(session):
                stream.write(line + "\n")
                count += 1
    finally:
        if output:
            stream.close()
    if output:
        typer.echo(_("wrote {count} entries to {path}").format(count=count, path=output))
