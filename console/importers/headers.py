"""Header rows in English or Chinese, mapped to the input fields of the kind being imported."""

from __future__ import annotations

from model.actions import FileRow
from model.columns import COLUMNS, ImportKind

from console.importers.table import NotATable, RawTable


def expected_columns(kind: ImportKind) -> str:
    """The columns of `kind` for an error message: required ones marked."""
    return ", ".join(f"{column.label}{' (required)' if column.required else ''}" for column in COLUMNS[kind])


def map_headers(kind: ImportKind, headers: list[str], name: str) -> list[str]:
    """The input field of each header cell; an unknown, repeated or missing column refuses the file."""
    by_header = {text.lower(): column for column in COLUMNS[kind] for text in (column.en, column.zh)}
    fields: list[str] = []
    for position, header in enumerate(headers, start=1):
        column = by_header.get(header.strip().lower())
        if column is None:
            raise NotATable(f"{name}: unknown column {header!r} (column {position}) for {kind.value}; "
                            f"expected: {expected_columns(kind)}")
        if column.field in fields:
            raise NotATable(f"{name}: column {column.label} appears twice (column {position})")
        fields.append(column.field)
    missing = [column.label for column in COLUMNS[kind] if column.required and column.field not in fields]
    if missing:
        raise NotATable(f"{name}: missing required column {', '.join(missing)} for {kind.value}; "
                        f"expected: {expected_columns(kind)}")
    return fields


def file_rows(kind: ImportKind, table: RawTable, name: str) -> list[FileRow]:
    """The data rows with their cells by field; a row with more cells than headers refuses the file."""
    fields = map_headers(kind, table.headers, name)
    width = len(fields)
    rows = []
    for number, cells in table.rows:
        if len(cells) > width and any(cells[width:]):
            raise NotATable(f"{name} row {number} has {len(cells)} cells but the header has {width}")
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        rows.append(FileRow(number, dict(zip(fields, cells))))
    return rows
