"""The situation board (指挥大屏): what the command hall reads from across the room, in one read.

Open incidents by level and age, overdue steps and reports upward, resources out of service,
warnings in force, today's figures and the response times behind the chart. Today is the local
calendar day of the configured time zone. Drills are listed (marked) but kept out of every
figure, as DOMAIN.md asks of statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import Select, func, select
from sqlmodel import Session, col

from model.checklist import step_title
from model.config import load_config
from model.figures import p90
from model.lifecycle import OPEN_INCIDENT_STATES, IncidentState, ResourceStatus
from model.queries import open_incident_rows
from model.situation import SituationIncident, resources_with_units
from model.tables import Assignment, Incident, Resource, StepState
from model.upward import UpwardDue, reports_due
from model.warnings_view import warnings_in_force


@dataclass(frozen=True)
class LevelCount:
    level: str | None
    """A configured level's code; None for incidents not graded yet."""
    count: int


@dataclass(frozen=True)
class OverdueStep:
    incident_no: str
    title: str
    responsible: str
    due_at: datetime


@dataclass(frozen=True)
class OutOfService:
    code: str
    name: str
    unit_name: str
    since: datetime | None


@dataclass(frozen=True)
class BoardWarning:
    colour: str
    type: str
    area: str
    expires_at: datetime | None


@dataclass(frozen=True)
class TodayFigures:
    """Counts of real incidents (no drills) since local midnight, and the roster as it stands."""

    received: int
    open: int
    ended: int
    dispatched: int
    on_scene: int
    available: int
    resources: int
    arrival_p90_seconds: float | None
    """90th percentile (nearest rank, `model.figures.p90`) of order → on scene today; None before the first."""


@dataclass(frozen=True)
class BoardSnapshot:
    taken_at: datetime
    day_start: datetime
    levels: tuple[LevelCount, ...]
    incidents: tuple[SituationIncident, ...]
    overdue_steps: tuple[OverdueStep, ...]
    reports_due: tuple[UpwardDue, ...]
    out_of_service: tuple[OutOfService, ...]
    warnings: tuple[BoardWarning, ...]
    figures: TodayFigures
    arrival_minutes: tuple[float, ...]
    """Order → on scene of each of today's arrivals, in minutes, in the order they arrived: the chart."""


def local_day_start(now: datetime) -> datetime:
    """Midnight of `now`'s day in the configured time zone, as an aware instant."""
    tz = load_config().tz
    return datetime.combine(now.astimezone(tz).date(), time(0), tzinfo=tz)


def _count(session: Session, statement: Select[int]) -> int:
    return int(session.execute(statement).scalar_one())


def _overdue_steps(session: Session, now: datetime) -> tuple[OverdueStep, ...]:
    rows = session.execute(select(StepState).join(Incident, col(Incident.no) == col(StepState.incident_no)).where(
        col(StepState.state) == "pending", col(StepState.due_at) < now,
        col(Incident.state).in_([state.value for state in OPEN_INCIDENT_STATES]))
        .order_by(col(StepState.due_at), col(StepState.incident_no))).scalars().all()
    return tuple(OverdueStep(incident_no=row.incident_no, title=step_title(session, row), responsible=row.responsible,
                             due_at=row.due_at) for row in rows if row.due_at is not None)


def _figures(session: Session, day_start: datetime, arrivals: list[float]) -> TodayFigures:
    real = col(Incident.is_drill).is_(False)
    open_states = [state.value for state in OPEN_INCIDENT_STATES]
    statuses: dict[str, int] = {status: int(count) for status, count in session.execute(
        select(col(Resource.status), func.count()).group_by(col(Resource.status)))}
    return TodayFigures(
        received=_count(session, select(func.count()).select_from(Incident).where(
            real, col(Incident.received_at) >= day_start, col(Incident.state) != IncidentState.MERGED.value)),
        open=_count(session, select(func.count()).select_from(Incident).where(
            real, col(Incident.state).in_(open_states))),
        ended=_count(session, select(func.count()).select_from(Incident).where(
            real, col(Incident.ended_at) >= day_start)),
        dispatched=_count(session, select(func.count()).select_from(Assignment).join(
            Incident, col(Incident.no) == col(Assignment.incident_no)).where(
            real, col(Assignment.dispatched_at) >= day_start)),
        on_scene=int(statuses.get(ResourceStatus.ON_SCENE.value, 0)),
        available=int(statuses.get(ResourceStatus.AVAILABLE.value, 0)),
        resources=sum(statuses.values()),
        arrival_p90_seconds=p90(minutes * 60 for minutes in arrivals))


def _arrival_minutes(session: Session, day_start: datetime) -> list[float]:
    rows = session.execute(select(col(Assignment.dispatched_at), col(Assignment.on_scene_at)).join(
        Incident, col(Incident.no) == col(Assignment.incident_no)).where(
        col(Incident.is_drill).is_(False), col(Assignment.on_scene_at) >= day_start)
        .order_by(col(Assignment.on_scene_at), col(Assignment.id))).all()
    return [(on_scene - dispatched).total_seconds() / 60 for dispatched, on_scene in rows if on_scene is not None]


def board_snapshot(session: Session, now: datetime) -> BoardSnapshot:
    """The whole board at `now`, from one session."""
    config = load_config()
    day_start = local_day_start(now)
    rows = open_incident_rows(session, now)
    incidents = tuple(SituationIncident.of(row) for row in rows)
    real = [row for row in rows if not row.is_drill]
    levels = tuple(LevelCount(level=level.code, count=sum(1 for row in real if row.level == level.code))
                   for level in sorted(config.levels, key=lambda item: item.rank))
    levels += (LevelCount(level=None, count=sum(1 for row in real if row.level is None)),)
    out = resources_with_units(session, col(Resource.status) == ResourceStatus.OUT_OF_SERVICE.value)
    arrivals = _arrival_minutes(session, day_start)
    return BoardSnapshot(
        taken_at=now, day_start=day_start, levels=levels, incidents=incidents,
        overdue_steps=_overdue_steps(session, now), reports_due=tuple(reports_due(session, now)),
        out_of_service=tuple(OutOfService(code=resource.code, name=resource.name, unit_name=unit.name,
                                          since=resource.status_since) for resource, unit in out),
        warnings=tuple(BoardWarning(colour=row.colour, type=row.type, area=row.area, expires_at=row.expires_at)
                       for row in warnings_in_force(session, now)),
        figures=_figures(session, day_start, arrivals), arrival_minutes=tuple(arrivals))
