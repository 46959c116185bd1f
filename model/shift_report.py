"""Gather everything the shift report (交接班报告) carries, as plain data, from the tables and the ledger.

The report is an activity log of the period (ICS-214) plus the status of everything still open at
its end. Figures leave drills out unless asked; the incident table always lists them, marked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session, col

from model import clock
from model.checklist import english_texts
from model.config import load_config
from model.errors import DomainError
from model.figures import Durations, durations
from model.history import IncidentStatus, OutOfService, incident_status_at, out_of_service_at
from model.ledger import Head, head
from model.shift_periods import latest_shift, pattern_period, shifts_between
from model.sign_ins import SignIn, sign_ins
from model.tables import (
    Approval,
    Assignment,
    Incident,
    LedgerEntry,
    PlanActivation,
    Report,
    Resource,
    Shift,
    StepState,
    Unit,
    WarningNotice,
)
from model.text import _


@dataclass(frozen=True)
class Period:
    """The reported interval [start, end), and the recorded shift it is, if it is one."""

    start: datetime
    end: datetime
    name: str
    shift_id: int | None = None


@dataclass(frozen=True)
class IncidentLine:
    no: str
    received_at: datetime
    type: str
    level: str | None
    state: str
    is_drill: bool
    address: str
    description: str
    units: tuple[str, ...]
    first_dispatch_at: datetime | None
    first_on_scene_at: datetime | None
    ended_at: datetime | None
    merged_into: str | None


@dataclass(frozen=True)
class StepLine:
    """A plan step still pending at the end of the period; overdue when its deadline has passed."""

    incident_no: str
    step_id: str
    text: str
    responsible: str
    due_at: datetime | None
    overdue: bool
    approval_by: str
    is_drill: bool


@dataclass(frozen=True)
class WarningLine:
    id: int
    colour: str
    type: str
    area: str
    text_zh: str
    text_en: str
    effective_at: datetime
    expires_at: datetime | None
    is_drill: bool


@dataclass(frozen=True)
class ResourceLine:
    code: str
    name: str
    unit: str
    since: datetime
    reason: str


@dataclass(frozen=True)
class ShiftReport:
    """The whole shift report as data: renderers only lay it out."""

    center_name: str
    center_name_en: str
    period: Period
    officers: tuple[str, ...]
    handed_to: str
    handover_notes: tuple[str, ...]
    printed_at: datetime
    include_drills: bool
    drills_left_out: int
    reports_by_channel: tuple[tuple[str, int], ...]
    reports_by_type: tuple[tuple[str, int], ...]
    incidents_by_level: tuple[tuple[str | None, int], ...]
    dispatches: int
    receive_to_dispatch: Durations
    dispatch_to_acknowledged: Durations
    dispatch_to_on_scene: Durations
    incidents: tuple[IncidentLine, ...]
    pending_steps: tuple[StepLine, ...]
    awaited_approvals: tuple[StepLine, ...]
    warnings: tuple[WarningLine, ...]
    out_of_service: tuple[ResourceLine, ...]
    reports_per_hour: tuple[tuple[datetime, int], ...]
    head: Head | None
    """The ledger's newest entry when the report was gathered: the paper's anchor on the chain."""
    seated: tuple[SignIn, ...] = ()
    """Who signed in at which seat during the shift's duty periods, in the order they did."""

    @property
    def reports_received(self) -> int:
        return sum(count for _, count in self.reports_by_channel)

    @property
    def is_empty(self) -> bool:
        """Nothing was received and nothing was worked in the period."""
        return not self.incidents and self.reports_received == 0


def resolve_period(session: Session, *, shift_id: int | None = None, start: datetime | None = None,
                   end: datetime | None = None, now: datetime | None = None) -> Period:
    """The period asked for: a recorded shift, an explicit interval, else the current or last shift.

    With no shift recorded at all, the configured pattern that contains now stands in, so a new
    desk still gets a report of its working hours.
    """
    moment = now or clock.now()
    if shift_id is not None:
        row = session.get(Shift, shift_id)
        if row is None:
            raise DomainError(_("shift {id} does not exist").format(id=shift_id))
        return _shift_period(row, moment)
    if start is not None or end is not None:
        if start is None or end is None:
            raise DomainError(_("give both --from and --to, or neither"))
        if end <= start:
            raise DomainError(_("the period must end after it starts"))
        return Period(clock.as_utc(start), clock.as_utc(end), "")
    row = latest_shift(session)
    if row is not None:
        return _shift_period(row, moment)
    pattern = pattern_period(moment)
    return Period(pattern.start, min(pattern.end, moment), pattern.name)


def _shift_period(row: Shift, now: datetime) -> Period:
    return Period(row.started_at, row.ended_at or max(now, row.started_at), row.name, row.id)


def _counts(values: list[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(Counter(values).items(), key=lambda item: (-item[1], item[0])))


def _hours(start: datetime, end: datetime, times: list[datetime]) -> tuple[tuple[datetime, int], ...]:
    """Reports per local clock hour, every hour of the period shown, empty ones too."""
    tz = load_config().tz
    first = start.astimezone(tz).replace(minute=0, second=0, microsecond=0)
    buckets: list[datetime] = []
    hour = first
    while hour < end:
        buckets.append(hour)
        hour = (hour.astimezone(tz) + timedelta(hours=1)).astimezone(tz)
    counted = Counter(moment.astimezone(tz).replace(minute=0, second=0, microsecond=0) for moment in times)
    return tuple((bucket, counted.get(bucket, 0)) for bucket in buckets)


def _incidents_of(session: Session, period: Period) -> list[Incident]:
    """Incidents received in the period, and older ones that anything was recorded on during it."""
    received = select(col(Incident.no)).where(col(Incident.received_at) >= period.start,
                                              col(Incident.received_at) < period.end)
    worked = select(col(LedgerEntry.incident_no)).where(
        col(LedgerEntry.happened_at) >= period.start, col(LedgerEntry.happened_at) < period.end,
        col(LedgerEntry.incident_no).is_not(None))
    numbers = set(session.execute(received).scalars()) | set(session.execute(worked).scalars())
    rows = session.execute(select(Incident).where(col(Incident.no).in_(numbers))).scalars()
    return sorted(rows, key=lambda row: (row.received_at, row.no))


def _pending_steps(session: Session, at: datetime, drills: set[str], lang: str) -> list[StepLine]:
    """Steps of activated plans not yet done or skipped at `at`, earliest deadline first; in an
    English report a step reads in English where its plan gives `text_en`."""
    rows = session.execute(
        select(StepState, col(PlanActivation.activated_at))
        .join(PlanActivation, col(StepState.activation_id) == col(PlanActivation.id))
        .where(col(PlanActivation.activated_at) <= at)
        .where(col(StepState.completed_at).is_(None) | (col(StepState.completed_at) > at))
    ).all()
    closed = set(session.execute(select(col(Incident.no)).where(
        col(Incident.no).in_({step.incident_no for step, _ in rows}),
        col(Incident.closed_at).is_not(None), col(Incident.closed_at) <= at)).scalars())
    far = datetime.max.replace(tzinfo=at.tzinfo)
    english = {number: english_texts(session, number) for number in {step.incident_no for step, _ in rows}} \
        if lang == "en" else {}
    lines = [StepLine(step.incident_no, step.step_id, english.get(step.incident_no, {}).get(step.step_id) or step.text,
                      step.responsible, step.due_at,
                      step.due_at is not None and step.due_at <= at, step.approval_by, step.incident_no in drills)
             for step, _ in rows if step.incident_no not in closed]
    return sorted(lines, key=lambda line: (line.due_at or far, line.incident_no))


def _approved_steps(session: Session, at: datetime) -> set[tuple[str, str]]:
    rows = session.execute(select(col(Approval.incident_no), col(Approval.step_id)).where(
        col(Approval.decision) == "approved", col(Approval.decided_at) <= at, col(Approval.step_id).is_not(None)))
    return {(number, step) for number, step in rows if step is not None}


def _warnings_in_force(session: Session, at: datetime) -> list[WarningLine]:
    rows = session.execute(select(WarningNotice).where(
        col(WarningNotice.issued_at) <= at, col(WarningNotice.effective_at) <= at,
        col(WarningNotice.expires_at).is_(None) | (col(WarningNotice.expires_at) > at),
        col(WarningNotice.lifted_at).is_(None) | (col(WarningNotice.lifted_at) > at))).scalars()
    ranks = {colour.code: colour.rank for colour in load_config().warning_colours}
    return [WarningLine(row.id, row.colour, row.type, row.area, row.text_zh, row.text_en, row.effective_at,
                        row.expires_at, row.is_drill)
            for row in sorted(rows, key=lambda row: (ranks.get(row.colour, 99), row.id))]


def _shifts_of(session: Session, period: Period) -> list[Shift]:
    """The recorded shift the period is, or every shift that overlaps an explicit interval."""
    if period.shift_id is not None:
        row = session.get(Shift, period.shift_id)
        return [row] if row is not None else []
    return shifts_between(session, period.start, period.end)


def _resource_lines(session: Session, found: list[OutOfService]) -> list[ResourceLine]:
    lines = []
    for item in found:
        resource = session.get(Resource, item.code)
        unit = session.get(Unit, resource.unit_code) if resource else None
        lines.append(ResourceLine(item.code, resource.name if resource else "", unit.name if unit else "",
                                  item.since, item.reason))
    return lines


def gather_shift(session: Session, period: Period, *, include_drills: bool = False,
                 printed_at: datetime | None = None, lang: str = "zh") -> ShiftReport:
    """Everything the report of `period` carries, as the desk stood at the period's end, its plan
    steps in the report's language `lang` where the plan gives it."""
    config = load_config()
    start, end = period.start, period.end
    incidents = _incidents_of(session, period)
    drills = set(session.execute(select(col(Incident.no)).where(col(Incident.is_drill))).scalars())

    def counted(number: str) -> bool:
        return include_drills or number not in drills

    status = incident_status_at(session, [row.no for row in incidents], end)
    assignments = list(session.execute(select(Assignment).where(
        col(Assignment.incident_no).in_([row.no for row in incidents]),
        col(Assignment.dispatched_at) < end)).scalars())
    by_incident: dict[str, list[Assignment]] = {}
    for assignment in sorted(assignments, key=lambda item: (item.dispatched_at, item.id)):
        by_incident.setdefault(assignment.incident_no, []).append(assignment)

    reports = [report for report in session.execute(select(Report).where(
        col(Report.received_at) >= start, col(Report.received_at) < end)).scalars() if counted(report.incident_no)]
    received_here = [row for row in incidents if start <= row.received_at < end]
    counted_incidents = [row for row in received_here if counted(row.no)
                         and status.get(row.no, _fallback(row)).state != "merged"]
    dispatched_here = [item for item in assignments if item.dispatched_at >= start and counted(item.incident_no)]

    def before_end(moment: datetime | None) -> datetime | None:
        return moment if moment is not None and moment < end else None

    lines = []
    for row in incidents:
        own = by_incident.get(row.no, [])
        now_status = status.get(row.no, _fallback(row))
        on_scene = [moment for item in own if (moment := before_end(item.on_scene_at)) is not None]
        lines.append(IncidentLine(
            no=row.no, received_at=row.received_at, type=row.type, level=now_status.level, state=now_status.state,
            is_drill=row.is_drill, address=row.address, description=row.description,
            units=tuple(dict.fromkeys(item.resource_code for item in own)),
            first_dispatch_at=own[0].dispatched_at if own else None,
            first_on_scene_at=min(on_scene) if on_scene else None,
            ended_at=before_end(row.ended_at), merged_into=row.merged_into if now_status.state == "merged" else None))

    pending = _pending_steps(session, end, drills, lang)
    approved = _approved_steps(session, end)
    awaited = [line for line in pending if line.approval_by and (line.incident_no, line.step_id) not in approved]
    shifts = _shifts_of(session, period)
    officers = tuple(dict.fromkeys(name.strip() for shift in shifts for name in shift.officers.split(",")
                                   if name.strip()))
    handed_to = next((shift.handed_to for shift in reversed(shifts) if shift.handed_to and shift.ended_at
                      and shift.ended_at <= end), "")
    notes = tuple(shift.handover_notes for shift in shifts if shift.handover_notes.strip())
    seated = tuple(signed for shift in shifts for signed in sign_ins(session, shift.id) if signed.at <= end)

    return ShiftReport(
        center_name=config.center_name, center_name_en=config.center_name_en, period=period,
        officers=officers, handed_to=handed_to, handover_notes=notes, printed_at=printed_at or clock.now(),
        seated=seated,
        include_drills=include_drills,
        drills_left_out=0 if include_drills else sum(1 for row in received_here if row.is_drill),
        reports_by_channel=_counts([report.channel for report in reports]),
        reports_by_type=_counts([row.type for row in counted_incidents]),
        incidents_by_level=tuple(sorted(Counter(status.get(row.no,
                                                           _fallback(row)).level for row in counted_incidents).items(),
                                        key=lambda item: config.level_rank(item[0]))),
        dispatches=len(dispatched_here),
        receive_to_dispatch=durations(
            (row.received_at,
             by_incident[row.no][0].dispatched_at) for row in counted_incidents if row.no in by_incident),
        dispatch_to_acknowledged=durations((item.dispatched_at,
                                            before_end(item.acknowledged_at)) for item in dispatched_here),
        dispatch_to_on_scene=durations((item.dispatched_at, before_end(item.on_scene_at)) for item in dispatched_here),
        incidents=tuple(lines),
        pending_steps=tuple(pending),
        awaited_approvals=tuple(awaited),
        warnings=tuple(_warnings_in_force(session, end)),
        out_of_service=tuple(_resource_lines(session, out_of_service_at(session, end))),
        reports_per_hour=_hours(start, end, [report.received_at for report in reports]),
        head=head(session),
    )


def _fallback(row: Incident) -> IncidentStatus:
    """The current state, for an incident whose changes the ledger replay did not reach."""
    return IncidentStatus(row.state, row.level)
