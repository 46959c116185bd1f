"""What a desk's ledger follower reads: which incidents and tables the entries after a seq touched,
and what a write of this desk did, as read models (the desk shows it before any re-read: the
incident's queue row, the status bar's figures and the incident's plan pane, so that the
follower's read-back finds nothing on screen to change unless another desk wrote meanwhile).

The entries' own changes say what they touched (each change names its table and key), so the
follower re-reads an incident only when an entry changed it, and the roster only when a resource,
unit or assignment changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from model.plan_read import load_plan_view
from model.plan_view import PlanView
from model.queries import (
    DeskFigures,
    IncidentRow,
    desk_figures,
    desk_incident_rows,
    desk_incidents,
    desk_order,
    pending_deadlines,
)
from model.tables import LedgerEntry

ROSTER_TABLES = frozenset({"resource", "unit", "assignment"})
"""Tables whose change moves what the roster shows."""
PLAN_TABLES = frozenset({"unit", "expert"})
"""Tables whose change moves a plan pane of any incident (the names in its settlements)."""
SHIFT_TABLE = "shift"
"""The table a shift's start and handover change: the desk's seat is the open shift's."""


@dataclass(frozen=True)
class LedgerDelta:
    """The entries after a seq, summed up: the new head, the incidents and tables they touched."""

    head_seq: int
    incidents: frozenset[str]
    tables: frozenset[str]
    complete: bool
    """False when more entries followed than were read: the follower reads everything afresh."""


@dataclass(frozen=True)
class WriteEcho:
    """What one write of this desk did, read in its own session right after it committed."""

    head_seq: int
    incident_no: str | None
    """The incident the write made or worked (a new report's number), if any."""
    incident: IncidentRow | None
    """That incident's queue row now; None when the queue no longer shows it (closed, merged)."""
    figures: DeskFigures
    """The status bar's figures as of `head_seq` (a new report is one more open incident)."""
    plan: PlanView | None
    """That incident's plan pane now; None when the queue no longer shows it."""


@dataclass(frozen=True)
class DeskRead:
    """The queue, the status bar's figures and the pending deadlines, as of `head_seq` or later."""

    head_seq: int
    incidents: tuple[IncidentRow, ...]
    figures: DeskFigures
    deadlines: tuple[tuple[str, str, datetime], ...]


def desk_read(session: Session, now: datetime) -> DeskRead:
    """Everything the queue and the status bar show, read afresh (the head first: the rows are as new or newer)."""
    seq = head_seq(session)
    return DeskRead(seq, tuple(desk_incident_rows(session, now)), desk_figures(session, now),
                    tuple(pending_deadlines(session)))


def desk_patch(session: Session, rows: tuple[IncidentRow, ...], delta: LedgerDelta, now: datetime) -> DeskRead:
    """`rows` with the incidents `delta` touched read again (dropped when they left the queue), in queue order."""
    found = desk_incidents(session, delta.incidents, now)
    kept = [row for row in rows if row.no not in found]
    fresh = [row for row in found.values() if row is not None]
    return DeskRead(delta.head_seq, tuple(desk_order(kept + fresh)), desk_figures(session, now),
                    tuple(pending_deadlines(session)))


def head_seq(session: Session) -> int:
    return int(session.execute(select(func.coalesce(func.max(LedgerEntry.seq), 0))).scalar_one())


def ledger_delta(session: Session, after_seq: int, limit: int = 500) -> LedgerDelta:
    """What the entries after `after_seq` touched (at most `limit` of them are read)."""
    statement = (select(col(LedgerEntry.seq), col(LedgerEntry.incident_no), col(LedgerEntry.payload))
                 .where(col(LedgerEntry.seq) > after_seq).order_by(col(LedgerEntry.seq)).limit(limit + 1))
    rows = session.execute(statement).all()
    if len(rows) > limit:
        return LedgerDelta(int(rows[limit - 1][0]), frozenset(), frozenset(), complete=False)
    incidents: set[str] = set()
    tables: set[str] = set()
    for _seq, incident_no, payload in rows:
        if incident_no:
            incidents.add(incident_no)
        for change in json.loads(payload)["changes"]:
            tables.add(change["table"])
            if change["table"] == "incident":
                incidents.add(str(change["key"]["no"]))
            if change["values"].get("incident_no"):
                incidents.add(str(change["values"]["incident_no"]))
    head = int(rows[-1][0]) if rows else after_seq
    return LedgerDelta(head, frozenset(incidents), frozenset(tables), complete=True)


def write_echo(session: Session, result: object, now: datetime) -> WriteEcho:
    """The write's own result as read models: the incident it made or worked as the queue and the plan
    pane show it now, and the status bar's figures (the head first: what follows is as new or newer)."""
    number = getattr(result, "no", None) if hasattr(result, "received_at") else getattr(result, "incident_no", None)
    incident_no = number if isinstance(number, str) else None
    seq = head_seq(session)
    row = desk_incidents(session, [incident_no], now)[incident_no] if incident_no else None
    plan = load_plan_view(session, incident_no, now) if incident_no and row is not None else None
    return WriteEcho(seq, incident_no, row, desk_figures(session, now), plan)
