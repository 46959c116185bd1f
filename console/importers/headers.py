"""Header rows in English or Chinese, mapped to the input fields of the kind being imported."""

from __future__ import annotations

from model.actions import FileRow
from model.columns import COLUMNS, ImportKind

from console.importers.table import NotATable, RawTable
from model.text import _


def expected_columns(kind: ImportKind) -> str:
    """The columns of `kind` for an error message: required ones marked."""
    return ", ".join(_("{column} (required)").format(column=column.label) if column.required else column.label
                     for column in COLUMNS[kind])


def map_headers(kind: ImportKind, headers: list[str], name: str) -> list[str]:
    """The input field of each header cell; an unknown, repeated or missing column refuses the file."""
    by_header = {text.lower(): column for column in COLUMNS[kind] for text in (column.en, column.zh)}
    fields: list[str] = []
    for position, header in enumerate(headers, start=1):
        column = by_header.get(header.strip().lower())
        if column is None:
            raise NotATable(_("{file}: unknown column {header!r} (column {position}) for {kind}; expected: {expected}")
                            .format(file=name, header=header, position=position, kind=kind.value,
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


def file_rows(kind: ImportKind, table: RawTable, name: str) -> list[FileRow]:
    """The data rows with their cells by field; a row with more cells than headers refuses the file."""
    fields = map_headers(kind, table.headers, name)
    width = len(fields)
    rows = []
    for number, cells in table.rows:
        if len(cells) > width and any(cells[width:]):
            raise NotATable(_("{file} row {row} has {cells} cells but the header has {width}").format(
                file=name, row=number, cells=len(cells), width=width))
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        rows.append(FileRow(number, dict(zip(fields, cells))))
    return rows
