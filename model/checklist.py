"""The checklist as the officer sees it: each step's shown state, and what a blocked step waits for.

Read side only. The same rule (`waiting_for`) is asked by `record_step_state` before it lets a
step be marked done, so the screen and the refusal never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from model.activation import CLOSING_APPROVAL, CLOSING_APPROVAL_TEXT
from model.lifecycle import StepStatus
from model.tables import Approval, PlanActivation, StepState
from model.text import _, language, pick

SHOWN_STATES = ("pending", "done", "skipped", "blocked", "overdue")


@dataclass(frozen=True)
class StepView:
    """One checklist line, detached from the database, ready for a pane or a report."""

    step_id: str
    level: str
    position: int
    text: str
    responsible: str
    due_at: datetime | None
    state: str
    reason: str
    approval_by: str
    effects: dict[str, Any]
    interval_minutes: int | None
    round: int
    completed_at: datetime | None
    completed_by: str


def latest_approvals(session: Session, incident_no: str) -> dict[str, Approval]:
    """The last decision recorded against each step of the incident."""
    rows = session.execute(select(Approval).where(
        Approval.incident_no == incident_no, Approval.step_id.is_not(None)).order_by(Approval.id)).scalars()  # type: ignore[union-attr, arg-type]
    return {row.step_id: row for row in rows if row.step_id is not None}


def _settled(row: StepState | None) -> bool:
    """Done or skipped; a recurring step counts once its first round is done."""
    return row is not None and (row.state != StepStatus.PENDING or row.completed_at is not None)


def waiting_for(row: StepState, steps: Mapping[str, StepState], approvals: Mapping[str, Approval]) -> str:
    """What a pending step still waits for (an approval, earlier steps), or "" when it can be done."""
    reasons: list[str] = []
    if row.approval_by:
        decision = approvals.get(row.step_id)
        if decision is None:
            reasons.append(_("approval by {authority}").format(authority=row.approval_by))
        elif decision.decision != "approved":
            reasons.append(_("approval by {authority} (refused by {who})").format(
                authority=row.approval_by, who=decision.approved_by))
    unsettled = [needed for needed in json.loads(row.depends_on) if not _settled(steps.get(needed))]
    if len(unsettled) == 1:
        reasons.append(_("step {id}").format(id=unsettled[0]))
    elif unsettled:
        reasons.append(_("steps {ids}").format(ids=", ".join(unsettled)))
    return _("waits for {what}").format(what=", ".join(reasons)) if reasons else ""


def incident_steps(session: Session, incident_no: str) -> list[StepState]:
    return list(session.execute(select(StepState).where(StepState.incident_no == incident_no)
                                .order_by(StepState.position)).scalars())  # type: ignore[arg-type]


@lru_cache(maxsize=64)
def _english_texts(plan_text: str) -> dict[str, str]:
    from model.plans import parse_plan

    plan = parse_plan(plan_text, "stored plan")
    return {planned.step.id: planned.step.text_en for planned in plan.ordered_steps() if planned.step.text_en}


def english_texts(session: Session, incident_no: str) -> dict[str, str]:
    """Step texts in English where the activated plan gives them; the steps themselves keep the Chinese."""
    texts: dict[str, str] = {}
    activations = session.execute(select(PlanActivation.plan_text).where(  # type: ignore[call-overload]
        PlanActivation.incident_no == incident_no).order_by(PlanActivation.id)).scalars()
    for plan_text in activations:
        texts.update(_english_texts(plan_text))
    return texts


def step_views(session: Session, incident_no: str, now: datetime) -> list[StepView]:
    """The incident's checklist in plan order, each step shown as pending, done, skipped, blocked or overdue."""
    rows = incident_steps(session, incident_no)
    english = english_texts(session, incident_no) if language() == "en" else {}
    words = {CLOSING_APPROVAL: _(CLOSING_APPROVAL_TEXT)}
    by_id = {row.step_id: row for row in rows}
    approvals = latest_approvals(session, incident_no)
    views: list[StepView] = []
    for row in rows:
        shown, reason = row.state, row.reason
        if row.state == StepStatus.PENDING:
            reason = waiting_for(row, by_id, approvals)
            overdue = row.due_at is not None and row.due_at < now
            shown = "blocked" if reason else ("overdue" if overdue else "pending")
        views.append(StepView(
            step_id=row.step_id, level=row.level, position=row.position, text=words.get(row.step_id) or pick(row.text, english.get(row.step_id)),
            responsible=row.responsible, due_at=row.due_at, state=shown, reason=reason,
            approval_by=row.approval_by, effects=json.loads(row.effects),
            interval_minutes=row.interval_minutes, round=row.round, completed_at=row.completed_at,
            completed_by=row.completed_by))
    return views
