"""Read models for the console and the CLI: plain dataclasses, never rows attached to a session."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from model.config import load_config
from model.lifecycle import OPEN_INCIDENT_STATES, IncidentState, ResourceStatus
from model.lookups import in_force, open_shift
from model.read_models import DESK_STATES as DESK_STATES
from model.read_models import OPEN_STATES as OPEN_STATES
from model.read_models import DeskFigures as DeskFigures
from model.read_models import IncidentRow as IncidentRow
from model.read_models import ResourceRow as ResourceRow
from model.read_models import desk_order as desk_order
from model.tables import (
    Assignment,
    Incident,
    LedgerEntry,
    Resource,
    StepState,
    Unit,
    WarningNotice,
)

if TYPE_CHECKING:
    from model.dispatching import DispatchChoices
    from model.timeline import TimelineLine


@dataclass(frozen=True)
class TimelineRow:
    seq: int
    happened_at: datetime
    entered_at: datetime
    operator: str
    kind: str
    facts: dict[str, Any]


def _incident_row(incident: Incident, overdue: int) -> IncidentRow:
    return IncidentRow(no=incident.no, level=incident.level, type=incident.type, address=incident.address,
                       state=incident.state, received_at=incident.received_at, is_drill=incident.is_drill,
                       received_by=incident.received_by, overdue_steps=overdue,
                       description=incident.description, lat=incident.lat, lon=incident.lon)


def _overdue_by_incident(session: Session, now: datetime, numbers: list[str] | None = None) -> dict[str, int]:
    statement = (select(StepState.incident_no, func.count())
                 .where(StepState.state == "pending", col(StepState.due_at) < now)
                 .group_by(StepState.incident_no))
    if numbers is not None:
        statement = statement.where(col(StepState.incident_no).in_(numbers))
    return {no: count for no, count in session.execute(statement)}


def open_incident_rows(session: Session, now: datetime) -> list[IncidentRow]:
    """Open incidents, most severe level first, then oldest first."""
    overdue = _overdue_by_incident(session, now)
    rows = session.execute(select(Incident).where(col(Incident.state).in_(OPEN_STATES))).scalars().all()
    return desk_order([_incident_row(row, overdue.get(row.no, 0)) for row in rows])


def desk_incident_rows(session: Session, now: datetime) -> list[IncidentRow]:
    """What the duty desk still has to work: open incidents, then ended ones waiting to be closed."""
    ended = session.execute(select(Incident).where(Incident.state == IncidentState.ENDED.value)).scalars().all()
    return open_incident_rows(session, now) + desk_order(_incident_row(row, 0) for row in ended)


def desk_incidents(session: Session, numbers: Iterable[str], now: datetime) -> dict[str, IncidentRow | None]:
    """The queue rows of these incidents now; None for one the queue no longer shows (closed, merged)."""
    wanted = sorted(set(numbers))
    found: dict[str, IncidentRow | None] = dict.fromkeys(wanted)
    if not wanted:
        return found
    overdue = _overdue_by_incident(session, now, wanted)
    rows = session.execute(select(Incident).where(col(Incident.no).in_(wanted),
                                                  col(Incident.state).in_(DESK_STATES))).scalars()
    for row in rows:
        found[row.no] = _incident_row(row, overdue.get(row.no, 0) if row.state in OPEN_STATES else 0)
    return found


def search_incidents(session: Session, text: str, limit: int = 200) -> list[IncidentRow]:
    """Incidents of any state whose number, address, type or description contains `text`, newest first."""
    pattern = f"%{text.strip()}%"
    rows = session.execute(select(Incident).where(or_(
        Incident.no.like(pattern), Incident.address.like(pattern),  # type: ignore[attr-defined]
        Incident.description.like(pattern), Incident.type.like(pattern)))  # type: ignore[attr-defined]
        .order_by(Incident.received_at.desc()).limit(limit)).scalars().all()  # type: ignore[attr-defined]
    return [_incident_row(row, 0) for row in rows]


def roster_rows(session: Session) -> list[ResourceRow]:
    """Every resource with its unit, tier first then unit then code."""
    statement = (select(Resource, Unit, Assignment)
                 .join(Unit, Unit.code == Resource.unit_code)  # type: ignore[arg-type]
                 .outerjoin(Assignment, Assignment.id == Resource.assignment_id)  # type: ignore[arg-type]
                 .order_by(Unit.tier, Unit.code, Resource.code))
    rows = []
    for resource, unit, assignment in session.execute(statement):
        waiting = (assignment.dispatched_at if assignment is not None
                   and resource.status == ResourceStatus.DISPATCHED else None)
        rows.append(ResourceRow(code=resource.code, name=resource.name, type=resource.type,
                                unit_code=unit.code, unit_name=unit.name, kind=unit.kind, tier=unit.tier,
                                status=resource.status, status_since=resource.status_since,
                                incident_no=resource.incident_no, unacknowledged_since=waiting))
    return rows


def desk_figures(session: Session, now: datetime) -> DeskFigures:
    """The status bar's counts: real incidents and warnings only, drills being kept out of every figure."""
    open_count = session.execute(select(func.count()).select_from(Incident).where(
        Incident.state.in_([state.value for state in OPEN_INCIDENT_STATES]),  # type: ignore[attr-defined]
        Incident.is_drill.is_(False))).scalar_one()  # type: ignore[attr-defined]
    available = session.execute(select(func.count()).select_from(Resource).where(
        Resource.status == ResourceStatus.AVAILABLE.value)).scalar_one()
    warnings = session.execute(select(WarningNotice).where(WarningNotice.state != "lifted")).scalars().all()
    shift = open_shift(session)
    return DeskFigures(open_incidents=int(open_count), available_resources=int(available),
                       warnings_in_force=sum(1 for row in warnings if in_force(row, now) and not row.is_drill),
                       shift_name=shift.name if shift else "", officers=shift.officers if shift else "")


def pending_deadlines(session: Session) -> list[tuple[str, str, datetime]]:
    """(incident, step, due) of every pending step with a deadline in an open incident: the alarm's input."""
    statement = (select(StepState.incident_no, StepState.step_id, StepState.due_at)
                 .join(Incident, Incident.no == StepState.incident_no)  # type: ignore[arg-type]
                 .where(StepState.state == "pending", StepState.due_at.is_not(None),  # type: ignore[union-attr]
                        Incident.state.in_([state.value for state in OPEN_INCIDENT_STATES])))  # type: ignore[attr-defined]
    return [(no, step, due) for no, step, due in session.execute(statement)]


def timeline(session: Session, incident_no: str) -> list[TimelineRow]:
    """Every ledger entry of an incident, in the order it was recorded."""
    entries = session.execute(select(LedgerEntry).where(LedgerEntry.incident_no == incident_no)
                              .order_by(LedgerEntry.seq)).scalars().all()  # type: ignore[arg-type]
    return [TimelineRow(seq=entry.seq, happened_at=entry.happened_at, entered_at=entry.entered_at,
                        operator=entry.operator, kind=entry.kind, facts=json.loads(entry.payload)["facts"])
            for entry in entries]


def dispatch_choices(session: Session, incident_no: str, wanted: dict[str, int] | None = None,
                     step_id: str | None = None) -> DispatchChoices:
    """What `d` offers: the recommended resources first, then the rest (see model.dispatching)."""
    from model.dispatching import dispatch_choices as choices

    return choices(session, incident_no, wanted, step_id)


def incident_timeline(session: Session, incident_no: str) -> list[TimelineLine]:
    """Every ledger entry of an incident as a sentence in the desk's language (see model.timeline)."""
    from model.timeline import incident_timeline as lines

    return lines(session, incident_no)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine); good enough at a district's scale."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def duplicate_candidates(session: Session, *, type: str, address: str, lat: float | None, lon: float | None,
                         now: datetime, within: timedelta = timedelta(hours=24)) -> list[IncidentRow]:
    """Open incidents of the same type at the same address or within the configured distance."""
    limit = load_config().merge_distance_m
    rows = session.execute(select(Incident).where(
        Incident.type == type, Incident.received_at >= now - within,  # type: ignore[operator]
        Incident.state.in_([state.value for state in OPEN_INCIDENT_STATES]))).scalars().all()  # type: ignore[attr-defined]
    found = []
    for row in rows:
        same_place = row.address.strip() == address.strip()
        near = (None not in (lat, lon, row.lat, row.lon)
                and distance_m(lat, lon, row.lat, row.lon) <= limit)  # type: ignore[arg-type]
        if same_place or near:
            found.append(_incident_row(row, 0))
    return found
