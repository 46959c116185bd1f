"""Steps that arrive already done: the work a new level's steps ask for may be in the ledger already.

A command post opened or a first report sent before the plan was activated (or before a regrade
added the level that asks for it) settles the new step at once, by the entry that did the work,
so working the step never records the work twice.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from model.fulfilment import Work, settled_steps
from model.lifecycle import StepStatus
from model.tables import Expert, LedgerEntry, StepState, Unit

PRIOR_KINDS = ("command_post_opened", "upward_report", "units_notified", "experts_called", "warning_issued")
"""Entries whose work can come before the step that asks for it."""


def _work(session: Session, kind: str, facts: dict[str, Any]) -> Work:
    if kind == "upward_report":
        return Work(kind, report=facts.get("kind"))
    if kind == "units_notified":
        kinds = session.execute(select(col(Unit.kind)).where(col(Unit.code).in_(facts.get("units", [])))).scalars()
        return Work(kind, unit_kinds=frozenset(kinds))
    if kind == "experts_called":
        fields = session.execute(select(col(Expert.field)).where(col(Expert.id).in_(facts.get("experts",
                                                                                              [])))).scalars()
        return Work(kind, expert_fields=frozenset(fields))
    if kind == "warning_issued":
        return Work(kind, colour=facts.get("colour"))
    return Work(kind)


def settle_from_record(session: Session, incident_no: str, rows: Sequence[StepState]) -> None:
    """Mark the new `rows` (not yet written) done where an earlier entry of the incident did their work.

    Recurring steps are left to count from now: their first round is the work still to come.
    """
    candidates = [row for row in rows if row.interval_minutes is None]
    if not candidates:
        return
    entries = session.execute(select(LedgerEntry).where(
        col(LedgerEntry.incident_no) == incident_no, col(LedgerEntry.kind).in_(PRIOR_KINDS))
        .order_by(col(LedgerEntry.seq))).scalars().all()
    for entry in entries:
        facts = json.loads(entry.payload)["facts"]
        for row in settled_steps(candidates, _work(session, entry.kind, facts)):
            row.state, row.settled_by = StepStatus.DONE.value, entry.seq
            row.completed_at, row.completed_by = entry.happened_at, entry.operator
