"""XLSX workbooks, read in openpyxl's read-only mode so a large sheet streams instead of loading whole."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from console.importers.table import NotATable, RawTable, cell_text
from model.text import _


def read_xlsx(data: bytes, name: str) -> RawTable:
    """The first sheet; row numbers are the sheet's own, so an officer finds the row in Excel."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise NotATable(_("{file} is not an XLSX workbook: {error}").format(file=name, error=error)) from error
    try:
        sheet = workbook.worksheets[0]
        lines = [(number, [cell_text(value) for value in values])
                 for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()
    lines = [(number, cells) for number, cells in lines if any(cells)]
    if not lines:
        raise NotATable(_("{file} is empty: its first sheet has no header row").format(file=name))
    (_line, headers), rows = lines[0], lines[1:]
    while headers and not headers[-1]:
        headers.pop()
    return RawTable("xlsx", None, headers, [(number, cells[:len(headers)] + [""] * (len(headers) - len(cells)))
                                             for number, cells in rows])
