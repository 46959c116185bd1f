"""CSV as the desk receives it: UTF-8 with or without BOM, or GB18030/GBK from Chinese Excel.

The file is read as a stream, one record at a time, so a file of any size costs the memory of a
row. A cell that an export guarded against spreadsheet formulas (`'=…`) reads back as it was
stored. Quoting is read strictly: a quote that never closes, or text after a closing quote, is
named at the row where the cell began instead of swallowing the rows after it into one cell.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from console.importers.encoding import Scan, sample_text, text_encoding
from console.importers.spreadsheet_text import csv_unguarded
from console.importers.table import NotATable, RawTable, Record, trimmed
from model.text import _

DELIMITER_LINES = 20
"""Lines of the sample looked at to tell comma- from tab-separated: enough to pass a title block."""


class _Lines:
    """The file's lines for `csv.reader`, keeping the first line of the record being read."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        self.record_start = 1
        self.first_line = ""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.stream)
        self.count += 1
        if self.count == self.record_start:
            self.first_line = line
        return line


def delimiter_of(sample: str) -> str:
    """Tab when the first line holding a comma or a tab has tabs and no comma, else comma.

    A title line above the header may hold neither, so it does not decide.
    """
    for line in sample.splitlines()[:DELIMITER_LINES]:
        if "," in line or "\t" in line:
            return "\t" if "," not in line else ","
    return ","


def _problem(error: csv.Error, start: int, end: int) -> tuple[str, bool]:
    """What a csv error means at the row where its record began, and whether reading can go on."""
    text = str(error)
    if text.startswith("unexpected end of data"):
        return _("a quoted cell opens on this row and never closes: every row after it would be read "
                 "into that one cell"), False
    if text.startswith("field larger than field limit"):
        return _("a cell runs on for more than {limit} characters: most likely a quote opens on this "
                 "row and never closes").format(limit=csv.field_size_limit()), False
    if "expected after" in text:
        if end > start:
            return _("a quoted cell opens on this row, runs to line {line} and goes on after its closing "
                     "quote: most likely a quote is missing on this row").format(line=end), True
        return _("a quoted cell goes on after its closing quote; inside a quoted cell write a quote as "
                 "two quotes (\"\")"), True
    return _("not readable as CSV: {error}").format(error=text), True


def _opened_at(first_line: str, delimiter: str) -> int:
    """The cell (1-based) of a broken record's first line whose quote goes wrong.

    That is the first quoted cell that is still open at the end of the line, or has text after
    its closing quote; the last cell if none is.
    """
    line = first_line.rstrip("\r\n")
    position, index = 1, 0
    while index < len(line):
        if line[index] == '"':
            index += 1
            while True:
                close = line.find('"', index)
                if close < 0:
                    return position
                if line.startswith('""', close):
                    index = close + 2
                    continue
                index = close + 1
                break
            if index < len(line) and line[index] != delimiter:
                return position
        next_delimiter = line.find(delimiter, index)
        if next_delimiter < 0:
            break
        index = next_delimiter + 1
        position += 1
    return position


def _records(stream: IO[str], delimiter: str, name: str, encoding: str) -> Iterator[Record]:
    lines = _Lines(stream)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        while True:
            lines.record_start = lines.count + 1
            start = lines.record_start
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                problem, go_on = _problem(error, start, lines.count)
                yield Record(start, [], problem, _opened_at(lines.first_line, delimiter))
                if not go_on:
                    return
                continue
            stripped = [csv_unguarded(trimmed(cell)) for cell in cells]
            if any(stripped):
                yield Record(start, stripped)
    except UnicodeDecodeError as error:
        raise NotATable(_("{file} cannot be read as {encoding} at line {line}: {error}").format(
            file=name, encoding=encoding, line=lines.count + 1, error=error.reason)) from error
    finally:
        stream.close()


def read_csv(path: Path, found: Scan, encoding: str | None = None) -> RawTable:
    """Comma- or tab-separated records, streamed from `path`; `encoding` overrides detection."""
    name = path.name
    chosen = text_encoding(found, name, encoding)
    if chosen.binary:
        raise NotATable(_("{file} is not a table: it holds binary data, not CSV, XLSX or JSONL").format(file=name))
    try:
        stream = path.open(encoding=chosen.name, newline="")
    except OSError as error:
        raise NotATable(_("cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)) from error
    delimiter = delimiter_of(sample_text(found, chosen.name))
    return RawTable("csv", chosen.name, _records(stream, delimiter, name, chosen.name))
