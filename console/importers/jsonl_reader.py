"""JSON Lines: one object per line, keys as headers; the headers are every key seen, in first-seen order."""

from __future__ import annotations

import json
from typing import Any

from console.importers.table import NotATable, RawTable, cell_text


def read_jsonl(data: bytes, name: str, encoding: str | None = None) -> RawTable:
    chosen = encoding or "utf-8-sig"
    try:
        text = data.decode(chosen)
    except (UnicodeDecodeError, LookupError) as error:
        raise NotATable(f"{name} cannot be read as {chosen}: {error}") from error
    objects: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise NotATable(f"{name} line {number} is not JSON: {error.msg}") from error
        if not isinstance(value, dict):
            raise NotATable(f"{name} line {number} is not a JSON object: JSONL rows are objects of column: value")
        objects.append((number, value))
    if not objects:
        raise NotATable(f"{name} is empty: there is no row")
    headers = list(dict.fromkeys(key for _, value in objects for key in value))
    rows = [(number, [cell_text(value.get(header)) for header in headers]) for number, value in objects]
    return RawTable("jsonl", chosen, headers, rows)
