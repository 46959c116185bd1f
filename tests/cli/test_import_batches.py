"""A file larger than one batch: chained entries, a batch each, written in one transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, select
from sqlmodel import Session

from console.importers import file_rows, read_file
from model import actions, ledger
from model.actions import ImportRefused, ImportSource, ImportSummary
from model.columns import ImportKind
from model.db import read_session, write_session
from model.tables import LedgerEntry, Resource
from tests.cli.conftest import RESOURCE_HEADER, entry_count, write_csv

BATCH = 10


def resource_rows(count: int) -> list[list[str]]:
    return [[f"XF-{number:03d}", "XF", "fire_engine", f"水罐消防车{number}号", "", "", "", "8吨"]
            for number in range(count)]


def import_file(engine: Engine, path: Path) -> tuple[ImportSummary, int]:
    """The import with a batch of `BATCH` rows, and how many times its session committed."""
    read = read_file(path)
    rows = file_rows(ImportKind.RESOURCES, read.table, path.name).rows
    commits: list[None] = []
    with write_session(engine) as session:
        event.listen(session, "after_commit", lambda _session: commits.append(None))
        summary = actions.import_rows(session=session, operator="值班员", kind=ImportKind.RESOURCES, rows=rows,
                                      source=ImportSource(path.name, read.sha256, "csv"), batch_rows=BATCH)
    return summary, len(commits)


def summary_sha(path: Path) -> str:
    return read_file(path).sha256


def import_entries(engine: Engine) -> list[LedgerEntry]:
    with Session(engine) as session:
        imported = select(LedgerEntry).where(LedgerEntry.kind == "resources_imported")  # type: ignore[arg-type]
        return list(session.execute(imported.order_by(LedgerEntry.seq)).scalars())  # type: ignore[arg-type]


@pytest.mark.usefixtures("units")
def test_an_import_larger_than_a_batch_is_chained_batch_entries_in_one_transaction(
        engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, resource_rows(25))
    before = entry_count(engine)
    summary, commits = import_file(engine, path)
    assert commits == 1
    assert summary.inserted == 25
    entries = import_entries(engine)
    assert [entry.seq for entry in entries] == [before + 1, before + 2, before + 3]
    assert (summary.ledger_seq, summary.ledger_entries) == (before + 3, 3)
    assert [entry.prev_hash for entry in entries[1:]] == [entry.hash for entry in entries[:-1]]
    facts = [json.loads(entry.payload)["facts"] for entry in entries]
    for fact in facts:
        assert (fact["file"], fact["sha256"], fact["format"]) == ("resources.csv", summary_sha(path), "csv")
    assert [(fact["batch"], fact["batch_rows"], fact["first_row"], fact["last_row"]) for fact in facts] == [
        (1, 10, 2, 11), (2, 10, 12, 21), (3, 5, 22, 26)]
    assert "last" not in facts[0] and "rows" not in facts[0]
    assert facts[2]["last"] is True
    assert (facts[2]["rows"], facts[2]["inserted"], facts[2]["updated"], facts[2]["unchanged"]) == (25, 25, 0, 0)
    assert [len(json.loads(entry.payload)["changes"]) for entry in entries] == [10, 10, 5]
    with read_session(engine) as session:
        report = ledger.verify(session)
    assert report.ok, report.problem


@pytest.mark.usefixtures("units")
def test_an_import_of_one_batch_is_the_one_entry_with_the_totals(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, resource_rows(BATCH))
    summary, _commits = import_file(engine, path)
    [entry] = import_entries(engine)
    assert json.loads(entry.payload)["facts"] == {
        "file": "resources.csv", "sha256": summary_sha(path), "format": "csv",
        "rows": BATCH, "inserted": BATCH, "updated": 0, "unchanged": 0}
    assert (summary.ledger_seq, summary.ledger_entries) == (entry.seq, 1)


@pytest.mark.usefixtures("units")
def test_bad_rows_in_the_first_and_the_last_batch_are_both_named_and_nothing_is_written(
        engine: Engine, tmp_path: Path) -> None:
    rows = resource_rows(25)
    rows[3][1] = ""
    rows[23][1] = "NOPE"
    path = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, rows)
    before = entry_count(engine)
    with pytest.raises(ImportRefused) as refused:
        import_file(engine, path)
    assert [error.row for error in refused.value.summary.errors] == [5, 25]
    assert entry_count(engine) == before
    with Session(engine) as session:
        assert session.execute(select(Resource)).first() is None
    with read_session(engine) as session:
        assert ledger.verify(session).ok


@pytest.mark.usefixtures("units")
def test_a_refusal_in_the_last_batch_alone_rolls_back_the_batches_written(engine: Engine, tmp_path: Path) -> None:
    rows = resource_rows(25)
    rows[23][1] = "NOPE"
    path = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, rows)
    before = entry_count(engine)
    with pytest.raises(ImportRefused) as refused:
        import_file(engine, path)
    assert [error.row for error in refused.value.summary.errors] == [25]
    assert entry_count(engine) == before
    with Session(engine) as session:
        assert session.execute(select(Resource)).first() is None
