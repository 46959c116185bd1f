"""A file of thousands of rows: one ledger entry that verifies, a second import that changes
nothing, and an export piped into a reader that stops early."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from console.importers import file_rows, read_file
from model import ledger
from model.columns import ImportKind
from model.db import read_session
from model.tables import LedgerEntry, Resource
from tests.cli.conftest import PROJECT, RESOURCE_HEADER, Run, entry_count, json_out, write_csv

ROWS = 6000


def resource_rows(count: int) -> list[list[str]]:
    return [[f"XF-{number:05d}", "XF" if number % 2 else "GA", "fire_engine", f"水罐消防车{number}号",
             "停用" if number % 7 == 0 else "", f"{38.5 + number / 100000:.5f}", "117.39", "8吨"]
            for number in range(count)]


@pytest.fixture
def resources_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, resource_rows(ROWS))


@pytest.mark.usefixtures("units")
def test_large_import_is_one_entry_that_verifies_and_a_second_import_changes_nothing(
        run: Run, engine: Engine, resources_file: Path) -> None:
    before = entry_count(engine)
    first = run("import", "resources", str(resources_file), "--json")
    assert first.exit_code == 0, first.output + first.stderr
    assert json_out(first)["inserted"] == ROWS
    assert entry_count(engine) == before + 1
    with Session(engine) as session:
        stored = {row.code: row for row in session.execute(select(Resource)).scalars()}
        entry = session.get(LedgerEntry, json_out(first)["ledger_seq"])
    assert len(stored) == ROWS
    assert stored["XF-00007"].status == "out_of_service" and stored["XF-00007"].unit_code == "XF"
    assert stored["XF-00008"].status == "available" and stored["XF-00008"].lat == 38.50008
    assert entry is not None and entry.kind == "resources_imported"
    with read_session(engine) as session:
        report = ledger.verify(session)
    assert report.ok, report.problem
    assert report.entries == before + 1

    again = run("import", "resources", str(resources_file), "--json")
    assert again.exit_code == 0, again.output + again.stderr
    assert json_out(again)["unchanged"] == ROWS and json_out(again)["ledger_seq"] is None
    assert entry_count(engine) == before + 1


@pytest.mark.usefixtures("units")
def test_json_import_of_a_large_file_writes_no_progress_bar(run: Run, resources_file: Path) -> None:
    result = run("import", "resources", str(resources_file), "--json")
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stderr == ""


@pytest.mark.usefixtures("units")
def test_export_into_a_reader_that_stops_early_ends_quietly(run: Run, ledger: Path | str,
                                                            resources_file: Path) -> None:
    """`linkdesk export resources | head -1`: no traceback, the SIGPIPE status 141."""
    assert run("import", "resources", str(resources_file)).exit_code == 0
    export = subprocess.Popen([sys.executable, "-m", "console", "--db", str(ledger), "export", "resources"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=PROJECT,
                              env={**os.environ, "LINKDESK_OPERATOR": "tester"})
    assert export.stdout is not None and export.stderr is not None
    assert export.stdout.readline().startswith(b"code,unit,type")
    export.stdout.close()
    errors = export.stderr.read().decode()
    assert export.wait(timeout=120) == 141
    assert errors == ""


def test_the_readers_stream_a_large_file_row_by_row(tmp_path: Path) -> None:
    """Reading every row of a 10 MB CSV holds a row at a time, not the file (traced Python memory).

    What stays is constant: the 1 MiB read chunk with its decoded text and the 64 KB detection
    sample; holding the rows would take well over 100 MB.
    """
    path = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, resource_rows(150_000))
    assert path.stat().st_size > 9_000_000
    tracemalloc.start()
    try:
        read = read_file(path)
        count = sum(1 for _row in file_rows(ImportKind.RESOURCES, read.table, path.name).rows)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 150_000
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB"
