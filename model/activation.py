"""How a plan at a level becomes step-state rows: pure functions shared by activation and regrade.

Deadlines count from the moment the level took effect (activation, or the regrade that added the
level). The closing checklist becomes steps too, so the officer ticks it off like any other step
and `end_incident` can check it; the last closing step waits for the approval to end.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from model.ledger import canonical
from model.plans import Plan, PlannedStep, parse_plan
from model.tables import PlanActivation, StepState
from model.text import N_, _

CLOSING_PREFIX = "closing-"
CLOSING_APPROVAL = "closing-approval"
"""The step id against which the approval to end the emergency is recorded."""
CLOSING_APPROVAL_TEXT = N_("approval to end the emergency")
"""Stored as written at activation; shown in the desk's language (see `checklist.step_views`)."""


def _due(planned: PlannedStep, start: datetime) -> datetime | None:
    step = planned.step
    if step.deadline_minutes is not None:
        return start + timedelta(minutes=step.deadline_minutes)
    if step.every_minutes is not None:
        return start + timedelta(minutes=step.every_minutes)
    return None


def level_steps(plan: Plan, level: str, *, activation: PlanActivation, start: datetime, first_id: int,
                existing: Collection[str] = ()) -> list[StepState]:
    """The steps of `level` (and the levels below) that the incident does not have yet."""
    rows: list[StepState] = []
    for planned in plan.steps_for(level):
        if planned.step.id in existing:
            continue
        step = planned.step
        rows.append(StepState(
            id=first_id + len(rows), activation_id=activation.id, incident_no=activation.incident_no,
            step_id=step.id, level=planned.level, position=planned.position, text=step.text,
            responsible=step.responsible, due_at=_due(planned, start), interval_minutes=step.every_minutes,
            approval_by=step.approval_by or "", depends_on=canonical(step.depends_on),
            effects=canonical(step.effects())))
    return rows


def closing_steps(plan: Plan, *, activation: PlanActivation, first_id: int) -> list[StepState]:
    """The closing checklist as steps without deadlines, then the approval to end, which waits for them."""
    after = len(plan.ordered_steps())
    ids = [f"{CLOSING_PREFIX}{number}" for number in range(1, len(plan.closing.checklist) + 1)]
    texts = [*plan.closing.checklist, _(CLOSING_APPROVAL_TEXT)]
    rows: list[StepState] = []
    for index, (step_id, text) in enumerate(zip([*ids, CLOSING_APPROVAL], texts, strict=True)):
        last = step_id == CLOSING_APPROVAL
        rows.append(StepState(
            id=first_id + index, activation_id=activation.id, incident_no=activation.incident_no,
            step_id=step_id, level=activation.level, position=after + index + 1, text=text,
            responsible="center", approval_by=plan.closing.approval_by if last else "",
            depends_on=canonical(ids if last else []), effects=canonical({"closing": True})))
    return rows


def stored_plan(activation: PlanActivation) -> Plan:
    """The plan exactly as it was when activated, from the text kept with the activation."""
    return parse_plan(activation.plan_text, _("plan {id} version {version} stored with incident {no}").format(
        id=activation.plan_id, version=activation.plan_version, no=activation.incident_no))
