"""What the state tables looked like at a past moment, read back from the ledger.

A report printed after the handover must show the desk as it was at the handover, not as it is
now; the ledger records every change with the time it happened, so replaying the relevant
changes up to that moment gives the state then.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import literal_column, select, text
from sqlmodel import Session, col

from model.backend import out_of_service_moves, resource_moved
from model.tables import RESOURCE_MOVES, LedgerEntry


@dataclass(frozen=True)
class IncidentStatus:
    state: str
    level: str | None


@dataclass(frozen=True)
class OutOfService:
    """A resource that was out of service (停用) at the moment, since when and why."""

    code: str
    since: datetime
    reason: str


def _entries(session: Session, until: datetime, kinds: Iterable[str] | None = None,
             incident_nos: Iterable[str] | None = None) -> list[LedgerEntry]:
    statement = select(LedgerEntry).where(col(LedgerEntry.happened_at) <= until)
    if kinds is not None:
        statement = statement.where(col(LedgerEntry.kind).in_(list(kinds)))
    if incident_nos is not None:
        statement = statement.where(col(LedgerEntry.incident_no).in_(list(incident_nos)))
    statement = statement.order_by(col(LedgerEntry.happened_at), col(LedgerEntry.seq))
    return list(session.execute(statement).scalars())


def incident_status_at(session: Session, incident_nos: Iterable[str], until: datetime) -> dict[str, IncidentStatus]:
    """State and level of each incident at `until`, from the incident changes entered up to then."""
    wanted = set(incident_nos)
    values: dict[str, dict[str, object]] = {}
    for entry in _entries(session, until, incident_nos=wanted):
        for change in json.loads(entry.payload)["changes"]:
            number = change["key"].get("no")
            if change["table"] == "incident" and number in wanted:
                values.setdefault(number, {}).update(
                    {name: change["values"][name] for name in ("state", "level") if name in change["values"]})
    return {number: IncidentStatus(str(found["state"]), found.get("level"))  # type: ignore[arg-type]
            for number, found in values.items() if "state" in found}


def out_of_service_at(session: Session, until: datetime) -> list[OutOfService]:
    """Resources whose last status move at or before `until` took them out of service.

    Such moves are rare: the partial index of them names the candidates without reading the year's
    status moves, and each candidate is out of service unless a later move up to `until` brought it
    back, which one short read of that resource's own moves (indexed by its code) tells.
    """
    moves = session.execute(
        select(col(LedgerEntry.seq), col(LedgerEntry.happened_at), col(LedgerEntry.payload))
        .where(text(out_of_service_moves(session.get_bind().dialect.name)), col(LedgerEntry.happened_at) <= until)
        .order_by(col(LedgerEntry.happened_at), col(LedgerEntry.seq)))
    latest: dict[str, tuple[int, datetime, str]] = {}
    for seq, happened_at, payload in moves:
        facts = json.loads(payload)["facts"]
        latest[facts["resource"]] = (seq, happened_at, facts.get("reason", ""))
    return [OutOfService(code, since, reason) for code, (seq, since, reason) in sorted(latest.items())
            if not _moved_after(session, code, seq, since, until)]


def _moved_after(session: Session, code: str, seq: int, since: datetime, until: datetime) -> bool:
    """Whether resource `code` had a status move after entry `seq` (at `since`) and by `until`.

    Read from the index of each resource's moves: the moved resource's code compared whole, never
    a piece of the payload's text.
    """
    happened_at = col(LedgerEntry.happened_at)
    later = select(col(LedgerEntry.seq)).where(
        text(RESOURCE_MOVES), literal_column(resource_moved(session.get_bind().dialect.name)) == code,
        happened_at <= until, (happened_at > since) | ((happened_at == since) & (col(LedgerEntry.seq) > seq)),
    ).limit(1)
    return session.execute(later).first() is not None
