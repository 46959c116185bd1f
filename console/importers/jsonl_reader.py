"""JSON Lines: one object per line, keys as headers; the headers are every key seen, in first-seen order.

The file is read twice as a stream, once for the keys and once for the rows, so it is never whole
in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from console.importers.table import NotATable, RawTable, Record, cell_text
from model.text import _


def _objects(path: Path, encoding: str, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    number = 0
    try:
        with path.open(encoding=encoding) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as error:
                    raise NotATable(_("{file} line {line} is not JSON: {error}").format(
                        file=name, line=number, error=error.msg)) from error
                if not isinstance(value, dict):
                    raise NotATable(_("{file} line {line} is not a JSON object: JSONL rows are objects of "
                                      "column: value").format(file=name, line=number))
                yield number, value
    except UnicodeDecodeError as error:
        raise NotATable(_("{file} cannot be read as {encoding} at line {line}: {error}").format(
            file=name, encoding=encoding, line=number + 1, error=error.reason)) from error
    except LookupError as error:
        raise NotATable(_("unknown encoding {encoding!r}").format(encoding=encoding)) from error


def read_jsonl(path: Path, encoding: str | None = None) -> RawTable:
    chosen = encoding or "utf-8-sig"
    name = path.name
    headers = list(dict.fromkeys(key for _line, value in _objects(path, chosen, name) for key in value))
    if not headers:
        raise NotATable(_("{file} is empty: there is no row").format(file=name))
    records = (Record(number, [cell_text(value.get(header)) for header in headers])
               for number, value in _objects(path, chosen, name))
    return RawTable("jsonl", chosen, records, headers=headers)
