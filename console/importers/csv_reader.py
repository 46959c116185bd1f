"""CSV as the desk receives it: UTF-8 with or without BOM, or GB18030/GBK from Chinese Excel."""

from __future__ import annotations

import csv
import io

from console.importers.table import NotATable, RawTable

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
        raise NotATable(f"{name} cannot be read as {chosen}: {error}") from error
    if "\x00" in text:
        raise NotATable(f"{name} is not a table: it holds binary data, not CSV, XLSX or JSONL")
    header_line = text.lstrip().split("\n", 1)[0]
    delimiter = "\t" if "\t" in header_line and "," not in header_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = [(reader.line_num, stripped) for cells in reader if any(stripped := list(map(str.strip, cells)))]
    except csv.Error as error:
        raise NotATable(f"{name} is not readable CSV at line {reader.line_num}: {error}") from error
    if not lines:
        raise NotATable(f"{name} is empty: there is no header row")
    (_, headers), rows = lines[0], lines[1:]
    return RawTable("csv", chosen, headers, rows)
