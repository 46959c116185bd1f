"""Header rows in English or Chinese, mapped to the input fields of the kind being imported.

Office sheets often carry a title, a date or merged cells above the column headers. The header
row is the first row, among the first few, whose cells all name columns of the kind and include
every required one; the rows above it are skipped and the summary says which row was used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from console.importers.table import NotATable, RawTable, Record
from model.actions import FileRow
from model.columns import COLUMNS, FileColumn, ImportKind
from model.text import _

HEADER_SEARCH_ROWS = 20
"""Non-blank rows looked at for the header row: more than any title block an office sheet has."""


def expected_columns(kind: ImportKind) -> str:
    """The columns of `kind` for an error message: required ones marked."""
    return ", ".join(_("{column} (required)").format(column=column.label) if column.required else column.label
                     for column in COLUMNS[kind])


def _by_header(kind: ImportKind) -> dict[str, FileColumn]:
    return {text.lower(): column for column in COLUMNS[kind] for text in (column.en, column.zh)}


def _trimmed(cells: list[str]) -> list[str]:
    """Header cells without the empty ones a spreadsheet leaves after the last column."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def map_headers(kind: ImportKind, headers: list[str], name: str, row: int | None = None) -> list[str]:
    """The input field of each header cell; an unknown, repeated or missing column refuses the file."""
    by_header = _by_header(kind)
    where = _(" (row {row})").format(row=row) if row is not None else ""
    fields: list[str] = []
    for position, header in enumerate(headers, start=1):
        column = by_header.get(header.strip().lower())
        if column is None:
            raise NotATable(_("{file}: unknown column {header!r} (column {position}){where} for {kind}; "
                              "expected: {expected}").format(file=name, header=header, position=position,
                                                             where=where, kind=kind.value,
                                                             expected=expected_columns(kind)))
        if column.field in fields:
            raise NotATable(_("{file}: column {column} appears twice (column {position})").format(
                file=name, column=column.label, position=position))
        fields.append(column.field)
    missing = [column.label for column in COLUMNS[kind] if column.required and column.field not in fields]
    if missing:
        raise NotATable(_("{file}: missing required column {columns} for {kind}; expected: {expected}").format(
            file=name, columns=", ".join(missing), kind=kind.value, expected=expected_columns(kind)))
    return fields


def _is_header(kind: ImportKind, cells: list[str]) -> bool:
    """Every cell names a column of `kind`, none twice, and every required column is there."""
    by_header = _by_header(kind)
    columns = [by_header.get(cell.strip().lower()) for cell in cells]
    if not cells or any(column is None for column in columns):
        return False
    fields = [column.field for column in columns if column is not None]
    return len(set(fields)) == len(fields) and all(
        column.field in fields for column in COLUMNS[kind] if column.required)


def _names_a_column(kind: ImportKind, cells: list[str]) -> bool:
    by_header = _by_header(kind)
    return any(cell.strip().lower() in by_header for cell in cells)


@dataclass
class FileRows:
    """The data rows of a file, read lazily, and the row its column headers were taken from."""

    header_row: int | None
    """The file's row holding the headers; None for JSONL, whose keys are the headers."""
    skipped: int
    """Non-blank rows above the header row, taken for a title and left out."""
    rows: Iterator[FileRow] = field(repr=False)


def _find_header(kind: ImportKind, records: Iterator[Record], name: str) -> tuple[Record, int]:
    """The header record and how many non-blank records came before it."""
    seen: list[Record] = []
    for record in records:
        if record.problem is not None:
            raise NotATable(_("{file} row {row}: {reason}").format(file=name, row=record.number,
                                                                 reason=record.problem))
        if _is_header(kind, _trimmed(record.cells)):
            return record, len(seen)
        seen.append(record)
        if len(seen) == HEADER_SEARCH_ROWS:
            break
    if not seen:
        raise NotATable(_("{file} is empty: there is no header row").format(file=name))
    likely = next((record for record in seen if _names_a_column(kind, record.cells)), seen[0])
    map_headers(kind, _trimmed(likely.cells), name, likely.number if likely is not seen[0] else None)
    raise NotATable(_("{file}: no row among the first {count} names the columns of {kind}; expected: "
                      "{expected}").format(file=name, count=len(seen), kind=kind.value,
                                           expected=expected_columns(kind)))


def _rows(kind: ImportKind, fields: list[str], records: Iterator[Record], padded: bool) -> Iterator[FileRow]:
    """Each record as cells by field; a row wider than the header, or (in CSV) shorter, is refused."""
    width = len(fields)
    labels = {index: column.label for index, column in
              enumerate(next(column for column in COLUMNS[kind] if column.field == name) for name in fields)}
    for number, cells, problem, position in records:
        if problem is not None:
            column = labels.get(position - 1, "") if position is not None else ""
            yield FileRow(number, {}, (column, problem))
        elif len(cells) > width and any(cells[width:]):
            extra = width + next(index for index, cell in enumerate(cells[width:], start=1) if cell)
            yield FileRow(number, {}, (_("column {position} (no header)").format(position=extra),
                                       _("the row has {cells} cells but the header has {width}").format(
                                           cells=len(cells), width=width)))
        elif len(cells) < width and not padded:
            yield FileRow(number, {}, (labels[len(cells)], _(
                "the row ends after {cells} cells but the header has {width}: a cell or a delimiter is "
                "missing").format(cells=len(cells), width=width)))
        else:
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            yield FileRow(number, dict(zip(fields, cells, strict=False)))  # empty cells past the header are dropped


def file_rows(kind: ImportKind, table: RawTable, name: str) -> FileRows:
    """The data rows with their cells by field, below the header row found in the file."""
    if table.headers is not None:
        fields = map_headers(kind, table.headers, name)
        return FileRows(None, 0, _rows(kind, fields, table.records, padded=True))
    header, skipped = _find_header(kind, table.records, name)
    fields = map_headers(kind, _trimmed(header.cells), name)
    return FileRows(header.number, skipped, _rows(kind, fields, table.records, table.short_rows_padded))
