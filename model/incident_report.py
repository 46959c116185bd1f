"""Gather the upward report (信息报告) of one incident: initial, follow-up or final.

Every kind carries the same facts as they stand when it is printed; the kind names the
document the center sends (首报, 续报, 终报) and a final report waits for the emergency to end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from model import clock
from model.config import load_config
from model.desk_reads import IncidentRecord, record_of
from model.errors import DomainError
from model.ledger import Head, head
from model.state_names import incident_state
from model.tables import Approval, Assignment, CommandPost, Incident, Report, Resource, StepState, Unit
from model.text import _, language, speaking
from model.timeline import TimelineLine, incident_timeline

KINDS = ("initial", "follow-up", "final")


@dataclass(frozen=True)
class AssignmentLine:
    resource: str
    unit: str
    dispatched_at: datetime
    acknowledged_at: datetime | None
    on_scene_at: datetime | None
    cleared_at: datetime | None


@dataclass(frozen=True)
class ReportLine:
    """One report (call, message) received about the incident."""

    received_at: datetime
    channel: str
    caller_name: str
    caller_phone: str
    description: str


@dataclass(frozen=True)
class StepLine:
    """One plan step as it stands, in plan order."""

    step_id: str
    text: str
    responsible: str
    due_at: datetime | None
    state: str
    completed_at: datetime | None
    completed_by: str


@dataclass(frozen=True)
class ApprovalLine:
    authority: str
    approved_by: str
    channel: str
    decision: str
    decided_at: datetime


@dataclass(frozen=True)
class CommandPostLine:
    commander: str
    location: str
    opened_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class IncidentReport:
    """The whole upward report as data: renderers only lay it out."""

    center_name: str
    center_name_en: str
    kind: str
    incident: IncidentRecord
    reports: tuple[ReportLine, ...]
    assignments: tuple[AssignmentLine, ...]
    steps: tuple[StepLine, ...]
    approvals: tuple[ApprovalLine, ...]
    command_posts: tuple[CommandPostLine, ...]
    timeline: tuple[TimelineLine, ...]
    printed_at: datetime
    head: Head | None
    """The ledger's newest entry when the report was gathered: the paper's anchor on the chain."""


def default_kind(row: Incident) -> str:
    """Final once the emergency has ended, initial before anything was sent to the scene, else follow-up."""
    if row.state in ("ended", "closed"):
        return "final"
    return "initial" if row.state == "received" else "follow-up"


def gather_incident(session: Session, number: str, *, kind: str | None = None,
                    printed_at: datetime | None = None, lang: str | None = None) -> IncidentReport:
    """The facts of incident `number` for an upward report of `kind`; the timeline's sentences
    are those of the incident screen, in the report's language (`lang`, default the desk's)."""
    row = session.get(Incident, number)
    if row is None:
        raise DomainError(_("incident {no} does not exist").format(no=number))
    chosen = kind or default_kind(row)
    if chosen not in KINDS:
        raise DomainError(_("unknown report kind {kind!r}; choose initial, follow-up or final").format(kind=chosen))
    if chosen == "final" and row.state not in ("ended", "closed"):
        raise DomainError(_("incident {no} is {state}: a final report waits for the emergency to end").format(
            no=number, state=incident_state(row.state)))
    assignments = []
    assigned = select(Assignment).where(col(Assignment.incident_no) == number).order_by(col(Assignment.dispatched_at))
    for item in session.execute(assigned).scalars():
        resource = session.get(Resource, item.resource_code)
        unit = session.get(Unit, resource.unit_code) if resource else None
        assignments.append(AssignmentLine(f"{item.resource_code} {resource.name if resource else ''}".strip(),
                                          unit.name if unit else "", item.dispatched_at, item.acknowledged_at,
                                          item.on_scene_at, item.cleared_at))
    with speaking(lang or language()):
        timeline = incident_timeline(session, number)
    reports = session.execute(select(Report).where(col(Report.incident_no) == number)
                              .order_by(col(Report.received_at))).scalars()
    steps = session.execute(select(StepState).where(col(StepState.incident_no) == number)
                            .order_by(col(StepState.position))).scalars()
    approvals = session.execute(select(Approval).where(col(Approval.incident_no) == number)
                                .order_by(col(Approval.decided_at))).scalars()
    posts = session.execute(select(CommandPost).where(col(CommandPost.incident_no) == number)
                            .order_by(col(CommandPost.opened_at))).scalars()
    return IncidentReport(
        center_name=load_config().center_name, center_name_en=load_config().center_name_en, kind=chosen,
        incident=record_of(row),
        reports=tuple(ReportLine(item.received_at, item.channel, item.caller_name, item.caller_phone, item.description)
                      for item in reports),
        assignments=tuple(assignments),
        steps=tuple(StepLine(step.step_id, step.text, step.responsible, step.due_at, step.state, step.completed_at,
                             step.completed_by) for step in steps),
        approvals=tuple(ApprovalLine(item.authority, item.approved_by, item.channel, item.decision, item.decided_at)
                        for item in approvals),
        command_posts=tuple(CommandPostLine(post.commander, post.location, post.opened_at, post.closed_at)
                            for post in posts),
        timeline=tuple(timeline),
        printed_at=printed_at or clock.now(),
        head=head(session),
    )
