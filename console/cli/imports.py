"""`linkdesk import KIND FILE` and `linkdesk export KIND`: rosters and incidents in bulk.

An import is all-or-nothing: every bad row is listed (row, column, reason) and nothing is written.
`--json` prints one object, documented in the README, that scripts may rely on:
{"ok", "kind", "file", "format", "encoding", "sha256", "header_row", "dry_run", "rows", "inserted",
"updated", "unchanged", "errors": [{"row", "column", "reason"}], "ledger_seq", "ledger_entries",
"message"}.

The readers, writers, actions and the ledger are imported inside each command, so `--help` stays quick.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from console.cli.context import cli_context
from console.cli.output import reader_may_leave
from model.columns import COLUMNS, ImportKind
from model.display import shown
from model.errors import LinkdeskError
from model.text import _

if TYPE_CHECKING:
    from rich.progress import Progress
    from rich.table import Table

    from console.importers import FileRows, ReadFile
    from model.actions import ImportSummary, RowError

PROGRESS_FROM_BYTES = 500_000
"""Files at least this large (about 5,000 rows) show a progress bar while they are read, checked and written."""
CHANGES_SHOWN = 20
"""A dry run lists this many of the changes it would make, then counts the rest."""

import_app = typer.Typer(help=_("Import units, resources, experts, materials or incidents from CSV, XLSX or JSONL."),
                         no_args_is_help=True)
export_app = typer.Typer(help=_("Export units, resources, experts, materials or incidents as CSV, XLSX or JSONL."),
                         no_args_is_help=True)

FormatOption = Annotated[str | None, typer.Option("--format", help=_("csv, xlsx or jsonl (default: detected)."))]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"linkdesk: {message}", err=True)
    return typer.Exit(1)


def _json_summary(summary: ImportSummary | None, read: ReadFile | None, rows: FileRows | None, file: Path,
                  message: str, ok: bool) -> str:
    body: dict[str, Any] = {
        "ok": ok, "kind": summary.kind if summary else None, "file": file.name,
        "format": read.table.format if read else None, "encoding": read.table.encoding if read else None,
        "sha256": read.sha256 if read else None, "header_row": rows.header_row if rows else None,
        "dry_run": summary.dry_run if summary else None,
        "rows": summary.rows if summary else 0, "inserted": summary.inserted if summary else 0,
        "updated": summary.updated if summary else 0, "unchanged": summary.unchanged if summary else 0,
        "errors": [{"row": e.row, "column": e.column, "reason": e.reason} for e in summary.errors] if summary else [],
        "ledger_seq": summary.ledger_seq if summary else None,
        "ledger_entries": summary.ledger_entries if summary else 0, "message": message,
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


def _summary_table(summary: ImportSummary, file: Path) -> Table:
    from rich.table import Table

    table = Table(title=Text(shown(_("{kind} from {file}").format(kind=summary.kind, file=file.name))))
    for heading in (_("rows"), _("inserted"), _("updated"), _("unchanged"), _("errors")):
        table.add_column(heading, justify="right")
    table.add_row(*(Text(str(value)) for value in (summary.rows, summary.inserted, summary.updated,
                                                   summary.unchanged, len(summary.errors))))
    return table


def _outcome(summary: ImportSummary, file: Path) -> str:
    if summary.dry_run:
        return _("dry run: nothing written; {count} records would change").format(
            count=summary.inserted + summary.updated)
    if summary.ledger_seq is None:
        return _("nothing changed: the ledger already agrees with {file}; no entry written").format(file=file.name)
    if summary.ledger_entries > 1:
        return _("recorded as ledger entries {first} to {last}, a batch of rows each").format(
            first=summary.ledger_seq - summary.ledger_entries + 1, last=summary.ledger_seq)
    return _("recorded as ledger entry {seq}").format(seq=summary.ledger_seq)


def _header_note(rows: FileRows, file: Path) -> str | None:
    """Which row gave the column headers, when rows above it (a title) were skipped."""
    if not rows.skipped or rows.header_row is None:
        return None
    return _("{file}: column headers taken from row {row}; the {count} rows above it are not data and "
             "were skipped").format(file=file.name, row=rows.header_row, count=rows.skipped)


def _error_line(error: RowError) -> str:
    if error.column:
        line = _("row {row}, {column}: {reason}").format(row=error.row, column=error.column, reason=error.reason)
    else:
        line = _("row {row}: {reason}").format(row=error.row, reason=error.reason)
    return shown(line)


class _PhaseBar:
    """A Rich bar on stderr naming the phase an import is in: reading and checking rows, then writing.

    Rows are read and checked as the file streams, so the first phase counts rows without a total.
    """

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task = bar.add_task(_("reading and checking rows"), total=None)

    def _next_phase(self, description: str, total: int | None) -> None:
        self.bar.update(self.task, visible=False)
        self.task = self.bar.add_task(description, total=total)

    def checked(self, rows: int) -> None:
        self.bar.advance(self.task, rows)

    def writing(self) -> None:
        """The write is one transaction with no rows to count, so the bar pulses until it ends."""
        self._next_phase(_("writing to the ledger"), None)


def _progress_bar(file: Path, as_json: bool) -> Progress:
    """A transient bar on stderr for a large file; never with `--json`, whose output scripts read."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    try:
        large = file.stat().st_size >= PROGRESS_FROM_BYTES
    except OSError:
        large = False
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True, disable=as_json or not large)


def _run(kind: ImportKind, file: Path, format: str | None, encoding: str | None, dry_run: bool,
         as_json: bool, ctx: typer.Context) -> None:
    from rich.console import Console

    from console.importers import file_rows, read_file
    from model import actions
    from model.actions import ImportRefused, ImportSource
    from model.bulk import collector_paused
    from model.db import translated, write_session

    context = cli_context(ctx)
    console = Console(markup=False, highlight=False)
    read: ReadFile | None = None
    rows: FileRows | None = None
    try:
        with collector_paused(), _progress_bar(file, as_json) as bar:
            phases = _PhaseBar(bar)
            read = read_file(file, format=format, encoding=encoding)
            rows = file_rows(kind, read.table, file.name)
            source = ImportSource(file_name=file.name, sha256=read.sha256, format=read.table.format)
            engine = context.engine()
            with translated(context.where), write_session(engine) as session:
                summary = actions.import_rows(session=session, operator=context.operator, kind=kind,
                                              rows=rows.rows, source=source, dry_run=dry_run, progress=phases)
    except ImportRefused as refused:
        if as_json:
            typer.echo(_json_summary(refused.summary, read, rows, file, str(refused), ok=False))
        else:
            note = _header_note(rows, file) if rows else None
            if note:
                console.print(Text(shown(note)), soft_wrap=True)
            console.print(_summary_table(refused.summary, file))
            for error in refused.summary.errors:
                console.print(Text(_error_line(error)), soft_wrap=True)
        raise _fail(shown(str(refused))) from refused
    except LinkdeskError as error:
        if as_json:
            typer.echo(_json_summary(None, read, rows, file, str(error), ok=False))
        raise _fail(shown(str(error))) from error
    if as_json:
        typer.echo(_json_summary(summary, read, rows, file, _outcome(summary, file), ok=True))
        return
    note = _header_note(rows, file)
    if note:
        console.print(Text(shown(note)), soft_wrap=True)
    console.print(_summary_table(summary, file))
    if summary.dry_run:
        for change in summary.changes[:CHANGES_SHOWN]:
            fields = f" ({', '.join(change.fields)})" if change.fields else ""
            console.print(Text(shown(f"row {change.row}: {change.op} {change.key}{fields}")), soft_wrap=True)
        if len(summary.changes) > CHANGES_SHOWN:
            console.print(Text(f"… and {len(summary.changes) - CHANGES_SHOWN} more"))
    console.print(Text(shown(_outcome(summary, file))), soft_wrap=True)


def _import_command(kind: ImportKind) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help=_("CSV, XLSX or JSONL file; headers in English or Chinese."))],
        format: FormatOption = None,
        encoding: Annotated[str | None,
                            typer.Option("--encoding", help=_("Text encoding, e.g. gbk (default: detected)."))] = None,
        dry_run: Annotated[bool,
                           typer.Option("--dry-run",
                                        help=_("Check every row and show what would change; write nothing."))] = False,
        as_json: Annotated[bool, typer.Option("--json", help=_("Print the summary as JSON for scripts."))] = False,
    ) -> None:
        _run(kind, file, format, encoding, dry_run, as_json, ctx)

    columns = ", ".join(column.label for column in COLUMNS[kind])
    command.__doc__ = _("Import {kind}: every row or none. Columns: {columns}.").format(kind=kind.value,
                                                                                        columns=columns)
    return command


def _export_command(kind: ImportKind) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        format: FormatOption = None,
        output: Annotated[Path | None,
                          typer.Option("-o", "--output", help=_("File to write (default: standard output)."))] = None,
    ) -> None:
        from console.exporters import write_csv, write_jsonl, write_xlsx
        from console.importers import FORMATS
        from model.db import read_session, translated
        from model.exports import export_rows

        chosen = format or (output.suffix.lower().lstrip(".") if output and output.suffix else "csv")
        if chosen not in FORMATS:
            raise _fail(_("unknown format {format!r}; the formats are {formats}").format(
                format=chosen, formats=", ".join(FORMATS)))
        if chosen == "xlsx" and output is None:
            raise _fail(_("an xlsx export needs a file: add -o FILE.xlsx"))
        context = cli_context(ctx)
        headers = [column.en for column in COLUMNS[kind]]
        try:
            engine = context.engine()
            with translated(context.where), read_session(engine) as session:
                rows = export_rows(session, kind)
                if chosen == "xlsx" and output is not None:
                    count = write_xlsx(rows, headers, output)
                elif output is not None:
                    with output.open("w", encoding="utf-8-sig" if chosen == "csv" else "utf-8", newline="") as stream:
                        count = (write_csv if chosen == "csv" else write_jsonl)(rows, headers, stream)
                else:
                    with reader_may_leave():
                        count = (write_csv if chosen == "csv" else write_jsonl)(rows, headers, sys.stdout)
        except (LinkdeskError, OSError) as error:
            raise _fail(shown(str(error))) from error
        if output is not None:
            typer.echo(shown(_("wrote {count} {kind} to {path}").format(count=count, kind=kind.value, path=output)))

    command.__doc__ = _("Export every stored {kind} record in the columns the importer reads.").format(kind=kind.value)
    return command


for _kind in ImportKind:
    import_app.command(_kind.value)(_import_command(_kind))
    export_app.command(_kind.value)(_export_command(_kind))
