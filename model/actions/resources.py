"""Resource actions: order a resource to an incident (调派) and track its status to the end."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlmodel import Session, col

from model import ledger
from model.actions._conflict import resource_last_changed
from model.actions._core import action, incident, moment, plain, require, resource, settled_by_work, with_steps
from model.checklist import incident_steps
from model.config import load_config
from model.errors import DomainError
from model.fulfilment import Work, kind_of, settled_steps, settling
from model.ledger import Change
from model.lifecycle import (
    ASSIGNMENT_TIME_COLUMN,
    COMMITTED_STATUSES,
    ResourceStatus,
    StepStatus,
    is_open,
    resource_move_refusal,
)
from model.roles import require_role
from model.state_names import incident_state, resource_status
from model.tables import Assignment, LedgerEntry, Resource, StepState
from model.text import _


@action
def dispatch_resource(*, session: Session, operator: str, incident_no: str, resource_code: str,
                      step_id: str | None = None, happened_at: datetime | None = None) -> Assignment:
    """Order an available resource to an open incident."""
    require_role("dispatch_resource", operator)
    target = incident(session, incident_no)
    require(is_open(target.state), "incident {no} is {state}: resources go only to open incidents",
            no=incident_no, state=incident_state(target.state))
    row = resource(session, resource_code)
    if row.status != ResourceStatus.AVAILABLE:
        where = _(" at incident {no}").format(no=row.incident_no) if row.incident_no else ""
        raise DomainError(_("resource {code} is {status}{where}; only an available resource can be dispatched").format(
            code=resource_code, status=resource_status(row.status), where=where) + resource_last_changed(session, row))
    when = moment(happened_at)
    step_id, met = _dispatch_step(session, incident_no, row.type, step_id)
    assignment = Assignment(id=ledger.next_id(session, Assignment), incident_no=incident_no,
                            resource_code=resource_code, step_id=step_id, dispatched_at=when,
                            dispatched_by=operator)
    settled = settled_by_work(session, incident_no, Work("resource_dispatched", step_id=step_id, dispatch_met=met)) \
        if met else []
    ledger.append(session, kind="resource_dispatched", operator=operator, incident_no=incident_no,
                  happened_at=when, facts=with_steps({"resource": resource_code, "step": step_id}, settled),
                  changes_of_seq=settling(settled, when=when, operator=operator),
                  changes=[Change.new(assignment),
                           Change.set(row, status=ResourceStatus.DISPATCHED.value, status_since=when,
                                      incident_no=incident_no, assignment_id=assignment.id,
                                      last_dispatched_at=when),
                           Change.set(target, updated_at=when)])
    return plain(assignment)


def _dispatched_counts(session: Session, incident_no: str) -> Counter[tuple[str | None, str]]:
    """How many resources of each type were ever dispatched to the incident for each step."""
    rows = session.execute(select(col(Assignment.step_id), col(Resource.type), func.count())
                           .join(Resource, col(Resource.code) == col(Assignment.resource_code))
                           .where(col(Assignment.incident_no) == incident_no)
                           .group_by(col(Assignment.step_id), col(Resource.type)))
    return Counter({(step_id, resource_type): count for step_id, resource_type, count in rows})


def _wanted(row: StepState) -> dict[str, int]:
    return dict(json.loads(row.effects).get("dispatch", {}))


def _dispatch_step(session: Session, incident_no: str, resource_type: str,
                   step_id: str | None) -> tuple[str | None, bool]:
    """The step a dispatch serves, and whether it brings that step's wanted counts to what it asks.

    A dispatch ordered from a step serves that step; one ordered from anywhere else serves the first
    pending dispatch step (in plan order) that still wants a resource of its type.
    """
    steps = [row for row in incident_steps(session, incident_no)
             if kind_of(row) == "dispatch" and row.state == StepStatus.PENDING]
    if not steps:
        return step_id, False
    counts = _dispatched_counts(session, incident_no)
    if step_id is None:
        step_id = next((row.step_id for row in steps
                        if _wanted(row).get(resource_type, 0) > counts[(row.step_id, resource_type)]), None)
    served = next((row for row in steps if row.step_id == step_id), None)
    if served is None:
        return step_id, False
    counts[(step_id, resource_type)] += 1
    return step_id, all(counts[(step_id, wanted_type)] >= count for wanted_type, count in _wanted(served).items())


def _still_out(session: Session, incident_no: str, moving: str, target: ResourceStatus) -> int:
    """Resources still working the incident once `moving` goes to `target`."""
    others = session.execute(select(func.count()).select_from(Resource).where(
        col(Resource.incident_no) == incident_no, col(Resource.code) != moving,
        col(Resource.status).in_([status.value for status in COMMITTED_STATUSES]))).scalar_one()
    return int(others) + (1 if target in COMMITTED_STATUSES else 0)


def _withdrawn_items(session: Session, incident_no: str | None, moving: str, target: ResourceStatus) -> list[StepState]:
    """The closing item "every unit withdrawn", once this move leaves nothing out on the incident."""
    if incident_no is None or target in COMMITTED_STATUSES:
        return []
    waiting = [row for row in incident_steps(session, incident_no)
               if row.state == StepStatus.PENDING and kind_of(row) == "units_withdrawn"]
    if not waiting:
        return []
    return settled_steps(waiting, Work("resource_status", units_out=_still_out(session, incident_no, moving, target)))


@action
def set_resource_status(*, session: Session, operator: str, resource_code: str, status: str,
                        reason: str = "", happened_at: datetime | None = None) -> Resource:
    """Move a resource along acknowledged → en route → on scene → returning → available."""
    row = resource(session, resource_code)
    target = ResourceStatus(status)
    require(target != ResourceStatus.DISPATCHED,
            "resource {code}: dispatch it to an incident instead of setting dispatched", code=resource_code)
    refusal = resource_move_refusal(row.status, target)
    if refusal:
        raise DomainError(_("resource {code} cannot go to {target}: {reason}").format(
            code=resource_code, target=resource_status(target.value), reason=refusal))
    if target == ResourceStatus.OUT_OF_SERVICE:
        require(bool(reason.strip()), "taking resource {code} out of service needs a reason", code=resource_code)
    when = moment(happened_at)
    changes: list[Change] = []
    incident_no = row.incident_no
    if row.assignment_id is not None:
        assignment = session.get(Assignment, row.assignment_id)
        assert assignment is not None
        changes.append(Change.set(assignment, status=target.value, **{ASSIGNMENT_TIME_COLUMN[target]: when}))
    released = target == ResourceStatus.AVAILABLE
    changes.append(Change.set(row, status=target.value, status_since=when,
                              **({"incident_no": None, "assignment_id": None} if released else {})))
    settled = _withdrawn_items(session, incident_no, resource_code, target)
    ledger.append(session, kind="resource_status", operator=operator, incident_no=incident_no,
                  happened_at=when, changes=changes, changes_of_seq=settling(settled, when=when, operator=operator),
                  facts=with_steps({"resource": resource_code, "from": row.status, "to": target.value,
                                    "reason": reason}, settled))
    return plain(resource(session, resource_code))


def _entry(session: Session, seq: int) -> LedgerEntry:
    row = session.get(LedgerEntry, seq)
    if row is None:
        raise DomainError(_("ledger entry {seq} does not exist").format(seq=seq))
    return row


def _moves_of(code: str) -> Any:
    """The condition selecting the roster moves of one resource (its code as canonical JSON in the facts)."""
    marker = f'%"resource":{json.dumps(code, ensure_ascii=False)}%'
    return and_(col(LedgerEntry.kind).in_(ROSTER_MOVES), col(LedgerEntry.payload).like(marker))


def _since_before(session: Session, code: str, seq: int) -> datetime | None:
    """When the resource entered the status it had before entry `seq` (its previous move's time)."""
    return session.execute(select(col(LedgerEntry.happened_at)).where(
        col(LedgerEntry.seq) < seq, _moves_of(code)).order_by(col(LedgerEntry.seq).desc()).limit(1)).scalar()


def _moved_after(session: Session, code: str, seq: int) -> bool:
    return session.execute(select(col(LedgerEntry.seq)).where(
        col(LedgerEntry.seq) > seq, _moves_of(code)).limit(1)).first() is not None


ROSTER_MOVES = ("resource_status", "resource_dispatched", "resource_corrected")


@action
def correct_resource_status(*, session: Session, operator: str, seq: int,
                            happened_at: datetime | None = None) -> Resource:
    """Undo a mistaken roster move (entry `seq`) as a correction entry, never a deletion.

    Only the resource's latest move, only within the configured `correction_minutes` of being
    entered; steps that move settled are open again.
    """
    entry = _entry(session, seq)
    require(entry.kind == "resource_status", "entry {seq} is not a roster move", seq=seq)
    payload = json.loads(entry.payload)
    facts = payload["facts"]
    row = resource(session, facts["resource"])
    window = load_config().correction_minutes
    when = moment(happened_at)
    require(when - entry.entered_at <= timedelta(minutes=window),
            "the move of {name} can be corrected only within {minutes} minutes; record the right status instead",
            name=row.name, minutes=window)
    corrected = session.execute(select(col(LedgerEntry.seq)).where(col(LedgerEntry.corrects_seq) == seq)).first()
    require(corrected is None, "the move of {name} was already corrected", name=row.name)
    require(row.status == facts["to"] and not _moved_after(session, row.code, seq),
            "{name} has moved since: correct its latest move", name=row.name)
    before, after = ResourceStatus(facts["from"]), ResourceStatus(facts["to"])
    changes: list[Change] = []
    assignment_key = next((change["key"]["id"] for change in payload["changes"] if change["table"] == "assignment"),
                          None)
    restore: dict[str, object] = {}
    if assignment_key is not None:
        assignment = session.get(Assignment, assignment_key)
        assert assignment is not None
        changes.append(Change.set(assignment, status=before.value, **{ASSIGNMENT_TIME_COLUMN[after]: None}))
        if after == ResourceStatus.AVAILABLE:
            restore = {"incident_no": assignment.incident_no, "assignment_id": assignment.id}
    changes.append(Change.set(row, status=before.value, status_since=_since_before(session, row.code, seq), **restore))
    reopened = [step_row for step_row in incident_steps(session, entry.incident_no or "")
                if step_row.settled_by == seq]
    changes += [Change.set(step_row, state=StepStatus.PENDING.value, completed_at=None, completed_by="",
                           settled_by=None)
                for step_row in reopened]
    ledger.append(session, kind="resource_corrected", operator=operator, incident_no=entry.incident_no,
                  happened_at=when, corrects_seq=seq, changes=changes,
                  facts={"resource": row.code, "from": after.value, "to": before.value, "corrects": seq,
                         **({"reopened": [step_row.step_id for step_row in reopened]} if reopened else {})})
    return plain(resource(session, row.code))
