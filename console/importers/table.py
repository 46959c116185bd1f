"""What every reader returns: a header row and numbered data rows of text cells."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from model.errors import LinkdeskError


class NotATable(LinkdeskError):
    """The file cannot be read as a table at all; the message says what it looked like instead."""


@dataclass(frozen=True)
class RawTable:
    """A file's header cells and its data rows; each row keeps its number as the user sees it."""

    format: str
    encoding: str | None
    headers: list[str]
    rows: list[tuple[int, list[str]]]


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
    return str(value).strip()
