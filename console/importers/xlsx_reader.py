"""XLSX workbooks, read in openpyxl's read-only mode so a large sheet streams instead of loading whole."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from console.importers.spreadsheet_text import xml_unescaped
from console.importers.table import NotATable, RawTable, Record, cell_text, trimmed
from model.text import _

TIME_CODES = re.compile(r"[hs]|AM/PM", re.IGNORECASE)
"""Number-format codes that show a time of day; a date format without them shows the day only."""


def _text(cell: Any) -> str:
    """A cell as text: strings with their OOXML escapes read back, date-only cells as dates.

    A cell formatted as a date holds midnight of that day; it is given as the date alone, so a
    time column can refuse it instead of taking a midnight nobody wrote.
    """
    value = cell.value
    if isinstance(value, str):
        return trimmed(xml_unescaped(value))
    if isinstance(value, datetime) and not TIME_CODES.search(str(cell.number_format).split(";")[0]
                                                            .replace('"', "")):
        return value.date().isoformat()
    return cell_text(value)


def _records(workbook: Workbook) -> Iterator[Record]:
    """The first sheet's non-blank rows; row numbers are the sheet's own, so an officer finds them."""
    try:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            texts = [_text(cell) for cell in cells]
            if any(texts):
                yield Record(number, texts)
    finally:
        workbook.close()


def read_xlsx(path: Path) -> RawTable:
    """The first sheet of the workbook at `path`, streamed row by row."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise NotATable(_("{file} is not an XLSX workbook: {error}").format(file=path.name, error=error)) from error
    return RawTable("xlsx", None, _records(workbook), short_rows_padded=True)
