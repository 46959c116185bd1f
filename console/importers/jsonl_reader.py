"""JSON Lines: one object per line, keys as headers; the headers are every key seen, in first-seen order."""

from __future__ import annotations

import json
from typing import Any

from console.importers.table import NotATable, RawTable, cell_text
from model.text import _


def read_jsonl(data: bytes, name: str, encoding: str | None = None) -> RawTable:
    chosen = encoding or "utf-8-sig"
    try:
        text = data.decode(chosen)
    except (UnicodeDecodeError, LookupError) as error:
        raise NotATable(_("{file} cannot be read as {encoding}: {error}").format(file=name, encoding=chosen, error=error)) from error
    objects: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise NotATable(_("{file} line {line} is not JSON: {error}").format(file=name, line=number, error=error.msg)) from error
        if not isinstance(value, dict):
            raise NotATable(_("{file} line {line} is not a JSON object: JSONL rows are objects of column: value").format(
                file=name, line=number))
        objects.append((number, value))
    if not objects:
        raise NotATable(_("{file} is empty: there is no row").format(file=name))
    headers = list(dict.fromkeys(key for _line, value in objects for key in value))
    rows = [(number, [cell_text(value.get(header)) for header in headers]) for number, value in objects]
    return RawTable("jsonl", chosen, headers, rows)
