"""The ledger is append-only and tamper-evident: verify names the first entry that was changed."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from model import actions, ledger
from model.db import read_session
from model.tables import Incident, utc_of
from tests.model.conftest import OPERATOR, entries, report
from tests.tampering import tamper


def verify(engine: Engine) -> ledger.VerifyReport:
    with read_session(engine) as session:
        return ledger.verify(session)


def test_fresh_chain_verifies_and_links(session: Session, open_incident: Incident, engine: Engine) -> None:
    actions.verify(session=session, operator=OPERATOR, incident_no=open_incident.no)
    rows = entries(session)
    assert [row.seq for row in rows] == list(range(1, len(rows) + 1))
    with read_session(engine) as reader:
        assert rows[0].prev_hash == ledger.genesis_hash(str(ledger.ledger_id(reader)))
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(rows))
    result = verify(engine)
    assert result.ok and result.entries == len(rows)


def test_one_changed_byte_is_named(session: Session, open_incident: Incident, engine: Engine,
                                   ledger_url: str) -> None:
    actions.verify(session=session, operator=OPERATOR, incident_no=open_incident.no)
    target = entries(session)[3]
    tamper(ledger_url, "UPDATE ledger_entry SET payload = replace(payload, '仓库', '仓厍') WHERE seq = ?",
           (target.seq,))
    result = verify(engine)
    assert not result.ok and result.bad_seq == target.seq
    assert "does not match its hash" in result.problem


def test_deleted_entry_breaks_the_sequence(session: Session, open_incident: Incident, engine: Engine,
                                           ledger_url: str) -> None:
    actions.verify(session=session, operator=OPERATOR, incident_no=open_incident.no)
    tamper(ledger_url, "DELETE FROM ledger_entry WHERE seq = 2")
    result = verify(engine)
    assert result.bad_seq == 3 and "jumps" in result.problem


def test_state_changed_behind_the_ledger_is_found(session: Session, open_incident: Incident, engine: Engine,
                                                  ledger_url: str) -> None:
    actions.grade(session=session, operator=OPERATOR, incident_no=open_incident.no, level="IV")
    graded_at = entries(session)[-1].seq
    tamper(ledger_url, "UPDATE incident SET level = 'I' WHERE no = ?", (open_incident.no,))
    result = verify(engine)
    assert not result.ok and result.bad_seq == graded_at
    assert "level is 'I'" in result.problem and "'IV'" in result.problem


def test_a_time_changed_behind_the_ledger_is_found(session: Session, open_incident: Incident, engine: Engine,
                                                  ledger_url: str, backend: str) -> None:
    """A stored time nine microseconds off is caught: times are compared in the form the entry hashed."""
    received = entries(session)[-1].seq
    later = ("strftime('%Y-%m-%d %H:%M:%f', received_at) || '009'" if backend == "sqlite"
             else "received_at + interval '9 microseconds'")
    tamper(ledger_url, f"UPDATE incident SET received_at = {later} WHERE no = ?", (open_incident.no,))
    result = verify(engine)
    assert not result.ok and result.bad_seq == received
    assert result.problem.startswith(f"incident {open_incident.no}: received_at is '2026-11-28T02:00:00.000009+00:00'")


@pytest.mark.parametrize("moment", [
    datetime(2026, 11, 28, 2, 0, 0),
    datetime(2026, 11, 28, 2, 0, 0, 9),
    datetime(2026, 11, 28, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=8))),
    datetime(2026, 11, 28, 2, 0, 0, 5, tzinfo=UTC),
], ids=["naive", "naive-micro", "aware-+08:00", "aware-UTC"])
def test_a_stored_time_is_stamped_as_append_encoded_it(moment: datetime) -> None:
    """verify's one-step stamp of a time read back (naive from SQLite, aware from a server) is the
    text append hashed: the UTC datetime the column type gives, encoded."""
    assert ledger.stamp(moment) == ledger.encode(utc_of(moment))


def test_no_state_column_is_named_like_an_update_key() -> None:
    """An update binds the row's key as `key_<column>` beside the columns it sets: no column may be called so."""
    assert not [column.name for table in ledger.TABLES.values() for column in table.columns
                if column.name.startswith("key_")]


def test_a_deleted_state_row_is_found(session: Session, open_incident: Incident, engine: Engine,
                                      ledger_url: str) -> None:
    tamper(ledger_url, "DELETE FROM report WHERE incident_no = ?", (open_incident.no,))
    result = verify(engine)
    assert not result.ok and result.problem.startswith("report (1,) written by entry ")
    assert result.problem.endswith(" is missing from the state tables")


def test_a_row_the_action_holds_reads_what_append_wrote(session: Session, open_incident: Incident) -> None:
    """append writes past the session; the row the action made its change from must not stay stale."""
    row = session.get(Incident, open_incident.no)
    assert row is not None and row.level is None
    ledger.append(session, kind="incident_graded", operator=OPERATOR, facts={"level": "III", "reason": ""},
                  incident_no=row.no, changes=[ledger.Change.set(row, level="III")])
    assert row.level == "III"
    assert session.get(Incident, open_incident.no) is row
    session.commit()


def test_row_nobody_recorded_is_found(session: Session, open_incident: Incident, engine: Engine,
                                      ledger_url: str) -> None:
    tamper(ledger_url, "INSERT INTO unit (code, name, kind, tier, duty_phone, address, contact) "
                       "VALUES ('X', 'x', 'fire', 1, '1', '', '')")
    result = verify(engine)
    assert not result.ok and "unit X is in the state tables but no ledger entry wrote it" in result.problem


def test_export_writes_every_entry_in_order(session: Session, open_incident: Incident) -> None:
    import json

    lines = [json.loads(line) for line in ledger.export_lines(session)]
    assert [line["seq"] for line in lines] == [row.seq for row in entries(session)]
    assert lines[-1]["payload"]["facts"]["report"]["address"] == "港城路1号"


def test_markup_text_is_stored_as_written(session: Session, roster: None, frozen_clock: Any) -> None:
    text = "[bold red]火[/] and a lone [/]"
    row = actions.receive_report(session=session, operator=OPERATOR, report=report(description=text))
    assert row.description == text


def test_read_only_ledger_refuses_with_one_line_and_stays_valid(session: Session, open_incident: Incident,
                                                                ledger_path: Path) -> None:
    """SQLite only: it is about a ledger file opened read-only."""
    from model.db import make_engine, write_session
    from model.errors import LedgerUnavailable

    before = entries(session)
    read_only = make_engine(f"sqlite:///file:{ledger_path}?mode=ro&uri=true")
    with write_session(read_only) as other, pytest.raises(LedgerUnavailable, match="is read-only"):
        actions.verify(session=other, operator=OPERATOR, incident_no=open_incident.no)
    assert entries(session) == before
    with read_session(read_only) as reader:
        assert ledger.verify(reader).ok
