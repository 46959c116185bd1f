"""Starting a plan for an incident (启动预案): its level's steps become the incident's checklist."""

from __future__ import annotations

from datetime import datetime

import yaml
from sqlalchemy import select
from sqlmodel import Session, col

from model import ledger
from model.actions._core import action, incident, moment, plain, require
from model.actions._prior import settle_from_record
from model.activation import closing_steps, level_steps
from model.ledger import Change
from model.lifecycle import IncidentState
from model.plans import Plan, content_hash
from model.roles import require_role
from model.state_names import incident_state
from model.tables import PlanActivation, StepState


def plan_text(plan: Plan) -> str:
    """The text to keep with the activation: the file as read, or a faithful dump of a built plan."""
    return plan.text or yaml.safe_dump(plan.model_dump(mode="json"), allow_unicode=True, sort_keys=False)


def current_activation(session: Session, incident_no: str) -> PlanActivation | None:
    return session.execute(select(PlanActivation).where(col(PlanActivation.incident_no) == incident_no)
                           .order_by(col(PlanActivation.id).desc())).scalars().first()


@action
def activate_plan(*, session: Session, operator: str, incident_no: str, plan: Plan,
                  happened_at: datetime | None = None) -> PlanActivation:
    """Activate `plan` at the incident's level; deadlines count from `happened_at` (default now)."""
    require_role("activate_plan", operator)
    row = incident(session, incident_no)
    running = current_activation(session, incident_no)
    require(running is None, "incident {no} already runs plan {plan}: raise or lower its level instead",
            no=incident_no, plan=running.plan_id if running else "")
    require(row.state == IncidentState.VERIFIED,
            "incident {no} is {state}: a plan is activated for a verified incident", no=incident_no,
            state=incident_state(row.state))
    require(row.level is not None, "incident {no} has no level yet: grade it before activating a plan",
            no=incident_no)
    assert row.level is not None
    require(bool(plan.steps_for(row.level)),
            "plan {plan} has no steps at level {level} or below", plan=plan.id, level=row.level)
    when = moment(happened_at)
    text = plan_text(plan)
    activation = PlanActivation(id=ledger.next_id(session, PlanActivation), incident_no=incident_no,
                                plan_id=plan.id, plan_version=plan.version, content_hash=content_hash(text),
                                plan_text=text, level=row.level, activated_at=when)
    first_id = ledger.next_id(session, StepState)
    steps = level_steps(plan, row.level, activation=activation, start=when, first_id=first_id)
    steps += closing_steps(plan, activation=activation, first_id=first_id + len(steps))
    settle_from_record(session, incident_no, steps)
    ledger.append(session, kind="plan_activated", operator=operator, incident_no=incident_no, happened_at=when,
                  facts={"plan": plan.id, "version": plan.version, "hash": activation.content_hash,
                         "level": row.level, "steps": [step.step_id for step in steps]},
                  changes=[Change.new(activation), *(Change.new(step) for step in steps),
                           Change.set(row, state=IncidentState.ACTIVE.value, activated_at=when, updated_at=when)])
    return plain(activation)
