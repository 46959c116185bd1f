"""`ledger verify` prints the head to anchor on paper and checks anchors; refused rewrites are one line."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from model import ledger
from model.db import ledger_name, ledger_url, open_ledger, read_session
from model.location import is_server
from tests.cli.conftest import RESOURCE_HEADER, RESOURCE_ROWS, UNIT_HEADER, UNIT_ROWS, Run, linkdesk, write_csv
from tests.tampering import tamper


def head_of(location: Path | str) -> ledger.Head:
    engine = open_ledger(ledger_url(location))
    with read_session(engine) as session:
        found = ledger.head(session)
    engine.dispose()
    assert found is not None
    return found


def test_verify_prints_the_head_and_holds_its_anchors(run: Run, units: None, ledger: Path | str) -> None:
    head = head_of(ledger)
    result = run("ledger", "verify")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"head: {head.seq}:{head.hash} (check it later with --anchor)"
    again = run("ledger", "verify", "--anchor", f"{head.seq}:{head.hash}", "--anchor", f"{head.seq}:{head.hash[:16]}")
    assert again.exit_code == 0, again.output
    assert f"anchors held: {head.seq}:{head.hash}, {head.seq}:{head.hash[:16]}" in again.stdout


def test_a_truncated_ledger_fails_naming_the_anchor(run: Run, units: None, ledger: Path | str, tmp_path: Path) -> None:
    printed = head_of(ledger)
    assert run("import", "resources", str(write_csv(tmp_path / "r.csv", RESOURCE_HEADER, RESOURCE_ROWS))).exit_code == 0
    later = head_of(ledger)
    tamper(ledger, "DELETE FROM ledger_entry WHERE seq = ?", (later.seq,))
    tamper(ledger, "DELETE FROM resource")
    result = run("ledger", "verify", "--anchor", str(printed), "--anchor", str(later))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"FAILED: anchor {later}: the ledger ends at entry {printed.seq}, so entry {later.seq} is gone "
        "(entries were removed)"]


def test_a_malformed_anchor_is_one_line(ledger: Path | str) -> None:
    result = linkdesk("--db", str(ledger), "ledger", "verify", "--anchor", "seven")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "write it as SEQ:HASH" in result.stderr


@pytest.fixture
def pruning(ledger: Path | str) -> Iterator[None]:
    """A retention script's trigger that prunes old entries on every write, once the test turns it on;
    on a server it is dropped after the test, as the session's ledger database outlives it."""
    yield
    if is_server(ledger):
        import psycopg

        with psycopg.connect(str(ledger)) as server:
            server.execute("DROP FUNCTION IF EXISTS prune() CASCADE")


def start_pruning(ledger: Path | str) -> None:
    if isinstance(ledger, Path):
        with sqlite3.connect(ledger) as raw:
            raw.execute("CREATE TRIGGER prune AFTER INSERT ON ledger_entry "
                        "BEGIN DELETE FROM ledger_entry WHERE seq < NEW.seq; END")
        raw.close()
        return
    import psycopg

    with psycopg.connect(str(ledger)) as server:
        server.execute("CREATE FUNCTION prune() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "DELETE FROM ledger_entry WHERE seq < NEW.seq; RETURN NULL; END $$")
        server.execute("CREATE TRIGGER prune AFTER INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION prune()")


@pytest.mark.usefixtures("pruning")
def test_a_refused_rewrite_is_one_line_and_nothing_is_recorded(ledger: Path | str, tmp_path: Path) -> None:
    """A retention script's trigger that prunes old entries on every write: linkdesk refuses the write."""
    units = write_csv(tmp_path / "units.csv", UNIT_HEADER, UNIT_ROWS)
    assert linkdesk("--db", str(ledger), "import", "units", str(units)).returncode == 0
    start_pruning(ledger)
    resources = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, RESOURCE_ROWS)
    result = linkdesk("--db", str(ledger), "import", "resources", str(resources))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"linkdesk: {ledger_name(ledger)} refused to change a recorded ledger entry (entries are never updated or "
        "deleted): nothing was recorded"]
    assert head_of(ledger).seq == 1
    assert linkdesk("--db", str(ledger), "ledger", "verify").returncode == 0
