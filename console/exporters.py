"""Writers of exported rows, one per format; each takes the header order from the first row's keys.

Exports are opened in spreadsheets, so the CSV and XLSX writers keep every text cell text
(`console.importers.spreadsheet_text`): a caller named `=HYPERLINK(…)` stays a name.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from console.importers.spreadsheet_text import csv_guarded, xml_escaped
from console.importers.table import cell_text
from model.errors import LinkdeskError
from model.text import _

XLSX_CELL_LIMIT = 32_767
"""The most characters a spreadsheet cell holds (Excel's limit, which openpyxl enforces by cutting)."""


class ExportRefused(LinkdeskError):
    """A stored value cannot be written in the chosen format without losing part of it."""


def write_csv(rows: Iterable[dict[str, Any]], headers: list[str], stream: IO[str]) -> int:
    """UTF-8 CSV; the caller opens the file with `utf-8-sig` so Excel shows the Chinese text.

    Lines end in CRLF (RFC 4180, as Excel writes): Python's writer quotes a cell holding a line
    end only when the character is in the line terminator, and a bare CR unquoted would split
    the row when it is read back.
    """
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow([csv_guarded(value) if isinstance(value := row[header], str) else cell_text(value)
                         for header in headers])
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], headers: list[str], stream: IO[str]) -> int:
    """One JSON object per line, every column present (null for empty), Chinese kept as written."""
    count = 0
    for row in rows:
        stream.write(json.dumps({header: row[header] for header in headers}, ensure_ascii=False) + "\n")
        count += 1
    return count


def _text_cell(sheet: Any, text: str, record: int, header: str) -> WriteOnlyCell:
    """A string cell, typed as text so a leading `=` is never a formula, in OOXML's escape."""
    escaped = xml_escaped(text)
    if len(escaped) > XLSX_CELL_LIMIT:
        raise ExportRefused(_("record {record}, {column}: {length} characters do not fit in a spreadsheet cell "
                              "(at most {limit}); export it as CSV or JSONL").format(
            record=record, column=header, length=len(escaped), limit=XLSX_CELL_LIMIT))
    cell = WriteOnlyCell(sheet, value=escaped)
    cell.data_type = "s"
    return cell


def _xlsx_value(value: Any) -> Any:
    """A stored value as the workbook holds it exactly.

    openpyxl writes a float to 16 significant digits; the rare one that needs 17 to read back the
    same is written as its text, so no digit of a stored coordinate is lost.
    """
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        return repr(value)
    return value


def write_xlsx(rows: Iterable[dict[str, Any]], headers: list[str], path: Path) -> int:
    """One sheet in openpyxl's write-only mode; numbers stay numbers, empty cells stay empty, text stays text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    count = 0
    try:
        sheet.append(headers)
        for row in rows:
            count += 1
            values = [_xlsx_value(row[header]) for header in headers]
            sheet.append([_text_cell(sheet, value, count, header) if isinstance(value, str) else value
                          for header, value in zip(headers, values, strict=True)])
    except BaseException:
        # A refused cell or a failed read ends the sheet's row writer now: left open, it is closed
        # whenever the garbage collector finds it, on a temporary file already closed, and fails there.
        sheet.close()
        raise
    workbook.save(path)
    return count
