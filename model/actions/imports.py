"""Bulk import of a roster or incident file: every row checked first, then all of it or nothing.

One import is one ledger entry (operator, file name, content hash, counts) carrying every state
change, so the ledger shows who brought which file in, and replaying it rebuilds the same rows.
An import that would change nothing writes no entry: the ledger records what happened, and a
file the ledger already agrees with made nothing happen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from pydantic import ValidationError
from sqlmodel import Session

from model import ledger
from model.bulk import collector_paused
from model.actions._core import action
from model.columns import ImportKind, column_of
from model.errors import DomainError
from model.import_rows import RULES, Key, KindRules, RowRefused
from model.ledger import Change
from model.text import _

PROGRESS_EVERY = 1000
"""Rows between two progress reports: often enough for a bar, rare enough to cost nothing."""


class ImportProgress(Protocol):
    """What a caller showing progress hears: rows checked, then the start of the writing phase."""

    def checked(self, rows: int) -> None:
        """`rows` more rows were checked since the last call."""

    def writing(self) -> None:
        """Every row is checked; matching with stored records and writing the ledger begins."""


class FileRow(NamedTuple):
    """One data row as read: its row number in the file and its cells by input field.

    A named tuple rather than a frozen dataclass: a file has 100,000 of them, and a tuple is
    built several times faster.
    """

    number: int
    cells: Mapping[str, str]
    problem: tuple[str, str] | None = None
    """(column, reason) when the reader could not make cells of the row, e.g. a row wider than the header."""


@dataclass(frozen=True)
class ImportSource:
    """Where the rows came from, recorded in the ledger entry."""

    file_name: str
    sha256: str
    format: str


@dataclass(frozen=True)
class RowError:
    """Why one row cannot be imported: row number, column (both headers) and reason."""

    row: int
    column: str
    reason: str


@dataclass(frozen=True)
class RowChange:
    """What the import does to one stored record: insert it, or update some of its fields."""

    row: int
    key: str
    op: str
    fields: tuple[str, ...]


@dataclass
class ImportSummary:
    kind: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    """Filled on a dry run only: what each changing row would do."""
    dry_run: bool = False
    ledger_seq: int | None = None


class ImportRefused(DomainError):
    """At least one row is bad: nothing was written; `summary.errors` lists every bad row.

    The summary counts no record as inserted, updated or unchanged: nothing was imported.
    """

    def __init__(self, summary: ImportSummary, file_name: str) -> None:
        summary.inserted = summary.updated = summary.unchanged = 0
        summary.changes.clear()
        super().__init__(_("{count} bad rows in {file}: nothing was imported").format(
            count=len(summary.errors), file=file_name))
        self.summary = summary


def _row_errors(kind: ImportKind, number: int, error: ValidationError) -> list[RowError]:
    found = []
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else ""
        if problem["type"] in ("missing", "string_too_short"):
            reason = _("is empty; a value is required")
        elif problem["type"] == "value_error":
            reason = str(problem["msg"]).removeprefix("Value error, ")
        else:
            reason = _("{problem} (got {value!r})").format(problem=problem["msg"], value=problem["input"])
        found.append(RowError(number, column_of(kind, name).label, reason))
    return found


def _checked(rules: KindRules, rows: Iterable[FileRow], summary: ImportSummary,
             progress: ImportProgress | None) -> Iterator[tuple[int, Key, dict[str, Any]]]:
    """Every row validated alone, and keys that repeat inside the file refused; `summary.rows` counted.

    `rows` may be a stream read from the file as it goes: each row is checked, handed on and let go.
    """
    first_row: dict[Key, int] = {}
    position = 0
    for position, row in enumerate(rows, start=1):
        if progress is not None and position % PROGRESS_EVERY == 0:
            progress.checked(PROGRESS_EVERY)
        if row.problem is not None:
            summary.errors.append(RowError(row.number, *row.problem))
            continue
        try:
            values = rules.check(row.cells)
        except ValidationError as error:
            summary.errors.extend(_row_errors(rules.kind, row.number, error))
            continue
        except RowRefused as refusal:
            summary.errors.append(RowError(row.number, column_of(rules.kind, refusal.field).label, refusal.reason))
            continue
        key = rules.key(values)
        if key in first_row:
            summary.errors.append(RowError(row.number, "", _("{key} repeats row {first}").format(
                key=rules.label(key), first=first_row[key])))
            continue
        first_row[key] = row.number
        yield row.number, key, values
    summary.rows = position
    if progress is not None:
        progress.checked(position % PROGRESS_EVERY)


@action
def import_rows(*, session: Session, operator: str, kind: ImportKind, rows: Iterable[FileRow],
                source: ImportSource, dry_run: bool = False,
                progress: ImportProgress | None = None) -> ImportSummary:
    """Upsert every row of a file by its key, or refuse the whole file naming every bad row.

    `rows` may stream from the file; a row the reader could not split carries its `problem`.
    `progress` hears how many rows are checked, then when writing starts.
    """
    with collector_paused():
        return _import(session, operator, kind, rows, source, dry_run, progress)


def _import(session: Session, operator: str, kind: ImportKind, rows: Iterable[FileRow], source: ImportSource,
            dry_run: bool, progress: ImportProgress | None) -> ImportSummary:
    """One pass: each row is checked, matched with what is stored and turned into its change as it
    is read, so no row is held twice. Once a row is bad the file is refused, so the changes built
    so far are dropped and the rest of the rows are only checked."""
    rules = RULES[kind](session, operator)
    summary = ImportSummary(kind=kind.value, dry_run=dry_run)
    stored = rules.stored()
    changes: list[Change] = []
    for number, key, values in _checked(rules, rows, summary, progress):
        existing = stored.get(key)
        try:
            rules.refuse(values, existing)
        except RowRefused as refusal:
            summary.errors.append(RowError(number, column_of(kind, refusal.field).label, refusal.reason))
        if summary.errors:
            changes.clear()
            continue
        if existing is None:
            changes.extend(rules.new_row(values))
            summary.inserted += 1
            if dry_run:
                summary.changes.append(RowChange(number, rules.label(key), "insert", ()))
            continue
        changed = rules.changed(values, existing)
        if not changed:
            summary.unchanged += 1
            continue
        changes.append(rules.update(existing, changed))
        summary.updated += 1
        if dry_run:
            summary.changes.append(RowChange(number, rules.label(key), "update", tuple(changed)))
    if progress is not None:
        progress.writing()
    if summary.errors:
        summary.errors.sort(key=lambda error: error.row)
        raise ImportRefused(summary, source.file_name)
    if dry_run or not changes:
        return summary
    entry = ledger.append(session, kind=f"{kind.value}_imported", operator=operator, changes=changes, facts={
        "file": source.file_name, "sha256": source.sha256, "format": source.format, "rows": summary.rows,
        "inserted": summary.inserted, "updated": summary.updated, "unchanged": summary.unchanged})
    summary.ledger_seq = entry.seq
    return summary
