"""`linkdesk report shift|incident`: write the shift report or an incident's upward report.

The reports (SQLAlchemy, fpdf) are imported inside each command, so `--help` stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from console.cli.context import cli_context
from console.cli.output import say
from model.text import _, language

report_app = typer.Typer(help=_("Printed reports: the shift report and incident reports."),
                         no_args_is_help=True)

FormatOption = Annotated[str, typer.Option("--format", help=_("pdf, html (with print styles) or txt (monospaced)."))]
OutputOption = Annotated[Path | None, typer.Option(
    "-o", "--output", help=_("File to write (default: the reports folder in the user data directory)."))]
LangOption = Annotated[str | None, typer.Option(
    "--lang", help=_("Language of the report: zh or en (default: the language of the command)."))]


@report_app.command(
    help=_("Write the shift report: figures, incidents, what is still open, notes and signature lines."))
def shift(
    ctx: typer.Context,
    shift_id: Annotated[int | None,
                        typer.Option("--shift",
                                     help=_("Recorded shift id (default: the current or last shift)."))] = None,
    start: Annotated[str | None,
                     typer.Option("--from",
                                  help=_("Start, YYYY-MM-DD HH:MM local time or ISO 8601 with an offset."))] = None,
    end: Annotated[str | None, typer.Option("--to", help=_("End, same forms as --from."))] = None,
    format: FormatOption = "pdf",
    output: OutputOption = None,
    print_it: Annotated[bool, typer.Option("--print", help=_("Also send it to the system printer (lp)."))] = False,
    include_drills: Annotated[bool,
                              typer.Option("--include-drills",
                                           help=_("Count drills in the figures (always listed, marked)."))] = False,
    lang: LangOption = None,
) -> None:
    from console.reports import send_to_printer, write_shift_report
    from model.timefmt import parse_time

    if shift_id is not None and (start or end):
        raise typer.BadParameter(_("give --shift or --from/--to, not both"), param_hint="--shift")
    context = cli_context(ctx)
    path = write_shift_report(context.engine(), fmt=format, output=output, include_drills=include_drills,
                              shift_id=shift_id, start=parse_time(start) if start else None,
                              end=parse_time(end) if end else None, lang=lang or language())
    say(_("wrote {path}").format(path=path))
    if print_it:
        job = send_to_printer(path)
        say(_("sent to the printer: {job}").format(job=job))


@report_app.command(help=_("Write the upward report of one incident (initial, follow-up or final)."))
def incident(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(help=_("Incident number, such as 20261128-0007."))],
    kind: Annotated[str | None,
                    typer.Option("--kind",
                                 help=_("initial, follow-up or final (default: from the incident's state)."))] = None,
    format: FormatOption = "pdf",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from console.reports import write_incident_report

    context = cli_context(ctx)
    path = write_incident_report(context.engine(), number, kind=kind, fmt=format, output=output,
                                 lang=lang or language())
    say(_("wrote {path}").format(path=path))


@report_app.command(help=_("Write the assessment of one drill: its score and reasons, the desk's times, a timeline."))
def drill(
    ctx: typer.Context,
    drill_id: Annotated[str, typer.Argument(
        help=_("The drill's id, such as D20261202-01 (see `linkdesk drill list`)."))],
    format: FormatOption = "pdf",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from console.reports import write_drill_report

    context = cli_context(ctx)
    path = write_drill_report(context.engine(), drill_id, fmt=format, output=output, lang=lang or language())
    say(_("wrote {path}").format(path=path))


@report_app.command(help=_("Write the month's assessment (考核) per unit and per officer, with charts."))
def assessment(
    ctx: typer.Context,
    month: Annotated[str, typer.Option("--month", help=_("The month, YYYY-MM (local time)."))],
    format: FormatOption = "pdf",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from console.reports import write_assessment_report

    context = cli_context(ctx)
    path = write_assessment_report(context.engine(), month, fmt=format, output=output, lang=lang or language())
    say(_("wrote {path}").format(path=path))
