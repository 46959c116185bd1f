"""The checklist as the officer sees it: each step's shown state, and what a blocked step waits for.

Read side only. The same rule (`waiting_for`) is asked by `record_step_state` before it lets a
step be marked done, so the screen and the refusal never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from model.activation import CLOSING_APPROVAL, CLOSING_APPROVAL_TEXT
from model.fulfilment import is_closing, kind_of
from model.lifecycle import StepStatus, is_open
from model.tables import Approval, Incident, PlanActivation, StepState
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
    settled_by: int | None = None
    """The seq of the ledger entry that settled the step (done or skipped), or None while it is open."""
    kind: str = "manual"
    """The step kind of model.fulfilment: what work settles it."""
    section: str = "level"
    """`level` for a step of the activated levels, `closing` for the closing checklist."""
    title: str = ""
    """What the step asks, in the desk's language (the same as `text`)."""
    counting: bool = True
    """Whether its deadline still counts down: never for a settled step or once the incident has ended."""


def latest_approvals(session: Session, incident_no: str) -> dict[str, Approval]:
    """The last decision recorded against each step of the incident."""
    rows = session.execute(select(Approval).where(
        col(Approval.incident_no) == incident_no,
        col(Approval.step_id).is_not(None)).order_by(col(Approval.id))).scalars()
    return {row.step_id: row for row in rows if row.step_id is not None}


def _settled(row: StepState | None) -> bool:
    """Done or skipped; a recurring step counts once its first round is done."""
    return row is not None and (row.state != StepStatus.PENDING or row.completed_at is not None)


def waiting_for(row: StepState, steps: Mapping[str, StepState], approvals: Mapping[str, Approval],
                titles: Mapping[str, str] | None = None) -> str:
    """What a pending step still waits for (an approval, earlier steps, named by title), or "" when it can be done."""
    reasons: list[str] = []
    if row.approval_by:
        decision = approvals.get(row.step_id)
        if decision is None:
            reasons.append(_("approval by {authority}").format(authority=row.approval_by))
        elif decision.decision != "approved":
            reasons.append(_("approval by {authority} (refused by {who})").format(
                authority=row.approval_by, who=decision.approved_by))
    unsettled = [needed for needed in json.loads(row.depends_on) if not _settled(steps.get(needed))]
    if unsettled:
        named = [(titles or {}).get(needed) or (steps[needed].text if needed in steps else needed)
                 for needed in unsettled]
        reasons.append(_(", ").join(_("“{title}”").format(title=title) for title in named))
    return _("waits for {what}").format(what=_(", ").join(reasons)) if reasons else ""


def incident_steps(session: Session, incident_no: str) -> list[StepState]:
    return list(session.execute(select(StepState).where(col(StepState.incident_no) == incident_no)
                                .order_by(col(StepState.position))).scalars())


@lru_cache(maxsize=64)
def _english_texts(plan_text: str) -> dict[str, str]:
    from model.plans import parse_plan

    plan = parse_plan(plan_text, "stored plan")
    return {planned.step.id: planned.step.text_en for planned in plan.ordered_steps() if planned.step.text_en}


def english_texts(session: Session, incident_no: str) -> dict[str, str]:
    """Step texts in English where the activated plan gives them; the steps themselves keep the Chinese."""
    texts: dict[str, str] = {}
    activations = session.execute(select(col(PlanActivation.plan_text)).where(
        col(PlanActivation.incident_no) == incident_no).order_by(col(PlanActivation.id))).scalars()
    from model.plans import PlanError

    for plan_text in activations:
        try:
            texts.update(_english_texts(plan_text))
        except PlanError:
            continue  # a stored text today's configuration no longer reads: its steps keep their Chinese
    return texts


def step_title(session: Session, row: StepState) -> str:
    """What the officer reads for a step, in the desk's language: never its id."""
    if row.step_id == CLOSING_APPROVAL:
        return _(CLOSING_APPROVAL_TEXT)
    english = english_texts(session, row.incident_no) if language() == "en" else {}
    return pick(row.text, english.get(row.step_id))


def step_titles(session: Session, incident_no: str, rows: list[StepState]) -> dict[str, str]:
    """Each step's title in the desk's language, by step id."""
    english = english_texts(session, incident_no) if language() == "en" else {}
    words = {CLOSING_APPROVAL: _(CLOSING_APPROVAL_TEXT)}
    return {row.step_id: words.get(row.step_id) or pick(row.text, english.get(row.step_id)) for row in rows}


def step_views(session: Session, incident_no: str, now: datetime) -> list[StepView]:
    """The incident's checklist in plan order, each step shown as pending, done, skipped, blocked or overdue.

    Once the incident has ended nothing counts down: a step still open shows pending, never overdue.
    """
    rows = incident_steps(session, incident_no)
    titles = step_titles(session, incident_no, rows)
    by_id = {row.step_id: row for row in rows}
    approvals = latest_approvals(session, incident_no)
    incident = session.get(Incident, incident_no)
    running = incident is None or is_open(incident.state)
    views: list[StepView] = []
    for row in rows:
        shown, reason = row.state, row.reason
        if row.state == StepStatus.PENDING:
            reason = waiting_for(row, by_id, approvals, titles)
            overdue = running and row.due_at is not None and row.due_at < now
            shown = "blocked" if reason else ("overdue" if overdue else "pending")
        title = titles[row.step_id]
        views.append(StepView(
            step_id=row.step_id, level=row.level, position=row.position, text=title,
            responsible=row.responsible, due_at=row.due_at, state=shown, reason=reason,
            approval_by=row.approval_by, effects=json.loads(row.effects),
            interval_minutes=row.interval_minutes, round=row.round, completed_at=row.completed_at,
            completed_by=row.completed_by, settled_by=row.settled_by, kind=kind_of(row),
            section="closing" if is_closing(row.step_id) else "level", title=title,
            counting=running and row.state == StepStatus.PENDING and row.due_at is not None))
    return views


def open_steps(session: Session, incident_no: str) -> list[StepState]:
    """Steps of the activated levels neither done nor skipped (a recurring step counts once its first round is done)."""
    return [row for row in incident_steps(session, incident_no)
            if not is_closing(row.step_id) and not _settled(row)]


@dataclass(frozen=True)
class ChecklistIncident:
    """The incident as `linkdesk incident show` heads its checklist."""

    no: str
    type: str
    level: str | None
    state: str
    is_drill: bool
    address: str


@dataclass(frozen=True)
class Checklist:
    """One incident and its checklist in the order `show` numbers it."""

    incident: ChecklistIncident
    plan_title: str
    steps: tuple[StepView, ...]


def checklist(session: Session, incident_no: str, now: datetime) -> Checklist:
    """The incident, the title of its newest plan (in the desk's language) and its steps; refuses an
    incident that does not exist."""
    from model.activation import stored_plan
    from model.lookups import incident

    row = incident(session, incident_no)
    activation = session.execute(select(PlanActivation).where(col(PlanActivation.incident_no) == incident_no)
                                 .order_by(col(PlanActivation.id).desc())).scalars().first()
    title = ""
    if activation is not None:
        plan = stored_plan(activation)
        title = pick(plan.title_zh, plan.title_en)
    return Checklist(ChecklistIncident(row.no, row.type, row.level, row.state, row.is_drill, row.address),
                     title, tuple(step_views(session, incident_no, now)))
