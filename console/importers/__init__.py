"""Readers of the files a desk receives: CSV, XLSX and JSONL, detected from the content.

Readers only turn bytes into text rows; the rows go through `model.actions.import_rows`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from console.importers.csv_reader import read_csv
from console.importers.headers import expected_columns, file_rows, map_headers
from console.importers.jsonl_reader import read_jsonl
from console.importers.table import NotATable, RawTable
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
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NotATable(_("cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)) from error
    chosen = format or detect_format(data, path)
    if chosen not in FORMATS:
        raise NotATable(_("unknown format {format!r}; the formats are {formats}").format(
            format=chosen, formats=", ".join(FORMATS)))
    name = path.name
    if chosen == "xlsx":
        table = read_xlsx(data, name)
    elif chosen == "jsonl":
        table = read_jsonl(data, name, encoding)
    else:
        table = read_csv(data, name, encoding)
    return ReadFile(table, hashlib.sha256(data).hexdigest())


__all__ = ["FORMATS", "NotATable", "RawTable", "ReadFile", "detect_format", "expected_columns", "file_rows",
           "map_headers", "read_file"]
