"""The month's assessment (考核): figures per linkage unit and per duty officer.

Real figures count real incidents only; drill incidents count once, as drills taken part in.
- Orders received (a unit) or given (an officer): assignments dispatched in the month.
- Time to acknowledge and to arrive: dispatch → acknowledged, dispatch → on scene, as median and
  90th percentile (nearest rank, `model.figures`).
- Refused: an order cleared without ever being acknowledged. Late: acknowledged after the
  configured `ack_timeout_minutes`, or never acknowledged while still out.
- Overdue steps: plan steps due in the month and settled after their due time, or still open past
  it. A unit's are the steps its kind is responsible for on incidents it was ordered to (or, when
  no unit of that kind was ordered, on every incident of the kind); an officer's are the center's
  steps on the incidents they received.
- Drills taken part in: distinct drills (a scripted drill counts once, a flagged drill incident
  outside one counts as one) a unit was ordered to or an officer made entries in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from model import clock
from model.config import load_config
from model.drill_record import DrillRecord, drill_records
from model.drill_score import score_drill
from model.errors import DomainError
from model.figures import Durations, durations
from model.lifecycle import StepStatus
from model.plans import PlanError
from model.tables import Assignment, Incident, LedgerEntry, Resource, StepState, Unit
from model.text import _


@dataclass(frozen=True)
class Figures:
    orders: int
    acknowledge: Durations
    arrive: Durations
    refused: int
    late: int
    overdue_steps: int
    drills: int


@dataclass(frozen=True)
class UnitFigures:
    code: str
    name: str
    kind: str
    tier: int
    figures: Figures


@dataclass(frozen=True)
class OfficerFigures:
    name: str
    figures: Figures


@dataclass(frozen=True)
class DrillLine:
    drill_id: str
    title_zh: str
    title_en: str
    started_at: datetime
    state: str
    score: float | None


@dataclass(frozen=True)
class Assessment:
    month: str
    start: datetime
    end: datetime
    units: tuple[UnitFigures, ...]
    officers: tuple[OfficerFigures, ...]
    drills: tuple[DrillLine, ...]
    real_incidents: int
    drill_incidents: int


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The local month YYYY-MM as [start, end) in UTC."""
    try:
        year, number = (int(part) for part in month.split("-"))
        start = datetime(year, number, 1, tzinfo=load_config().tz)
    except ValueError as error:
        raise DomainError(_("{month!r} is not a month: write it as YYYY-MM").format(month=month)) from error
    following = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=load_config().tz)
    return clock.as_utc(start), clock.as_utc(following)


def _late(item: Assignment, timeout: timedelta, now: datetime) -> bool:
    if item.acknowledged_at is not None:
        return item.acknowledged_at - item.dispatched_at > timeout
    return item.cleared_at is None and now - item.dispatched_at > timeout


def _figures(orders: list[Assignment], overdue: int, drills: int, timeout: timedelta, now: datetime) -> Figures:
    refused = [item for item in orders if item.acknowledged_at is None and item.cleared_at is not None]
    return Figures(
        orders=len(orders),
        acknowledge=durations((item.dispatched_at, item.acknowledged_at) for item in orders),
        arrive=durations((item.dispatched_at, item.on_scene_at) for item in orders),
        refused=len(refused), late=sum(1 for item in orders if _late(item, timeout, now)),
        overdue_steps=overdue, drills=drills)


def _overdue(step: StepState, now: datetime) -> bool:
    if step.due_at is None:
        return False
    if step.state in (StepStatus.DONE, StepStatus.SKIPPED) or step.completed_at is not None:
        return step.completed_at is not None and step.completed_at > step.due_at
    return step.due_at < now


def assess(session: Session, month: str, now: datetime | None = None) -> Assessment:
    """The month's figures for every unit on the roster and every officer who made entries in it."""
    start, end = month_bounds(month)
    at = min(now or clock.now(), end)
    timeout = timedelta(minutes=load_config().ack_timeout_minutes)
    incidents = {row.no: row for row in session.execute(select(Incident)).scalars()}
    drill_of: dict[str, str] = {}
    records = drill_records(session)
    for record in records:
        for number in record.incident_numbers:
            drill_of[number] = record.drill_id

    def is_drill(number: str | None) -> bool:
        return number is not None and number in incidents and incidents[number].is_drill

    def drill_name(number: str) -> str:
        """The drill an incident belongs to: its scripted drill, else the incident itself."""
        return drill_of.get(number, number)

    orders = list(session.execute(select(Assignment).where(
        Assignment.dispatched_at >= start, Assignment.dispatched_at < end)).scalars())  # type: ignore[arg-type]
    owner = {row.code: row.unit_code for row in session.execute(select(Resource)).scalars()}
    units = list(session.execute(select(Unit).order_by(Unit.tier, Unit.code)).scalars())  # type: ignore[arg-type]
    kind_of_unit = {unit.code: unit.kind for unit in units}
    steps = [step for step in session.execute(select(StepState).where(
        StepState.due_at >= start, StepState.due_at < end)).scalars()  # type: ignore[arg-type, operator]
        if not is_drill(step.incident_no) and _overdue(step, at)]

    ordered_units: dict[str, set[str]] = {}
    for item in orders:
        ordered_units.setdefault(item.incident_no, set()).add(owner.get(item.resource_code, ""))
    unit_lines = []
    for unit in units:
        mine = [item for item in orders if owner.get(item.resource_code) == unit.code]
        real = [item for item in mine if not is_drill(item.incident_no)]
        drills = {drill_name(item.incident_no) for item in mine if is_drill(item.incident_no)}
        overdue = 0
        for step in steps:
            if step.responsible != unit.kind:
                continue
            sent = ordered_units.get(step.incident_no, set())
            same_kind = {code for code in sent if kind_of_unit.get(code) == unit.kind}
            if unit.code in same_kind or not same_kind:
                overdue += 1
        unit_lines.append(UnitFigures(unit.code, unit.name, unit.kind, unit.tier,
                                      _figures(real, overdue, len(drills), timeout, at)))

    authors = session.execute(select(LedgerEntry.operator, LedgerEntry.incident_no).where(  # type: ignore[call-overload]
        LedgerEntry.happened_at >= start, LedgerEntry.happened_at < end,
        LedgerEntry.incident_no.is_not(None))).all()  # type: ignore[union-attr]
    officers: dict[str, set[str]] = {}
    for operator, number in authors:
        officers.setdefault(operator, set())
        if number is not None and is_drill(number):
            officers[operator].add(drill_name(number))
    for item in orders:
        officers.setdefault(item.dispatched_by, set())
    officer_lines = []
    for name in sorted(officers):
        given = [item for item in orders if item.dispatched_by == name and not is_drill(item.incident_no)]
        overdue = sum(1 for step in steps if step.responsible == "center"
                      and incidents.get(step.incident_no) is not None
                      and incidents[step.incident_no].received_by == name)
        officer_lines.append(OfficerFigures(name, _figures(given, overdue, len(officers[name]), timeout, at)))

    month_incidents = [row for row in incidents.values() if start <= row.received_at < end and row.state != "merged"]
    return Assessment(
        month=month, start=start, end=end, units=tuple(unit_lines), officers=tuple(officer_lines),
        drills=tuple(_drill_lines(session, [record for record in records if start <= record.started_at < end], at)),
        real_incidents=sum(1 for row in month_incidents if not row.is_drill),
        drill_incidents=sum(1 for row in month_incidents if row.is_drill))


def _drill_lines(session: Session, records: list[DrillRecord], now: datetime) -> list[DrillLine]:
    lines = []
    for record in records:
        try:
            score: float | None = score_drill(session, record, now).score
        except PlanError:
            score = None
        lines.append(DrillLine(record.drill_id, record.title_zh, record.title_en,
                               record.started_at, record.state, score))
    return lines
