"""Bulk import of a roster or incident file: every row checked, then all of it or nothing.

A file of up to `BATCH_ROWS` changing rows is one ledger entry (operator, file name, content
hash, counts) carrying every state change, so the ledger shows who brought which file in, and
replaying it rebuilds the same rows. A larger file is several chained entries written in the one
transaction of the import, a batch each, so memory is bounded by a batch; a bad row anywhere
rolls the whole transaction back. An import that would change nothing writes no entry: the
ledger records what happened, and a file the ledger already agrees with made nothing happen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from pydantic import ValidationError
from sqlmodel import Session

from model import ledger
from model.actions._core import action
from model.bulk import collector_paused
from model.columns import ImportKind, column_of
from model.errors import DomainError
from model.import_rows import RULES, Key, KindRules, RowRefused
from model.ledger import Change
from model.text import _

PROGRESS_EVERY = 1000
"""Rows between two progress reports: often enough for a bar, rare enough to cost nothing."""

BATCH_ROWS = 10_000
"""Changing rows one ledger entry holds at most. An entry's payload text and hash are built whole
in memory, so a 50 MB file as one entry took ~2 GB; 10,000 rows keep an entry to a few MB while
a 100,000-row file is still only ten entries to read in the ledger."""


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
    """The last entry written; a file larger than a batch wrote `ledger_entries` consecutive entries."""
    ledger_entries: int = 0


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
                progress: ImportProgress | None = None, batch_rows: int = BATCH_ROWS) -> ImportSummary:
    """Upsert every row of a file by its key, or refuse the whole file naming every bad row.

    `rows` may stream from the file; a row the reader could not split carries its `problem`.
    `progress` hears how many rows are checked, then when writing the last entry starts.
    `batch_rows` is how many changing rows one ledger entry holds at most.
    """
    with collector_paused():
        return _import(session, operator, kind, rows, source, dry_run, progress, batch_rows)


class _Batches:
    """The changes of the rows read since the last entry, written as a chained entry once full.

    A full batch is written only when one more changing row arrives, so a file of at most
    `BATCH_ROWS` changing rows writes exactly one entry with the facts of a whole import. Once the
    file is refused, or on a dry run, changes are dropped instead of kept: nothing will be written.
    """

    def __init__(self, session: Session, operator: str, kind: ImportKind, source: ImportSource,
                 size: int) -> None:
        self.session = session
        self.operator = operator
        self.kind = kind
        self.source = source
        self.size = size
        self.changes: list[Change] = []
        self.held = 0
        """Changing rows in the batch; `first_row` and `last_row` are their file row numbers."""
        self.first_row = self.last_row = 0
        self.written = 0

    def add(self, number: int, changes: Iterable[Change], keep: bool) -> None:
        if not keep:
            return
        if self.held == self.size:
            self._write(self._batch_facts())
        if self.held == 0:
            self.first_row = number
        self.changes.extend(changes)
        self.last_row = number
        self.held += 1

    def drop(self) -> None:
        self.changes = []
        self.held = 0

    def finish(self, summary: ImportSummary) -> int | None:
        """Write the last batch with the import's totals; the seq of the last entry, None if none."""
        if self.held == 0:
            return None
        totals = {"rows": summary.rows, "inserted": summary.inserted, "updated": summary.updated,
                  "unchanged": summary.unchanged}
        if self.written == 0:
            return self._write(totals)
        return self._write({**self._batch_facts(), "last": True, **totals})

    def _batch_facts(self) -> dict[str, Any]:
        return {"batch": self.written + 1, "batch_rows": self.held,
                "first_row": self.first_row, "last_row": self.last_row}

    def _write(self, facts: dict[str, Any]) -> int:
        entry = ledger.append(self.session, kind=f"{self.kind.value}_imported", operator=self.operator,
                              changes=self.changes, facts={
                                  "file": self.source.file_name, "sha256": self.source.sha256,
                                  "format": self.source.format, **facts})
        self.written += 1
        self.drop()
        return entry.seq


def _import(session: Session, operator: str, kind: ImportKind, rows: Iterable[FileRow], source: ImportSource,
            dry_run: bool, progress: ImportProgress | None, batch_rows: int) -> ImportSummary:
    """One pass: each row is checked, matched with what is stored and turned into its change as it
    is read, and each full batch of changes is written as its own entry. Once a row is bad the file
    is refused: the batch held is dropped, the rest of the rows are only checked, and the refusal
    rolls back the entries already written with the transaction."""
    rules = RULES[kind](session, operator)
    summary = ImportSummary(kind=kind.value, dry_run=dry_run)
    stored = rules.stored()
    batches = _Batches(session, operator, kind, source, batch_rows)
    for number, key, values in _checked(rules, rows, summary, progress):
        existing = stored.get(key)
        try:
            rules.refuse(values, existing)
        except RowRefused as refusal:
            summary.errors.append(RowError(number, column_of(kind, refusal.field).label, refusal.reason))
        if summary.errors:
            batches.drop()
            continue
        if existing is None:
            batches.add(number, rules.new_row(values), keep=not dry_run)
            summary.inserted += 1
            if dry_run:
                summary.changes.append(RowChange(number, rules.label(key), "insert", ()))
            continue
        changed = rules.changed(values, existing)
        if not changed:
            summary.unchanged += 1
            continue
        batches.add(number, (rules.update(existing, changed),), keep=not dry_run)
        summary.updated += 1
        if dry_run:
            summary.changes.append(RowChange(number, rules.label(key), "update", tuple(changed)))
    if progress is not None:
        progress.writing()
    if summary.errors:
        summary.errors.sort(key=lambda error: error.row)
        raise ImportRefused(summary, source.file_name)
    summary.ledger_seq = batches.finish(summary)
    summary.ledger_entries = batches.written
    return summary
