"""What every reader returns: the file's rows of text cells, read one at a time as the file streams."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, NamedTuple

from model.errors import LinkdeskError

CELL_SPACE = "".join(character for character in map(chr, range(0x3001))
                     if character.isspace() and character not in "\x1c\x1d\x1e\x1f")
"""The white space trimmed from a cell: what the input schemas strip (Unicode White_Space), not
Python's wider `str.strip`, which also takes the separators U+001C–U+001F that a stored text keeps."""


def trimmed(text: str) -> str:
    """A cell without the padding around it, as the input schema would store it."""
    return text.strip(CELL_SPACE)


class NotATable(LinkdeskError):
    """The file cannot be read as a table at all; the message says what it looked like instead."""


class Record(NamedTuple):
    """One non-blank row as the user sees it in the file: its number, its cells, or why it has none.

    `problem` is set when the row cannot be split into cells (a quote that never closes);
    `position` then names the cell (1-based) where reading went wrong, if known.
    """

    number: int
    cells: list[str]
    problem: str | None = None
    position: int | None = None


@dataclass(frozen=True)
class RawTable:
    """A file's rows, lazily, in file order; `headers` when the format names them (JSONL keys).

    Without `headers`, the header row is found among the first records (`headers.file_rows`).
    `short_rows_padded`: a spreadsheet leaves trailing empty cells out, so a short row is complete;
    in CSV a short row has lost a cell or a delimiter.
    """

    format: str
    encoding: str | None
    records: Iterator[Record]
    headers: list[str] | None = None
    short_rows_padded: bool = False


def cell_text(value: Any) -> str:
    """A spreadsheet or JSON cell as the text a CSV file would hold.

    Whole floats lose their `.0` so a phone number typed into Excel reads back as typed;
    spreadsheet times are local wall time, which is how the desk writes them in files.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.tzinfo else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return trimmed(str(value))
