"""Text cells a spreadsheet holds as text: never a formula, never a character XML cannot carry.

Both rules are reversible, so an export read back by the importer gives the stored text exactly.

- CSV (OWASP's CSV-injection advice): a cell that a spreadsheet would take for a formula, one
  beginning with `=`, `+`, `-`, `@`, tab or carriage return, is written after a single quote,
  which spreadsheets read as "this is text". A cell that begins with a quote and would be guarded
  without it gets one more, so the importer can always take exactly one away.
- XLSX (OOXML's own escape, ECMA-376 §22.9.2.19): a character XML 1.0 cannot hold, or a carriage
  return XML would turn into a line feed, is written as `_xHHHH_`; an underscore that would read
  as the start of such an escape is written as `_x005F_`. Excel reads and writes the same escape.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet evaluate a CSV cell (OWASP, "CSV Injection")."""
TEXT_MARK = "'"

XML_UNSAFE = re.compile("_(?=x[0-9A-Fa-f]{4})|[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""What the OOXML escape replaces: characters outside XML 1.0 (and CR), and escape-like underscores."""
XML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def _needs_mark(text: str) -> bool:
    if text.startswith(FORMULA_STARTS):
        return True
    return text.startswith(TEXT_MARK) and _needs_mark(text[1:])


def csv_guarded(text: str) -> str:
    """`text` as a CSV cell no spreadsheet runs: a single quote before anything formula-like."""
    return TEXT_MARK + text if _needs_mark(text) else text


def csv_unguarded(cell: str) -> str:
    """The stored text of a CSV cell written by `csv_guarded`; other cells are left as they are."""
    if cell.startswith(TEXT_MARK) and _needs_mark(cell[1:]):
        return cell[1:]
    return cell


def xml_escaped(text: str) -> str:
    """`text` as an XLSX string cell can hold it, in OOXML's `_xHHHH_` escape."""
    return XML_UNSAFE.sub(lambda match: f"_x{ord(match.group()):04X}_", text)


def xml_unescaped(cell: str) -> str:
    """The text of an XLSX string cell, its `_xHHHH_` escapes read back into characters."""
    if "_x" not in cell:
        return cell
    return XML_ESCAPE.sub(_character, cell)


def _character(match: re.Match[str]) -> str:
    """An escape's character; a surrogate half is no character, so its escape stays as written."""
    code = int(match.group(1), 16)
    return match.group() if 0xD800 <= code <= 0xDFFF else chr(code)
