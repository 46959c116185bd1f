"""What the console's workflows read before they open a form: known places, unit names, the
people a step calls, the open shift, the warnings, one incident's record. Plain dataclasses, read
in a worker; nothing here is attached to a session.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import Session, col

from model.lookups import incident, open_shift
from model.tables import Expert, Incident, LedgerEntry, Unit
from model.warnings_view import all_warnings, status

if TYPE_CHECKING:
    from model.timeline import TimelineLine

Places = dict[str, tuple[float | None, float | None]]
"""Known places by address, with their coordinates where the roster or an earlier report has them."""


@dataclass(frozen=True)
class UnitContact:
    code: str
    name: str
    kind: str
    duty_phone: str
    contact: str


@dataclass(frozen=True)
class ExpertContact:
    id: int
    name: str
    field: str
    phone: str
    title: str


@dataclass(frozen=True)
class ShiftRow:
    name: str
    officers: str


@dataclass(frozen=True)
class WarningRow:
    """One warning as the desk's warnings view lists it and its update form starts from."""

    id: int
    colour: str
    type: str
    area: str
    status: str
    expires_at: datetime | None
    text_zh: str
    text_en: str
    incident_no: str | None
    is_drill: bool


@dataclass(frozen=True)
class IncidentRecord:
    """One incident as received and worked: what the incident screen's head and the incident report show."""

    no: str
    level: str | None
    type: str
    state: str
    is_drill: bool
    address: str
    received_at: datetime
    occurred_at: datetime | None
    verified_at: datetime | None
    activated_at: datetime | None
    ended_at: datetime | None
    channel: str
    caller_name: str
    caller_unit: str
    caller_phone: str
    people_affected: int | None
    injured: int | None
    deaths: int | None
    losses: str
    trend: str
    measures_taken: str
    description: str


def known_places(session: Session) -> Places:
    """Addresses the desk already knows: units' duty addresses, then earlier incidents' places, newest first."""
    places: Places = {}
    units = select(col(Unit.address), col(Unit.lat), col(Unit.lon)).where(col(Unit.address) != "")
    for address, lat, lon in session.execute(units):
        places.setdefault(address, (lat, lon))
    incidents = select(col(Incident.address), col(Incident.lat), col(Incident.lon))
    for address, lat, lon in session.execute(incidents.order_by(col(Incident.received_at).desc()).limit(500)):
        places.setdefault(address, (lat, lon))
    return places


def unit_names(session: Session) -> dict[str, str]:
    """Unit codes by the unit's name, for naming a unit in a form instead of typing its code."""
    names = select(col(Unit.code), col(Unit.name)).order_by(col(Unit.name))
    return {name: code for code, name in session.execute(names)}


def last_move(session: Session, resource_code: str, operator: str) -> int | None:
    """The seq of the newest status move of a resource that this desk's operator entered, if any."""
    moves = session.execute(select(col(LedgerEntry.seq), col(LedgerEntry.payload)).where(
        col(LedgerEntry.kind) == "resource_status", col(LedgerEntry.operator) == operator)
        .order_by(col(LedgerEntry.seq).desc()).limit(200))
    return next((seq for seq, payload in moves if json.loads(payload)["facts"].get("resource") == resource_code), None)


def units_of_kinds(session: Session, kinds: list[str]) -> list[UnitContact]:
    """The duty offices of the units of these kinds, first tier first: whom a notify step calls."""
    rows = session.execute(select(Unit).where(col(Unit.kind).in_(kinds)).order_by(col(Unit.tier))).scalars()
    return [UnitContact(row.code, row.name, row.kind, row.duty_phone, row.contact) for row in rows]


def experts_of_fields(session: Session, fields: list[str]) -> list[ExpertContact]:
    """The experts of these fields: whom an experts step calls."""
    rows = session.execute(select(Expert).where(col(Expert.field).in_(fields))).scalars()
    return [ExpertContact(row.id, row.name, row.field, row.phone, row.title) for row in rows]


def current_shift(session: Session) -> ShiftRow | None:
    shift = open_shift(session)
    return ShiftRow(shift.name, shift.officers) if shift is not None else None


def warning_rows(session: Session, now: datetime) -> list[WarningRow]:
    """Every warning, in force first (see `model.warnings_view.all_warnings`), with its standing at `now`."""
    return [WarningRow(row.id, row.colour, row.type, row.area, status(row, now), row.expires_at, row.text_zh,
                       row.text_en, row.incident_no, row.is_drill) for row in all_warnings(session, now)]


def incident_record(session: Session, incident_no: str) -> IncidentRecord:
    return record_of(incident(session, incident_no))


def record_of(row: Incident) -> IncidentRecord:
    """The incident row as the record the screen and the report read."""
    return IncidentRecord(
        no=row.no, level=row.level, type=row.type, state=row.state, is_drill=row.is_drill, address=row.address,
        received_at=row.received_at, occurred_at=row.occurred_at, verified_at=row.verified_at,
        activated_at=row.activated_at, ended_at=row.ended_at, channel=row.channel, caller_name=row.caller_name,
        caller_unit=row.caller_unit, caller_phone=row.caller_phone, people_affected=row.people_affected,
        injured=row.injured, deaths=row.deaths, losses=row.losses, trend=row.trend,
        measures_taken=row.measures_taken, description=row.description)


def incident_details(session: Session, incident_no: str) -> tuple[IncidentRecord, list[TimelineLine]]:
    """The incident screen's read: the record as received, and every entry as a sentence."""
    from model.timeline import incident_timeline

    return incident_record(session, incident_no), incident_timeline(session, incident_no)
