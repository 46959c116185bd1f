"""Paper anchors the ledger: a printed head catches truncation and rewriting, the ledger's id
catches a chain spliced in from another ledger, and the database itself refuses to change an entry."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from model import actions, ledger
from model.db import RECORDED_IS_FINAL, open_ledger, read_session, sqlite_url, write_session
from model.schemas import ResourceIn, UnitIn
from model.tables import Incident
from tests.ledger_rows import rows
from tests.model.conftest import OPERATOR, entries, report
from tests.tampering import hashed_time, rechain, tamper


def verify(engine: Engine, *anchors: ledger.Head) -> ledger.VerifyReport:
    with read_session(engine) as session:
        return ledger.verify(session, anchors=anchors)


def current_head(engine: Engine) -> ledger.Head:
    with read_session(engine) as session:
        found = ledger.head(session)
    assert found is not None
    return found


def test_truncation_passes_verify_but_not_the_printed_head(session: Session, roster: None, frozen_clock: Any,
                                                           engine: Engine, ledger_url: str) -> None:
    """The newest entry (an out-of-service move) deleted and the state it changed rolled back."""
    before = tuple(rows(ledger_url, "SELECT status, status_since FROM resource WHERE code = 'XF-E12'")[0])
    actions.set_resource_status(session=session, operator=OPERATOR, resource_code="XF-E12",
                                status="out_of_service", reason="水泵检修")
    printed = current_head(engine)
    tamper(ledger_url, "DELETE FROM ledger_entry WHERE seq = ?", (printed.seq,))
    tamper(ledger_url, "UPDATE resource SET status = ?, status_since = ? WHERE code = 'XF-E12'", before)
    assert verify(engine).ok, "without an anchor the shorter chain is a valid ledger"
    result = verify(engine, printed)
    assert not result.ok and result.bad_seq is None
    assert result.anchor_problems == [
        f"anchor {printed}: the ledger ends at entry {printed.seq - 1}, so entry {printed.seq} is gone "
        "(entries were removed)"]


def test_rewriting_before_the_printed_head_is_caught(session: Session, open_incident: Incident, engine: Engine,
                                                     ledger_url: str) -> None:
    printed = current_head(engine)
    actions.verify(session=session, operator=OPERATOR, incident_no=open_incident.no)
    tamper(ledger_url, "UPDATE ledger_entry SET operator = '值班员 乙' WHERE seq = 2")
    rechain(ledger_url, 2)
    assert verify(engine).ok, "a forger who rehashes the chain passes a check without anchors"
    result = verify(engine, printed, current_head(engine))
    assert len(result.anchor_problems) == 1
    assert result.anchor_problems[0].startswith(f"anchor {printed}: entry {printed.seq} now has hash ")
    assert "rewritten at or before it" in result.anchor_problems[0]


def test_anchors_that_hold_pass_and_a_short_hash_is_enough(session: Session, open_incident: Incident,
                                                           engine: Engine) -> None:
    printed = current_head(engine)
    actions.verify(session=session, operator=OPERATOR, incident_no=open_incident.no)
    copied_by_hand = ledger.Head.parse(f" {printed.seq}:{printed.hash[:16].upper()} ")
    result = verify(engine, copied_by_hand, current_head(engine))
    assert result.ok and result.head == current_head(engine)


@pytest.mark.parametrize("text", ["12", "12:", "x:0123456789abcdef", "0:0123456789abcdef", "3:0123456789abcde",
                                  "3:0123456789abcdefg"])
def test_a_malformed_anchor_is_refused_saying_how_to_write_it(text: str) -> None:
    with pytest.raises(ValueError, match="write it as SEQ:HASH"):
        ledger.Head.parse(text)


def test_the_handover_records_the_head_before_its_own_entry(session: Session, open_incident: Incident) -> None:
    actions.start_shift(session=session, operator=OPERATOR, name="白班", officers=["值班员 甲"])
    before = entries(session)[-1]
    actions.hand_over_shift(session=session, operator=OPERATOR, notes="无", handed_to="值班员 乙")
    handover = entries(session)[-1]
    assert handover.kind == "shift_handed_over"
    assert json.loads(handover.payload)["facts"]["head"] == {"seq": before.seq, "hash": before.hash}
    assert handover.prev_hash == before.hash


def same_roster(engine: Engine) -> None:
    with write_session(engine) as session:
        actions.register_unit(session=session, operator=OPERATOR, unit=UnitIn(
            code="XF", name="消防大队", kind="fire", tier=1, duty_phone="119"))
        actions.register_resource(session=session, operator=OPERATOR, resource=ResourceIn(
            code="XF-E12", unit_code="XF", type="fire_engine", name="水罐车 XF-E12"))


def test_entries_of_another_ledger_cannot_be_spliced_in(frozen_clock: Any, tmp_path: Path) -> None:
    """Two centers record the same roster at the same moment; one's incident grafted onto the other."""
    paths = tmp_path / "a.db", tmp_path / "b.db"
    first, second = (open_ledger(sqlite_url(path)) for path in paths)
    for engine in (first, second):
        same_roster(engine)
    with write_session(first) as session:
        actions.receive_report(session=session, operator=OPERATOR, report=report())
    grafted = current_head(first).seq
    with sqlite3.connect(paths[1]) as raw:
        raw.execute("ATTACH DATABASE ? AS other", (str(paths[0]),))
        raw.execute("INSERT INTO ledger_entry SELECT * FROM other.ledger_entry WHERE seq = ?", (grafted,))
        raw.execute("INSERT INTO incident SELECT * FROM other.incident")
        raw.execute("INSERT INTO report SELECT * FROM other.report")
    raw.close()
    result = verify(second)
    assert not result.ok and result.bad_seq == grafted
    assert "previous-hash does not match the entry before it" in result.problem
    first.dispose()
    second.dispose()


def test_a_whole_chain_from_another_ledger_is_named(frozen_clock: Any, tmp_path: Path) -> None:
    paths = tmp_path / "a.db", tmp_path / "b.db"
    first, second = (open_ledger(sqlite_url(path)) for path in paths)
    same_roster(first)
    with sqlite3.connect(paths[1]) as raw:
        raw.execute("ATTACH DATABASE ? AS other", (str(paths[0]),))
        for table in ("ledger_entry", "unit", "resource"):
            raw.execute(f"INSERT INTO {table} SELECT * FROM other.{table}")
    raw.close()
    result = verify(second)
    assert result.bad_seq == 1
    assert "not this ledger's genesis: the chain was written for another ledger" in result.problem
    first.dispose()
    second.dispose()


def test_each_ledger_starts_from_its_own_genesis(engine: Engine, tmp_path: Path) -> None:
    other = open_ledger(sqlite_url(tmp_path / "other.db"))
    with read_session(engine) as one, read_session(other) as two:
        ids = ledger.ledger_id(one), ledger.ledger_id(two)
    other.dispose()
    assert None not in ids and ids[0] != ids[1]
    assert ledger.genesis_hash(str(ids[0])) != ledger.genesis_hash(str(ids[1]))


def test_sql_cannot_update_or_delete_an_entry_or_the_ledger_id(open_incident: Incident, engine: Engine,
                                                               ledger: Path | str) -> None:
    statements = ["UPDATE ledger_entry SET operator = 'x' WHERE seq = 1",
                  "DELETE FROM ledger_entry WHERE seq = (SELECT max(seq) FROM ledger_entry)",
                  "DELETE FROM ledger_entry", "UPDATE ledger_meta SET ledger_id = 'other'",
                  "DELETE FROM ledger_meta",
                  "INSERT INTO ledger_meta VALUES ('second', '2026-11-28 02:00:00.000000', NULL)"]
    if isinstance(ledger, Path):
        with sqlite3.connect(ledger) as raw:
            for statement in statements:
                with pytest.raises(sqlite3.IntegrityError, match=RECORDED_IS_FINAL):
                    raw.execute(statement)
        raw.close()
    else:
        import psycopg

        with psycopg.connect(ledger, autocommit=True) as server:
            for statement in [*statements, "TRUNCATE ledger_entry", "TRUNCATE ledger_meta CASCADE"]:
                with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match=RECORDED_IS_FINAL):
                    server.execute(statement)
    assert verify(engine).ok


def test_an_existing_ledger_gets_an_id_bound_by_an_entry(frozen_clock: Any, tmp_path: Path) -> None:
    """A ledger written before migration 0003 keeps its chain; one entry records the id it is given."""
    from alembic import command
    from alembic.config import Config

    from model.db import MIGRATIONS, make_engine

    path = tmp_path / "old.db"
    engine = make_engine(sqlite_url(path))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    with sqlite3.connect(path) as raw:
        stamp = "2026-11-28 02:00:00.000000"
        payload = '{"changes":[],"facts":{}}'
        digest = ledger.entry_hash(1, hashed_time(stamp), hashed_time(stamp), OPERATOR, None, None,
                                   "note", None, payload, ledger.LEGACY_GENESIS)
        raw.execute("INSERT INTO ledger_entry VALUES (1, ?, ?, ?, NULL, NULL, 'note', NULL, ?, ?, ?)",
                    (stamp, stamp, OPERATOR, payload, ledger.LEGACY_GENESIS, digest))
    raw.close()
    engine.dispose()
    upgraded = open_ledger(sqlite_url(path))
    with read_session(upgraded) as session:
        found = ledger.identity(session)
        rows = list(ledger.chain_rows(session))
    assert isinstance(found, ledger.Identity) and found.identified_seq == 2
    assert rows[1][6] == ledger.IDENTIFIED and json.loads(rows[1][8])["facts"] == {"ledger_id": found.ledger_id}
    assert verify(upgraded).ok
    tamper(path, "UPDATE ledger_meta SET ledger_id = 'someone else'")
    result = verify(upgraded)
    assert result.bad_seq == 2 and "should record this ledger's id someone else" in result.problem
    tamper(path, "DELETE FROM ledger_entry WHERE seq = 2")
    assert verify(upgraded).problem == (
        "the ledger ends at entry 1, before entry 2 that records its id (entries were removed)")
    upgraded.dispose()
