"""Writers of exported rows, one per format; each takes the header order from the first row's keys."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook

from console.importers.table import cell_text


def write_csv(rows: Iterable[dict[str, Any]], headers: list[str], stream: IO[str]) -> int:
    """UTF-8 CSV; the caller opens the file with `utf-8-sig` so Excel shows the Chinese text."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow([cell_text(row[header]) for header in headers])
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], headers: list[str], stream: IO[str]) -> int:
    """One JSON object per line, every column present (null for empty), Chinese kept as written."""
    count = 0
    for row in rows:
        stream.write(json.dumps({header: row[header] for header in headers}, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_xlsx(rows: Iterable[dict[str, Any]], headers: list[str], path: Path) -> int:
    """One sheet in openpyxl's write-only mode; numbers stay numbers, empty cells stay empty."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    count = 0
    for row in rows:
        sheet.append([row[header] for header in headers])
        count += 1
    workbook.save(path)
    return count
