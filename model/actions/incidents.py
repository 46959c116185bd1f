"""Incident actions: receive, verify, false alarm, merge, grade, notes, end and close."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from model import clock, ledger
from model.actions._conflict import LEVEL_MOVES, STATE_MOVES, last_changed
from model.actions._core import action, incident, moment, plain, require, settled_by_work, with_steps
from model.actions._prior import settle_from_record
from model.activation import CLOSING_APPROVAL, level_steps, stored_plan
from model.checklist import incident_steps, latest_approvals, open_steps, step_titles
from model.config import load_config
from model.errors import DomainError
from model.fulfilment import Work, is_closing, kind_of, settled_steps, settling
from model.ledger import Change
from model.lifecycle import COMMITTED_STATUSES, IncidentState, StepStatus, incident_move_refusal, is_open
from model.roles import require_role
from model.schemas import ReportIn
from model.state_names import incident_state, resource_status
from model.tables import Assignment, CommandPost, Incident, LedgerEntry, PlanActivation, Report, Resource, StepState
from model.text import _


def _move(row: Incident, target: IncidentState, session: Session | None = None) -> None:
    """Refuse a move the lifecycle forbids; with the session, naming who made the incident what it is."""
    reason = incident_move_refusal(row.state, target)
    if reason:
        said = _("incident {no} cannot become {target}: {reason}").format(
            no=row.no, target=incident_state(target.value), reason=reason)
        raise DomainError(said + (last_changed(session, row.no, STATE_MOVES) if session is not None else ""))


def _next_number(session: Session, received_at: datetime) -> str:
    """Numbers run per local day: 20261128-0001, 20261128-0002, …"""
    prefix = received_at.astimezone(load_config().tz).strftime("%Y%m%d-")
    last = session.execute(select(func.max(col(Incident.no))).where(col(Incident.no).startswith(prefix))).scalar_one()
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:04d}"


@action
def receive_report(*, session: Session, operator: str, report: ReportIn,
                   received_at: datetime | None = None) -> Incident:
    """Record a new report as a new incident (接报). `received_at` is set for late entries."""
    when = clock.as_utc(received_at) if received_at else clock.now()
    if report.external_id is not None:
        existing = session.execute(select(col(Incident.no)).where(
            col(Incident.external_id) == report.external_id)).scalar_one_or_none()
        require(existing is None, "external id {ext} is already incident {no}", ext=report.external_id, no=existing)
    number = _next_number(session, when)
    fields = report.model_dump()
    row = Incident(no=number, received_at=when, received_by=operator, updated_at=when, state=IncidentState.RECEIVED,
                   **fields)
    first = Report(id=ledger.next_id(session, Report), incident_no=number, received_at=when,
                   channel=report.channel, caller_name=report.caller_name,
                   caller_phone=report.caller_phone, description=report.description)
    ledger.append(session, kind="report_received", operator=operator, incident_no=number,
                  happened_at=when, facts={"report": report.model_dump(mode="json")},
                  changes=[Change.new(row), Change.new(first)])
    return plain(incident(session, number))


@action
def verify(*, session: Session, operator: str, incident_no: str, method: str | None = None, note: str = "",
           happened_at: datetime | None = None) -> Incident:
    """Mark a report as checked and true (核实), and how it was checked (a configured method).

    `method` is None only where the way it was checked is not known (a report handed over by
    another system); the timeline then says so.
    """
    row = incident(session, incident_no)
    _move(row, IncidentState.VERIFIED)
    if method is not None:
        method = load_config().resolve("verification_methods", method)
    when = moment(happened_at)
    ledger.append(session, kind="incident_verified", operator=operator, incident_no=incident_no,
                  happened_at=when, facts={"method": method, "note": note},
                  changes=[Change.set(row, state=IncidentState.VERIFIED.value, verified_at=when, updated_at=when)])
    return plain(incident(session, incident_no))


@action
def mark_false_alarm(*, session: Session, operator: str, incident_no: str, reason: str,
                     happened_at: datetime | None = None) -> Incident:
    """Close the question of a report that turned out false (误报); the reason is required."""
    require(bool(reason.strip()), "a false alarm needs a reason")
    row = incident(session, incident_no)
    _move(row, IncidentState.FALSE_ALARM)
    when = moment(happened_at)
    ledger.append(session, kind="incident_false_alarm", operator=operator, incident_no=incident_no,
                  happened_at=when, facts={"reason": reason},
                  changes=[Change.set(row, state=IncidentState.FALSE_ALARM.value, updated_at=when)])
    return plain(incident(session, incident_no))


@action
def merge_into(*, session: Session, operator: str, incident_no: str, target_no: str,
               happened_at: datetime | None = None) -> Incident:
    """Fold a duplicate report into the open incident it is about; returns the target incident."""
    require(incident_no != target_no, "incident {no} cannot be merged into itself", no=incident_no)
    row = incident(session, incident_no)
    target = incident(session, target_no)
    _move(row, IncidentState.MERGED)
    require(is_open(target.state), "incident {no} is {state}: merge only into an open incident",
            no=target_no, state=incident_state(target.state))
    busy = session.execute(select(col(Assignment.resource_code)).where(
        col(Assignment.incident_no) == incident_no, col(Assignment.cleared_at).is_(None))).first()
    require(busy is None, "resource {code} is still assigned to incident {no}: clear it before merging",
            code=busy[0] if busy else "", no=incident_no)
    when = moment(happened_at)
    reports = session.execute(select(Report).where(col(Report.incident_no) == incident_no)).scalars().all()
    changes = [Change.set(report, incident_no=target_no) for report in reports]
    changes += [Change.set(row, state=IncidentState.MERGED.value, merged_into=target_no, updated_at=when),
                Change.set(target, updated_at=when)]
    ledger.append(session, kind="incident_merged", operator=operator, incident_no=incident_no,
                  happened_at=when, facts={"into": target_no, "reports": [r.id for r in reports]},
                  changes=changes)
    return plain(incident(session, target_no))


@action
def grade(*, session: Session, operator: str, incident_no: str, level: str, reason: str = "",
          happened_at: datetime | None = None) -> Incident:
    """Give an ungraded open incident its level (定级)."""
    require_role("grade", operator, level)
    row = incident(session, incident_no)
    if not is_open(row.state):
        raise DomainError(_("incident {no} is {state}: only an open incident can be graded").format(
            no=incident_no, state=incident_state(row.state)) + last_changed(session, incident_no, STATE_MOVES))
    if row.level is not None:
        raise DomainError(_("incident {no} is already level {level}: regrade it instead").format(
            no=incident_no, level=row.level) + last_changed(session, incident_no, LEVEL_MOVES))
    load_config().level(level)
    when = moment(happened_at)
    ledger.append(session, kind="incident_graded", operator=operator, incident_no=incident_no,
                  happened_at=when, facts={"level": level, "reason": reason},
                  changes=[Change.set(row, level=level, updated_at=when)])
    return plain(incident(session, incident_no))


def _steps_of_new_level(session: Session, incident_no: str, level: str, when: datetime) -> list[StepState]:
    """The running plan's steps that `level` adds, read from the plan text stored at activation.

    Steps the incident already has stay as they are, finished or not; lowering the level adds nothing.
    """
    activation = session.execute(select(PlanActivation).where(col(PlanActivation.incident_no) == incident_no)
                                 .order_by(col(PlanActivation.id).desc())).scalars().first()
    if activation is None:
        return []
    existing = set(session.execute(select(col(StepState.step_id)).where(
        col(StepState.incident_no) == incident_no)).scalars())
    added = level_steps(stored_plan(activation), level, activation=activation, start=when,
                        first_id=ledger.next_id(session, StepState), existing=existing)
    settle_from_record(session, incident_no, added)
    return added


@action
def regrade(*, session: Session, operator: str, incident_no: str, level: str, reason: str,
            happened_at: datetime | None = None) -> Incident:
    """Raise or lower the level (提级 / 降级); a plan running for the incident follows it."""
    require_role("grade", operator, level)
    row = incident(session, incident_no)
    require(is_open(row.state), "incident {no} is {state}: only an open incident can be regraded",
            no=incident_no, state=incident_state(row.state))
    require(row.level is not None, "incident {no} has no level yet: grade it first", no=incident_no)
    if level == row.level:
        raise DomainError(_("incident {no} is already level {level}").format(no=incident_no, level=level)
                          + last_changed(session, incident_no, LEVEL_MOVES))
    require(bool(reason.strip()), "a change of level needs a reason")
    load_config().level(level)
    when = moment(happened_at)
    changes = [Change.set(row, level=level, updated_at=when)]
    added = _steps_of_new_level(session, incident_no, level, when)
    changes += [Change.new(step) for step in added]
    facts: dict[str, object] = {"from": row.level, "to": level, "reason": reason}
    if added:
        facts["steps_added"] = [step.step_id for step in added]
    ledger.append(session, kind="incident_regraded", operator=operator, incident_no=incident_no,
                  happened_at=when, facts=facts, changes=changes)
    return plain(incident(session, incident_no))


@action
def add_note(*, session: Session, operator: str, incident_no: str, text: str,
             unit_code: str | None = None, happened_at: datetime | None = None) -> Incident:
    """Record a note or a unit's feedback (反馈) on an incident's timeline."""
    require(bool(text.strip()), "a note cannot be empty")
    row = incident(session, incident_no)
    when = moment(happened_at)
    ledger.append(session, kind="unit_feedback" if unit_code else "note", operator=operator,
                  incident_no=incident_no, happened_at=when,
                  facts={"text": text, "unit": unit_code}, changes=[Change.set(row, updated_at=when)])
    return plain(incident(session, incident_no))


UPWARD_KINDS = ("initial", "follow_up", "final")


@action
def report_upward(*, session: Session, operator: str, incident_no: str, kind: str, recipient: str,
                  channel: str, text: str, step_id: str | None = None,
                  happened_at: datetime | None = None) -> Incident:
    """Record a report sent upward (首报 / 续报 / 终报): to whom, how, and what it said.

    It settles the plan step it was sent from when that step asks for a report of this kind,
    else the earliest due step asking for one.
    """
    require_role("report_upward", operator)
    require(kind in UPWARD_KINDS, "an upward report is initial, follow_up or final, not {kind}", kind=kind)
    require(bool(recipient.strip()), "an upward report names its recipient")
    require(bool(text.strip()), "an upward report cannot be empty")
    row = incident(session, incident_no)
    sent = [facts.get("kind") for facts in _upward_facts(session, incident_no)]
    require(kind != "final" or "final" not in sent, "the final report of incident {no} was already sent",
            no=incident_no)
    when = moment(happened_at)
    facts: dict[str, object] = {"kind": kind, "recipient": recipient, "channel": channel, "text": text}
    if kind == "follow_up":
        facts["number"] = sent.count("follow_up") + 1
    worked = step_id if step_id is not None and _asks_for_report(session, incident_no, step_id, kind) else None
    settled = settled_by_work(session, incident_no, Work("upward_report", step_id=worked, report=kind))
    ledger.append(session, kind="upward_report", operator=operator, incident_no=incident_no, happened_at=when,
                  facts=with_steps(facts, settled), changes=[Change.set(row, updated_at=when)],
                  changes_of_seq=settling(settled, when=when, operator=operator))
    return plain(incident(session, incident_no))


def _asks_for_report(session: Session, incident_no: str, step_id: str, kind: str) -> bool:
    row = session.execute(select(StepState).where(col(StepState.incident_no) == incident_no,
                                                  col(StepState.step_id) == step_id)).scalar_one_or_none()
    return row is not None and json.loads(row.effects).get("report") == kind


def _upward_facts(session: Session, incident_no: str) -> list[dict[str, object]]:
    """The facts of every report sent upward for the incident, oldest first."""
    payloads = session.execute(select(col(LedgerEntry.payload)).where(
        col(LedgerEntry.incident_no) == incident_no,
        col(LedgerEntry.kind) == "upward_report").order_by(col(LedgerEntry.seq))).scalars()
    return [json.loads(payload)["facts"] for payload in payloads]


def _committed_resource(session: Session, incident_no: str) -> Resource | None:
    return session.execute(select(Resource).where(
        col(Resource.incident_no) == incident_no, col(Resource.status).in_([s.value for s in COMMITTED_STATUSES]))
    ).scalars().first()


def _open_work(session: Session, incident_no: str) -> list[str]:
    """Titles of the steps of the activated levels still neither done nor skipped with a reason."""
    rows = open_steps(session, incident_no)
    titles = step_titles(session, incident_no, rows)
    return [titles[row.step_id] for row in rows]


def _closing_checked(session: Session, incident_no: str) -> tuple[list[StepState], list[StepState]]:
    """Refuse while the closing checklist is open or the end is not approved.

    Returns the closing items this entry settles: those the ledger decides and that hold now
    (nothing is out on the incident, no command post is open), and the approval to end.
    """
    steps = [row for row in incident_steps(session, incident_no) if is_closing(row.step_id)]
    post_open = session.execute(select(col(CommandPost.id)).where(
        col(CommandPost.incident_no) == incident_no, col(CommandPost.closed_at).is_(None))).first() is not None
    work = Work("incident_ended", units_out=0)
    decided = [row for row in settled_steps(steps, work)
               if kind_of(row) != "command_post_closed" or not post_open]
    ticked = {row.step_id for row in decided}
    titles = step_titles(session, incident_no, steps)
    still_open = [titles[row.step_id] for row in steps
                  if row.step_id != CLOSING_APPROVAL and row.state == StepStatus.PENDING and row.step_id not in ticked]
    require(not still_open, "incident {no} cannot end: the closing checklist still has {items}",
            no=incident_no, items=_(", ").join(_("“{title}”").format(title=title) for title in still_open))
    approval_step = next((item for item in steps if item.step_id == CLOSING_APPROVAL), None)
    if approval_step is None:
        return decided, []
    decision = latest_approvals(session, incident_no).get(CLOSING_APPROVAL)
    require(decision is not None and decision.decision == "approved",
            "incident {no} cannot end: {authority} has not approved the end; record the approval first",
            no=incident_no, authority=approval_step.approval_by)
    return decided, [approval_step] if approval_step.state == StepStatus.PENDING else []


@action
def end_incident(*, session: Session, operator: str, incident_no: str, summary: str = "",
                 happened_at: datetime | None = None) -> Incident:
    """Declare the emergency over (应急结束) once every resource has been withdrawn.

    With a plan running, every step of the activated levels must be done or skipped with a reason
    (the refusal names those still open by title), every item of the closing checklist must be
    done or skipped, and the authority the plan names must have approved the end (recorded
    against the `closing-approval` step). Closing items the ledger decides (every unit withdrawn,
    the command post closed) and the approval step are settled by this entry.
    """
    row = incident(session, incident_no)
    require_role("end_incident", operator, row.level)
    _move(row, IncidentState.ENDED, session)
    busy = _committed_resource(session, incident_no)
    require(busy is None, "resource {code} is {status} at incident {no}: withdraw it first",
            code=busy.code if busy else "", status=resource_status(busy.status) if busy else "", no=incident_no)
    open_work = _open_work(session, incident_no)
    require(not open_work, "incident {no} cannot end: these steps are neither done nor skipped with a reason: {steps}",
            no=incident_no, steps=_(", ").join(_("“{title}”").format(title=title) for title in open_work))
    decided, approval = _closing_checked(session, incident_no)
    when = moment(happened_at)
    settled = [*decided, *approval]
    ledger.append(session, kind="incident_ended", operator=operator, incident_no=incident_no,
                  happened_at=when, facts=with_steps({"summary": summary}, settled),
                  changes=[Change.set(row, state=IncidentState.ENDED.value, ended_at=when, updated_at=when)],
                  changes_of_seq=settling(settled, when=when, operator=operator))
    return plain(incident(session, incident_no))


@action
def close_incident(*, session: Session, operator: str, incident_no: str,
                   happened_at: datetime | None = None) -> Incident:
    """Archive an ended incident (已归档); nothing may still be out on it."""
    row = incident(session, incident_no)
    require_role("close_incident", operator, row.level)
    _move(row, IncidentState.CLOSED, session)
    out = session.execute(select(Resource).where(col(Resource.incident_no) == incident_no)).scalars().first()
    require(out is None, "resource {code} is still {status} for incident {no}: clear it first",
            code=out.code if out else "", status=resource_status(out.status) if out else "", no=incident_no)
    post = session.execute(select(CommandPost).where(
        col(CommandPost.incident_no) == incident_no, col(CommandPost.closed_at).is_(None))).scalars().first()
    require(post is None, "the command post of incident {no} is still open: close it first", no=incident_no)
    when = moment(happened_at)
    ledger.append(session, kind="incident_closed", operator=operator, incident_no=incident_no,
                  happened_at=when, facts={},
                  changes=[Change.set(row, state=IncidentState.CLOSED.value, closed_at=when, updated_at=when)])
    return plain(incident(session, incident_no))
