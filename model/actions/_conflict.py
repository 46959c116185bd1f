"""Naming who got there first: the entry behind a refusal when two seats act on one thing at once.

Two seats ordering the same resource, or grading or ending the same incident, are serialized by
the write lock: the second reads the state the first left and is refused. "Already dispatched"
alone leaves the second officer guessing; these read the last entry that changed the row, so the
refusal says who did what and when.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlmodel import Session

from model.tables import LedgerEntry, Resource
from model.text import _
from model.timefmt import DAY_TIME_SECONDS, show

LEVEL_MOVES = ("incident_graded", "incident_regraded")
"""Entries that give an incident its level."""
STATE_MOVES = ("incident_verified", "incident_false_alarm", "incident_merged", "plan_activated",
               "incident_ended", "incident_closed")
"""Entries that move an incident from one state to another."""
RESOURCE_MOVES = ("resource_dispatched", "resource_status", "resource_corrected")


def _said(session: Session, entry: LedgerEntry) -> str:
    from model.timeline import entry_sentence

    return _("; {operator} recorded “{what}” at {time} (entry {seq})").format(
        operator=entry.operator, what=entry_sentence(session, entry),
        time=show(entry.happened_at, DAY_TIME_SECONDS), seq=entry.seq)


def last_changed(session: Session, incident_no: str, kinds: tuple[str, ...]) -> str:
    """'; who recorded what at when (entry N)' for the incident's newest entry of these kinds, or ''."""
    entry = session.execute(select(LedgerEntry).where(
        LedgerEntry.incident_no == incident_no, LedgerEntry.kind.in_(kinds))  # type: ignore[arg-type, attr-defined]
        .order_by(LedgerEntry.seq.desc()).limit(1)).scalars().first()  # type: ignore[attr-defined]
    return _said(session, entry) if entry is not None else ""


def resource_last_changed(session: Session, row: Resource) -> str:
    """The same for the entry that gave a resource its status: the move stamped with its `status_since`."""
    if row.status_since is None:
        return ""
    candidates = session.execute(select(LedgerEntry).where(
        LedgerEntry.happened_at == row.status_since, LedgerEntry.kind.in_(RESOURCE_MOVES))  # type: ignore[arg-type, attr-defined]
        .order_by(LedgerEntry.seq.desc())).scalars().all()  # type: ignore[attr-defined]
    for entry in candidates:
        if json.loads(entry.payload)["facts"].get("resource") == row.code:
            return _said(session, entry)
    return ""
