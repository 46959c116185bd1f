"""Resource actions: order a resource to an incident (调派) and track its status to the end."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from model import ledger
from model.actions._core import action, incident, moment, plain, require, resource
from model.errors import DomainError
from model.ledger import Change
from model.lifecycle import ASSIGNMENT_TIME_COLUMN, ResourceStatus, is_open, resource_move_refusal
from model.tables import Assignment, Resource
from model.state_names import incident_state, resource_status
from model.text import _


@action
def dispatch_resource(*, session: Session, operator: str, incident_no: str, resource_code: str,
                      step_id: str | None = None, happened_at: datetime | None = None) -> Assignment:
    """Order an available resource to an open incident."""
    target = incident(session, incident_no)
    require(is_open(target.state), "incident {no} is {state}: resources go only to open incidents",
            no=incident_no, state=incident_state(target.state))
    row = resource(session, resource_code)
    if row.status != ResourceStatus.AVAILABLE:
        where = _(" at incident {no}").format(no=row.incident_no) if row.incident_no else ""
        raise DomainError(_("resource {code} is {status}{where}; only an available resource can be dispatched").format(
            code=resource_code, status=resource_status(row.status), where=where))
    when = moment(happened_at)
    assignment = Assignment(id=ledger.next_id(session, Assignment), incident_no=incident_no,
                            resource_code=resource_code, step_id=step_id, dispatched_at=when,
                            dispatched_by=operator)
    ledger.append(session, kind="resource_dispatched", operator=operator, incident_no=incident_no,
                  happened_at=when, facts={"resource": resource_code, "step": step_id},
                  changes=[Change.new(assignment),
                           Change.set(row, status=ResourceStatus.DISPATCHED.value, status_since=when,
                                      incident_no=incident_no, assignment_id=assignment.id,
                                      last_dispatched_at=when),
                           Change.set(target, updated_at=when)])
    return plain(assignment)


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
            code=resource_code, target=target.value, reason=refusal))
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
    ledger.append(session, kind="resource_status", operator=operator, incident_no=incident_no,
                  happened_at=when, changes=changes,
                  facts={"resource": resource_code, "from": row.status, "to": target.value, "reason": reason})
    return plain(resource(session, resource_code))
