"""The newcomer's path: seed the demo, verify it, and see tampering and broken files named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import linkdesk
from tests.tampering import tamper


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The file `linkdesk demo` seeds: SQLite only, as the demo never seeds a ledger on a server."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = linkdesk("--db", str(path), "demo", "--no-console", "--reset")
    assert result.returncode == 0, result.stderr
    assert "open incidents" in result.stdout
    return path


def test_demo_file_verifies(demo_file: Path) -> None:
    result = linkdesk("--db", str(demo_file), "ledger", "verify")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_export_then_tamper_is_named(demo_file: Path, tmp_path: Path) -> None:
    """SQLite only: a copy of the demo's file (tamper and verify on a server: tests/model/test_ledger.py)."""
    copy = tmp_path / "copy.db"
    with sqlite3.connect(demo_file) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    exported = tmp_path / "ledger.jsonl"
    result = linkdesk("--db", str(copy), "ledger", "export", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert [line["seq"] for line in lines] == list(range(1, len(lines) + 1))
    tamper(copy, "UPDATE ledger_entry SET operator = operator || ' ' WHERE seq = 7")
    result = linkdesk("--db", str(copy), "ledger", "verify")
    assert result.returncode == 1
    assert "first bad entry: 7" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_is_kept_unless_reset(demo_file: Path) -> None:
    again = linkdesk("--db", str(demo_file), "demo", "--no-console")
    first_count = again.stdout.split("open incidents, ")[1]
    assert again.returncode == 0
    reset = linkdesk("--db", str(demo_file), "demo", "--no-console", "--reset")
    assert reset.stdout.split("open incidents, ")[1] == first_count


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("shift notes, not a ledger\n" * 100, encoding="utf-8")
    result = linkdesk("--db", str(bogus), "ledger", "verify")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"linkdesk: {bogus} is not a linkdesk ledger (the file is not an SQLite database)"]


def test_locked_ledger_gives_one_line(tmp_path: Path) -> None:
    copy = tmp_path / "locked.db"
    assert linkdesk("--db", str(copy), "db", "upgrade").returncode == 0
    holder = sqlite3.connect(copy, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = linkdesk("--db", str(copy), "demo", "--no-console", env={"LINKDESK_BUSY_TIMEOUT_MS": "200"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "is locked by another program" in result.stderr and "Traceback" not in result.stderr
