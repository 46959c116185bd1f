"""Two seats acting on the same thing at the same moment: one wins, the other is told who did what.

Each seat is a thread with its own session, released together by a barrier; the write lock
(BEGIN IMMEDIATE on SQLite, the append advisory lock on PostgreSQL) makes the second read the
state the first left, so the refusal names the winner's entry.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from model import actions, ledger
from model.db import read_session, write_session
from model.errors import DomainError


def race(engine: Engine, seats: dict[str, Callable[..., Any]]) -> dict[str, Any]:
    """Run each seat's action at once; what each got back (its result or its refusal)."""
    barrier = threading.Barrier(len(seats))
    outcome: dict[str, Any] = {}

    def seat(operator: str, act: Callable[..., Any]) -> None:
        with write_session(engine) as session:
            barrier.wait()
            try:
                outcome[operator] = act(session=session, operator=operator)
            except DomainError as refusal:
                outcome[operator] = refusal

    threads = [threading.Thread(target=seat, args=item) for item in seats.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcome


def one_refusal(outcome: dict[str, Any]) -> tuple[str, str, DomainError]:
    """(winner, loser, the loser's refusal); fails unless exactly one seat was refused."""
    refused = [name for name, got in outcome.items() if isinstance(got, DomainError)]
    assert len(refused) == 1, outcome
    winner = next(name for name in outcome if name not in refused)
    return winner, refused[0], outcome[refused[0]]


def chain_holds(engine: Engine) -> int:
    with read_session(engine) as session:
        report = ledger.verify(session)
    assert report.ok, report.problem
    return report.entries


def test_two_seats_ordering_one_resource_one_wins_the_other_is_told_who(engine: Engine, incident_no: str) -> None:
    before = chain_holds(engine)
    outcome = race(engine, {seat: lambda seat=seat, **kw: actions.dispatch_resource(
        incident_no=incident_no, resource_code="E1", **kw) for seat in ("li", "wang")})
    winner, _loser, refusal = one_refusal(outcome)
    said = str(refusal)
    assert "E1" in said and "dispatched" in said
    assert winner in said, "the refusal names who ordered it"
    assert chain_holds(engine) == before + 1


def test_two_seats_grading_one_incident_one_wins(engine: Engine, incident_no: str) -> None:
    outcome = race(engine, {"li": lambda **kw: actions.grade(incident_no=incident_no, level="III", **kw),
                            "wang": lambda **kw: actions.grade(incident_no=incident_no, level="IV", **kw)})
    winner, _loser, refusal = one_refusal(outcome)
    assert "already level" in str(refusal) and winner in str(refusal) and "graded" in str(refusal)


def test_two_seats_ending_one_incident_one_wins(engine: Engine, incident_no: str) -> None:
    with write_session(engine) as session:
        actions.grade(session=session, operator="li", incident_no=incident_no, level="IV")
    outcome = race(engine, {seat: lambda **kw: actions.end_incident(incident_no=incident_no, summary="火已扑灭", **kw)
                            for seat in ("li", "wang")})
    winner, _loser, refusal = one_refusal(outcome)
    assert "cannot become" in str(refusal) and winner in str(refusal)
    chain_holds(engine)
