"""Readers of the files a desk receives: CSV, XLSX and JSONL, detected from the content.

Readers only turn bytes into text rows, streamed one at a time; the rows go through
`model.actions.import_rows`. A reader never guesses silently: an encoding it cannot be sure of,
a quote that never closes or a row of the wrong width is refused, naming the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from console.importers.csv_reader import read_csv
from console.importers.encoding import scan
from console.importers.headers import FileRows, expected_columns, file_rows, map_headers
from console.importers.jsonl_reader import read_jsonl
from console.importers.table import NotATable, RawTable, Record
from console.importers.xlsx_reader import read_xlsx
from model.text import _

FORMATS = ("csv", "xlsx", "jsonl")
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class ReadFile:
    """A table read from a file, with the SHA-256 of the bytes the ledger entry records."""

    table: RawTable
    sha256: str


def detect_format(data: bytes, path: Path) -> str:
    """The content decides first (a zip is a workbook, a leading `{` is JSONL); then the extension."""
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("xlsx", "jsonl"):
        return suffix
    return "csv"


def read_file(path: Path, *, format: str | None = None, encoding: str | None = None) -> ReadFile:
    """Read `path` as a table; `format` and `encoding` override what the content suggests."""
    if format is not None and format not in FORMATS:
        raise NotATable(_("unknown format {format!r}; the formats are {formats}").format(
            format=format, formats=", ".join(FORMATS)))
    found = scan(path)
    chosen = format or detect_format(found.sample, path)
    if chosen == "xlsx":
        table = read_xlsx(path)
    elif chosen == "jsonl":
        table = read_jsonl(path, encoding)
    else:
        table = read_csv(path, found, encoding)
    return ReadFile(table, found.sha256)


__all__ = ["FORMATS", "FileRows", "NotATable", "RawTable", "ReadFile", "Record", "detect_format",
           "expected_columns", "file_rows", "map_headers", "read_file"]
