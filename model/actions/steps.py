"""Plan-step work recorded against an incident: step states, approvals, the command post,
closing items, units notified and experts called.

Each action that does a step's work marks the step done in its own entry (model.fulfilment).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlmodel import Session, col

from model import ledger
from model.actions._core import action, incident, moment, plain, require, settled_by_work, step, with_steps
from model.checklist import incident_steps, latest_approvals, step_title, step_titles, waiting_for
from model.fulfilment import Work, is_closing, kind_of, settling
from model.ledger import Change
from model.lifecycle import StepStatus, is_open
from model.roles import require_role
from model.state_names import incident_state, step_state
from model.tables import Approval, CommandPost, Expert, Incident, StepState, Unit

T = TypeVar("T")
K = TypeVar("K", str, int)


@action
def record_step_state(*, session: Session, operator: str, incident_no: str, step_id: str,
                      state: str, reason: str = "", happened_at: datetime | None = None) -> StepState:
    """Mark a checklist step done, skipped (with a reason) or pending again.

    A step still waiting for an approval or an earlier step cannot be marked done. A recurring
    step stays pending when done: its next round falls due one interval after this completion.
    """
    target = StepStatus(state)
    row = step(session, incident_no, step_id)
    title = step_title(session, row)
    require(row.state != target.value, "“{title}” is already {state}", title=title, state=step_state(row.state))
    if target == StepStatus.SKIPPED:
        require(bool(reason.strip()), "skipping “{title}” needs a reason", title=title)
    if target == StepStatus.DONE:
        rows = incident_steps(session, incident_no)
        steps = {other.step_id: other for other in rows}
        waiting = waiting_for(row, steps, latest_approvals(session, incident_no),
                              step_titles(session, incident_no, rows))
        require(not waiting, "“{title}” is blocked: it {waiting}", title=title, waiting=waiting)
    when = moment(happened_at)
    done = target != StepStatus.PENDING
    rearm = target == StepStatus.DONE and row.interval_minutes is not None
    values: dict[str, object] = dict(state=target.value, reason=reason, completed_at=when if done else None,
                                     completed_by=operator if done else "")
    if rearm:
        assert row.interval_minutes is not None
        values = dict(state=StepStatus.PENDING.value, reason="", completed_at=when, completed_by=operator,
                      round=row.round + 1, due_at=when + timedelta(minutes=row.interval_minutes))
    ledger.append(session, kind="step_state", operator=operator, incident_no=incident_no, happened_at=when,
                  changes_of_seq=lambda seq: [Change.set(row, **values, settled_by=seq if done else None)],
                  facts={"step": step_id, "from": row.state, "to": target.value, "reason": reason,
                         "round": row.round})
    return plain(step(session, incident_no, step_id))


@action
def record_approval(*, session: Session, operator: str, incident_no: str, authority: str,
                    approved_by: str, channel: str, step_id: str | None = None,
                    decision: str = "approved", note: str = "",
                    happened_at: datetime | None = None) -> Approval:
    """Record who approved (or refused), when and by what channel (phone, fax, document)."""
    require_role("record_approval", operator)
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
    settled = settled_by_work(session, incident_no, Work("approval_recorded", step_id=step_id,
                                                         approved=decision == "approved"))
    ledger.append(session, kind="approval_recorded", operator=operator, incident_no=incident_no,
                  happened_at=when, changes=[Change.new(row)],
                  changes_of_seq=settling(settled, when=when, operator=operator),
                  facts=with_steps({"step": step_id, "authority": authority, "approved_by": approved_by,
                                    "channel": channel, "decision": decision, "note": note}, settled))
    return plain(row)


def _open_post(session: Session, incident_no: str) -> CommandPost | None:
    return session.execute(select(CommandPost).where(
        col(CommandPost.incident_no) == incident_no, col(CommandPost.closed_at).is_(None))).scalars().first()


@action
def open_command_post(*, session: Session, operator: str, incident_no: str, commander: str,
                      location: str, phone: str = "", step_id: str | None = None,
                      happened_at: datetime | None = None) -> CommandPost:
    """Open the on-site command post (现场指挥部) with its commander and location.

    It settles every pending step asking for the command post (`step_id`, the step it was opened
    from, is checked to be one of them).
    """
    row = incident(session, incident_no)
    require(is_open(row.state), "incident {no} is {state}: a command post opens only for an open incident",
            no=incident_no, state=incident_state(row.state))
    require(_open_post(session, incident_no) is None,
            "incident {no} already has an open command post", no=incident_no)
    require(bool(commander.strip()) and bool(location.strip()), "a command post needs a commander and a location")
    _worked_step(session, incident_no, step_id, "command_post")
    when = moment(happened_at)
    post = CommandPost(id=ledger.next_id(session, CommandPost), incident_no=incident_no,
                       commander=commander, location=location, phone=phone, opened_at=when)
    settled = settled_by_work(session, incident_no, Work("command_post_opened"))
    ledger.append(session, kind="command_post_opened", operator=operator, incident_no=incident_no,
                  happened_at=when, changes=[Change.new(post)],
                  changes_of_seq=settling(settled, when=when, operator=operator),
                  facts=with_steps({"commander": commander, "location": location, "phone": phone}, settled))
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
    settled = settled_by_work(session, incident_no, Work("command_post_closed"))
    ledger.append(session, kind="command_post_closed", operator=operator, incident_no=incident_no,
                  happened_at=when, changes=[Change.set(post, closed_at=when)],
                  changes_of_seq=settling(settled, when=when, operator=operator),
                  facts=with_steps({"post": post.id, "commander": post.commander, "location": post.location}, settled))
    return plain(session.get_one(CommandPost, post.id))


@action
def tick_closing(*, session: Session, operator: str, incident_no: str, step_ids: list[str],
                 happened_at: datetime | None = None) -> list[StepState]:
    """Tick several closing-checklist items in one entry (the officer's one save on the closing screen)."""
    incident(session, incident_no)
    require(bool(step_ids), "tick at least one closing item")
    rows = [step(session, incident_no, step_id) for step_id in dict.fromkeys(step_ids)]
    for row in rows:
        require(is_closing(row.step_id) and kind_of(row) != "approval",
                "“{title}” is not an item of the closing checklist", title=step_title(session, row))
        require(row.state == StepStatus.PENDING, "“{title}” is already {state}",
                title=step_title(session, row), state=step_state(row.state))
    when = moment(happened_at)
    ledger.append(session, kind="closing_ticked", operator=operator, incident_no=incident_no, happened_at=when,
                  changes_of_seq=settling(rows, when=when, operator=operator),
                  facts={"steps": [row.step_id for row in rows]})
    return [plain(step(session, incident_no, row.step_id)) for row in rows]


def _worked_step(session: Session, incident_no: str, step_id: str | None, kind: str) -> None:
    """A step named as the one being worked must exist and ask for this kind of work."""
    if step_id is not None:
        row = step(session, incident_no, step_id)
        require(kind_of(row) == kind, "“{title}” does not ask for this", title=step_title(session, row))


def _named(session: Session, table: type[T], keys: list[K]) -> tuple[list[T], list[str]]:
    """The rows the keys name, each once and in order, and the keys that name none."""
    wanted = list(dict.fromkeys(keys))
    rows = [session.get(table, key) for key in wanted]
    return ([row for row in rows if row is not None],
            [str(key) for key, row in zip(wanted, rows, strict=True) if row is None])


def _record_contact(session: Session, operator: str, row: Incident, work: Work, facts: dict[str, object],
                    happened_at: datetime | None) -> Incident:
    """One entry saying who was contacted about the incident, settling the steps that asked for it."""
    when = moment(happened_at)
    settled = settled_by_work(session, row.no, work)
    ledger.append(session, kind=work.entry_kind, operator=operator, incident_no=row.no, happened_at=when,
                  changes=[Change.set(row, updated_at=when)],
                  changes_of_seq=settling(settled, when=when, operator=operator),
                  facts=with_steps(facts, settled))
    return plain(incident(session, row.no))


@action
def notify_units(*, session: Session, operator: str, incident_no: str, unit_codes: list[str],
                 step_id: str | None = None, happened_at: datetime | None = None) -> Incident:
    """Record that the duty offices of these units were notified (通知) of the incident."""
    row = incident(session, incident_no)
    require(bool(unit_codes), "name at least one unit to notify")
    units, missing = _named(session, Unit, unit_codes)
    require(not missing, "unit {code} does not exist", code=", ".join(missing))
    _worked_step(session, incident_no, step_id, "notify")
    return _record_contact(session, operator, row,
                           Work("units_notified", step_id=step_id, unit_kinds=frozenset(unit.kind for unit in units)),
                           {"units": [unit.code for unit in units], "step": step_id}, happened_at)


@action
def call_experts(*, session: Session, operator: str, incident_no: str, expert_ids: list[int],
                 step_id: str | None = None, happened_at: datetime | None = None) -> Incident:
    """Record that these experts were called (专家会商) for the incident."""
    row = incident(session, incident_no)
    require(bool(expert_ids), "name at least one expert to call")
    experts, missing = _named(session, Expert, expert_ids)
    require(not missing, "expert {id} does not exist", id=", ".join(missing))
    _worked_step(session, incident_no, step_id, "experts")
    return _record_contact(session, operator, row,
                           Work("experts_called", step_id=step_id,
                                expert_fields=frozenset(expert.field for expert in experts)),
                           {"experts": [expert.id for expert in experts], "step": step_id}, happened_at)
