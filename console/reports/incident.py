"""Gather the upward report (信息报告) of one incident: initial, follow-up or final.

Every kind carries the same facts as they stand when it is printed; the kind names the
document the center sends (首报, 续报, 终报) and a final report waits for the emergency to end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from console.labels import incident_state
from model import clock
from model.config import load_config
from model.errors import DomainError
from model.ledger import Head, head
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
class IncidentReport:
    center_name: str
    center_name_en: str
    kind: str
    incident: Incident
    reports: tuple[Report, ...]
    assignments: tuple[AssignmentLine, ...]
    steps: tuple[StepState, ...]
    approvals: tuple[Approval, ...]
    command_posts: tuple[CommandPost, ...]
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
    where = lambda table: table.incident_no == number  # noqa: E731
    assignments = []
    assigned = select(Assignment).where(where(Assignment)).order_by(Assignment.dispatched_at)  # type: ignore[arg-type]
    for item in session.execute(assigned).scalars():
        resource = session.get(Resource, item.resource_code)
        unit = session.get(Unit, resource.unit_code) if resource else None
        assignments.append(AssignmentLine(f"{item.resource_code} {resource.name if resource else ''}".strip(),
                                          unit.name if unit else "", item.dispatched_at, item.acknowledged_at,
                                          item.on_scene_at, item.cleared_at))
    with speaking(lang or language()):
        timeline = incident_timeline(session, number)
    return IncidentReport(
        center_name=load_config().center_name, center_name_en=load_config().center_name_en, kind=chosen,
        incident=row,
        reports=tuple(session.execute(select(Report).where(where(Report)).order_by(Report.received_at)).scalars()),  # type: ignore[arg-type]
        assignments=tuple(assignments),
        steps=tuple(session.execute(select(StepState).where(where(StepState)).order_by(StepState.position)).scalars()),  # type: ignore[arg-type]
        approvals=tuple(session.execute(select(Approval).where(where(Approval)).order_by(Approval.decided_at)).scalars()),  # type: ignore[arg-type]
        command_posts=tuple(session.execute(select(CommandPost).where(where(CommandPost))
                                            .order_by(CommandPost.opened_at)).scalars()),  # type: ignore[arg-type]
        timeline=tuple(timeline),
        printed_at=printed_at or clock.now(),
        head=head(session),
    )
