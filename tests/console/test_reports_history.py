"""The handover lists every resource out of service, read from each resource's own indexed moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, literal_column, select, text

from model import actions, clock
from model.backend import resource_moved
from model.db import read_session, write_session
from model.schemas import ResourceIn, UnitIn
from model.shift_report import gather_shift, resolve_period
from model.tables import RESOURCE_MOVES, LedgerEntry

START = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
OPERATOR = "值班员 甲"


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def test_a_resource_whose_code_looks_like_a_pattern_stays_in_the_handover(engine: Engine) -> None:
    """`A_1` out of service, then `AB1` out and back: `A_1` is still out at the handover."""
    with clock.frozen(at(0)), write_session(engine) as session:
        actions.register_unit(session=session, operator=OPERATOR, unit=UnitIn(
            code="XF", name="消防大队", kind="fire", tier=1, duty_phone="119"))
        for code in ("A_1", "AB1"):
            actions.register_resource(session=session, operator=OPERATOR, resource=ResourceIn(
                code=code, unit_code="XF", type="fire_engine", name=f"水罐车 {code}"))
        actions.start_shift(session=session, operator=OPERATOR, name="白班", officers=[OPERATOR], happened_at=at(1))
        for code, status, minute in (("A_1", "out_of_service", 10), ("AB1", "out_of_service", 20),
                                     ("AB1", "available", 30)):
            actions.set_resource_status(session=session, operator=OPERATOR, resource_code=code, status=status,
                                        reason="水泵检修" if status == "out_of_service" else "", happened_at=at(minute))
        actions.hand_over_shift(session=session, operator=OPERATOR, notes="", handed_to="值班员 乙",
                                happened_at=at(60))
    with clock.frozen(at(90)), read_session(engine) as session:
        report = gather_shift(session, resolve_period(session, shift_id=1))
    assert [(line.code, line.reason) for line in report.out_of_service] == [("A_1", "水泵检修")]


def test_a_resources_moves_are_read_through_their_index(engine: Engine) -> None:
    """The question the handover asks per resource is answered from the index, not by reading moves.

    A test's table is too small for a planner to need an index, and PostgreSQL's planner chooses
    between indexes by cost, so there the question is whether the index can answer the query at all:
    with sequential scans discouraged and the other indexes of the table dropped, inside a transaction
    that is rolled back.
    """
    moved = literal_column(resource_moved(engine.dialect.name))
    query = select(LedgerEntry.seq).where(
        text(RESOURCE_MOVES), moved == "A_1", LedgerEntry.happened_at > START).limit(1)  # type: ignore[arg-type]
    sql = str(query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            plan = " ".join(str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
        else:
            with connection.begin() as transaction:
                others = connection.exec_driver_sql(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'ledger_entry' "
                    "AND indexname NOT IN ('ix_ledger_entry_resource_moves', 'ledger_entry_pkey')").scalars().all()
                for index in others:
                    connection.exec_driver_sql(f'DROP INDEX "{index}"')
                connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
                plan = " ".join(str(row[0]) for row in connection.exec_driver_sql(f"EXPLAIN {sql}"))
                transaction.rollback()
    assert "ix_ledger_entry_resource_moves" in plan
    if engine.dialect.name == "sqlite":
        assert "USING INDEX ix_ledger_entry_resource_moves" in plan
