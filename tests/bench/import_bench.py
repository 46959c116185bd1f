"""How fast 100,000 resource rows import, against raw sqlite3 executemany with the same pragmas.

Run on purpose, not by pytest: `uv run python tests/bench/import_bench.py [ROWS | SIZEmb]`
(`50mb` writes as many rows as make a 50 MB file). The figure covers reading the CSV, checking
every row, the ledger entries (one per batch of changing rows) and the state writes; the baseline
only inserts the same tuples, so the gap is what validation and the ledger cost. The read runs
with the collector paused, as `linkdesk import` reads. The peak memory printed is the process's
largest resident set just after the first import (the file streams and is written a batch at a
time; what grows is the keys seen).
"""

from __future__ import annotations

import csv
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from console.importers import file_rows, read_file
from model import actions, ledger
from model.actions import ImportSource
from model.bulk import collector_paused
from model.columns import ImportKind
from model.db import open_ledger, read_session, sqlite_url, write_session
from model.schemas import UnitIn

PRAGMAS = ("PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON")


def write_file(path: Path, count: int | None, size: int | None = None) -> int:
    """`count` rows, or as many as make `size` bytes; the number of rows written."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["编码", "所属单位", "类型", "名称", "纬度", "经度", "能力"])
        number = 0
        while (count is not None and number < count) or (size is not None and handle.tell() < size):
            writer.writerow([f"R{number:07d}", "XF", "消防车", f"水罐消防车{number}号",
                             f"{38.5 + number % 1000 / 10000:.4f}", "117.39", "8吨"])
            number += 1
    return number


def peak_megabytes() -> float:
    """The largest resident set of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def linkdesk_import(folder: Path, path: Path) -> tuple[float, float, float, float]:
    engine = open_ledger(sqlite_url(folder / "ledger.db"))
    with write_session(engine) as session:
        actions.register_unit(session=session, operator="bench", unit=UnitIn(
            code="XF", name="消防救援大队", kind="fire", tier=1, duty_phone="119"))
    started = time.perf_counter()
    with collector_paused():
        read = read_file(path)
        rows = file_rows(ImportKind.RESOURCES, read.table, path.name)
        with write_session(engine) as session:
            summary = actions.import_rows(session=session, operator="bench", kind=ImportKind.RESOURCES,
                                          rows=rows.rows, source=ImportSource(path.name, read.sha256, "csv"))
    elapsed = time.perf_counter() - started
    peak = peak_megabytes()
    started = time.perf_counter()
    read = read_file(path)
    with write_session(engine) as session:
        again = actions.import_rows(session=session, operator="bench", kind=ImportKind.RESOURCES,
                                    rows=file_rows(ImportKind.RESOURCES, read.table, path.name).rows,
                                    source=ImportSource(path.name, read.sha256, "csv"))
    unchanged = time.perf_counter() - started
    assert again.unchanged == summary.inserted
    started = time.perf_counter()
    with read_session(engine) as session:
        report = ledger.verify(session)
    verified = time.perf_counter() - started
    assert report.ok, report.problem
    engine.dispose()
    return elapsed, unchanged, verified, peak


def raw_baseline(folder: Path, path: Path) -> float:
    connection = sqlite3.connect(folder / "raw.db", isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    connection.execute("CREATE TABLE resource (code TEXT PRIMARY KEY, unit_code TEXT, type TEXT, name TEXT, "
                       "status TEXT, lat REAL, lon REAL, capacity TEXT)")
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = [(code, unit, "fire_engine", name, "available", float(lat), float(lon), capacity)
                for code, unit, _, name, lat, lon, capacity in reader]
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany("INSERT INTO resource VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main() -> None:
    wanted = sys.argv[1].lower() if len(sys.argv) > 1 else "100000"
    size = int(float(wanted.removesuffix("mb")) * 1_000_000) if wanted.endswith("mb") else None
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "resources.csv"
        count = write_file(path, None if size else int(wanted), size)
        megabytes = path.stat().st_size / 1_000_000
        elapsed, unchanged, verified, peak = linkdesk_import(folder, path)
        baseline = raw_baseline(folder, path)
    print(f"linkdesk import: {count} resource rows ({megabytes:.1f} MB) in {elapsed:.2f} s = "
          f"{count / elapsed:,.0f} rows/s; peak memory {peak:,.0f} MB")
    print(f"re-import (all unchanged, no entry): {unchanged:.2f} s; ledger verify after: {verified:.2f} s")
    print(f"raw sqlite3 executemany baseline: {baseline:.2f} s = {count / baseline:,.0f} rows/s")


if __name__ == "__main__":
    main()
