"""CSV as the desk receives it: UTF-8 with or without BOM, or GB18030/GBK from Chinese Excel."""

from __future__ import annotations

import csv
import io

from console.importers.table import NotATable, RawTable
from model.text import _

BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def detect_encoding(data: bytes) -> str:
    """A byte-order mark decides; else UTF-8 if the bytes are valid UTF-8; else GB18030 (a superset of GBK)."""
    for mark, encoding in BOMS:
        if data.startswith(mark):
            return encoding
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def read_csv(data: bytes, name: str, encoding: str | None = None) -> RawTable:
    """Comma- or tab-separated rows; the delimiter is whichever the header line uses."""
    chosen = encoding or detect_encoding(data)
    try:
        text = data.decode(chosen)
    except (UnicodeDecodeError, LookupError) as error:
        raise NotATable(_("{file} cannot be read as {encoding}: {error}").format(file=name, encoding=chosen, error=error)) from error
    if "\x00" in text:
        raise NotATable(_("{file} is not a table: it holds binary data, not CSV, XLSX or JSONL").format(file=name))
    header_line = text.lstrip().split("\n", 1)[0]
    delimiter = "\t" if "\t" in header_line and "," not in header_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = [(reader.line_num, stripped) for cells in reader if any(stripped := list(map(str.strip, cells)))]
    except csv.Error as error:
        raise NotATable(_("{file} is not readable CSV at line {line}: {error}").format(
            file=name, line=reader.line_num, error=error)) from error
    if not lines:
        raise NotATable(_("{file} is empty: there is no header row").format(file=name))
    (_line, headers), rows = lines[0], lines[1:]
    return RawTable("csv", chosen, headers, rows)
