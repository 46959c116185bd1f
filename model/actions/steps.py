"""Plan-step work recorded against an incident: step states, approvals and the command post."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from model import ledger
from model.actions._core import action, incident, moment, plain, require, step
from model.checklist import incident_steps, latest_approvals, waiting_for
from model.ledger import Change
from model.lifecycle import StepStatus, is_open
from model.state_names import incident_state, step_state
from model.tables import Approval, CommandPost, StepState


@action
def record_step_state(*, session: Session, operator: str, incident_no: str, step_id: str,
                      state: str, reason: str = "", happened_at: datetime | None = None) -> StepState:
    """Mark a checklist step done, skipped (with a reason) or pending again.

    A step still waiting for an approval or an earlier step cannot be marked done. A recurring
    step stays pending when done: its next round falls due one interval after this completion.
    """
    target = StepStatus(state)
    row = step(session, incident_no, step_id)
    require(row.state != target.value,
            "step {step} of incident {no} is already {state}", step=step_id, no=incident_no, state=step_state(row.state))
    if target == StepStatus.SKIPPED:
        require(bool(reason.strip()), "skipping step {step} needs a reason", step=step_id)
    if target == StepStatus.DONE:
        steps = {other.step_id: other for other in incident_steps(session, incident_no)}
        waiting = waiting_for(row, steps, latest_approvals(session, incident_no))
        require(not waiting, "step {step} of incident {no} is blocked: it {waiting}",
                step=step_id, no=incident_no, waiting=waiting)
    when = moment(happened_at)
    done = target != StepStatus.PENDING
    rearm = target == StepStatus.DONE and row.interval_minutes is not None
    change = Change.set(row, state=target.value, reason=reason,
                        completed_at=when if done else None, completed_by=operator if done else "")
    if rearm:
        assert row.interval_minutes is not None
        change = Change.set(row, state=StepStatus.PENDING.value, reason="", completed_at=when,
                            completed_by=operator, round=row.round + 1,
                            due_at=when + timedelta(minutes=row.interval_minutes))
    ledger.append(session, kind="step_state", operator=operator, incident_no=incident_no,
                  happened_at=when, changes=[change],
                  facts={"step": step_id, "from": row.state, "to": target.value, "reason": reason,
                         "round": row.round})
    return plain(step(session, incident_no, step_id))


@action
def record_approval(*, session: Session, operator: str, incident_no: str, authority: str,
                    approved_by: str, channel: str, step_id: str | None = None,
                    decision: str = "approved", note: str = "",
                    happened_at: datetime | None = None) -> Approval:
    """Record who approved (or refused), when and by what channel (phone, fax, document)."""
    incident(session, incident_no)
    require(decision in ("approved", "refused"), "a decision is approved or refused, not {d}", d=decision)
    require(bool(authority.strip()) and bool(approved_by.strip()),
            "an approval needs the authority and the person who decided")
    if step_id is not None:
        step(session, incident_no, step_id)
    when = moment(happened_at)
    row = Approval(id=ledger.next_id(session, Approval), incident_no=incident_no, step_id=step_id,
                   authority=authority, approved_by=approved_by, channel=channel,
                   decision=decision, decided_at=when, note=note)
    ledger.append(session, kind="approval_recorded", operator=operator, incident_no=incident_no,
                  happened_at=when, changes=[Change.new(row)],
                  facts={"step": step_id, "authority": authority, "decision": decision})
    return plain(row)


def _open_post(session: Session, incident_no: str) -> CommandPost | None:
    return session.execute(select(CommandPost).where(
        CommandPost.incident_no == incident_no, CommandPost.closed_at.is_(None))).scalars().first()  # type: ignore[union-attr]


@action
def open_command_post(*, session: Session, operator: str, incident_no: str, commander: str,
                      location: str, phone: str = "", happened_at: datetime | None = None) -> CommandPost:
    """Open the on-site command post (现场指挥部) with its commander and location."""
    row = incident(session, incident_no)
    require(is_open(row.state), "incident {no} is {state}: a command post opens only for an open incident",
            no=incident_no, state=incident_state(row.state))
    require(_open_post(session, incident_no) is None,
            "incident {no} already has an open command post", no=incident_no)
    require(bool(commander.strip()) and bool(location.strip()), "a command post needs a commander and a location")
    when = moment(happened_at)
    post = CommandPost(id=ledger.next_id(session, CommandPost), incident_no=incident_no,
                       commander=commander, location=location, phone=phone, opened_at=when)
    ledger.append(session, kind="command_post_opened", operator=operator, incident_no=incident_no,
                  happened_at=when, changes=[Change.new(post)],
                  facts={"commander": commander, "location": location})
    return plain(post)


@action
def close_command_post(*, session: Session, operator: str, incident_no: str,
                       happened_at: datetime | None = None) -> CommandPost:
    """Close the incident's open command post."""
    incident(session, incident_no)
    post = _open_post(session, incident_no)
    require(post is not None, "incident {no} has no open command post", no=incident_no)
    assert post is not None
    when = moment(happened_at)
    ledger.append(session, kind="command_post_closed", operator=operator, incident_no=incident_no,
                  happened_at=when, changes=[Change.set(post, closed_at=when)], facts={"post": post.id})
    return plain(session.get(CommandPost, post.id))  # type: ignore[arg-type]
