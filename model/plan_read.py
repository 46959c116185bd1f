"""The plan pane's read, in one unit of work: the title, the checklist and the entry that settled each step.

Runs in the desk's ledger follower; the pane gets a `PlanView` of plain values and never touches the database.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from model.checklist import StepView, step_views
from model.display import shown
from model.plan_view import PlanView, level_words
from model.state_names import entry_kind
from model.tables import Expert, Incident, LedgerEntry, PlanActivation, Unit
from model.text import N_, _, pick

UPWARD_TITLES = {"initial": N_("initial report"), "follow_up": N_("follow-up report"), "final": N_("final report")}
"""An upward report's kind by its name, as the settling entry of a report step names it."""


@lru_cache(maxsize=64)
def _plan_titles(plan_text: str) -> tuple[str, str]:
    from model.plans import parse_plan

    plan = parse_plan(plan_text, "stored plan")
    return plan.title_zh, plan.title_en


def _names(session: Session, table: Any, keys: list[Any]) -> list[str]:
    """Units or experts by name, as the officer called them; a key no longer on the roster as itself."""
    return [shown(row.name) if (row := session.get(table, key)) is not None else shown(str(key)) for key in keys]


def entry_words(session: Session, entry: LedgerEntry) -> str:
    """A settling entry by its kind and the facts that say what was done; outside text made visible."""
    facts: dict[str, Any] = json.loads(entry.payload).get("facts", {})
    kind = entry_kind(entry.kind)
    if entry.kind == "command_post_opened":
        return f"{kind}: {shown(facts.get('commander'))}, {shown(facts.get('location'))}"
    if entry.kind == "upward_report":
        title = UPWARD_TITLES.get(str(facts.get("kind")))
        return f"{_(title) if title else kind} → {shown(facts.get('recipient'))}"
    if entry.kind == "approval_recorded":
        return f"{kind}: {shown(facts.get('authority'))} {shown(facts.get('approved_by'))}"
    if entry.kind == "resource_dispatched":
        return f"{kind}: {shown(facts.get('resource'))}"
    if entry.kind == "units_notified":
        return _("notified: {units}").format(units=", ".join(_names(session, Unit, facts.get("units", []))))
    if entry.kind == "experts_called":
        return _("called: {experts}").format(experts=", ".join(_names(session, Expert, facts.get("experts", []))))
    if entry.kind == "closing_ticked":
        return _("ticked on the closing checklist")
    if entry.kind == "step_state" and facts.get("reason"):
        return f"{kind}: {shown(facts.get('reason'))}"
    if entry.kind == "step_state":
        return _("marked by hand")
    return kind


def _settlements(session: Session, steps: list[StepView]) -> dict[str, str]:
    seqs = {step.step_id: step.settled_by for step in steps if step.settled_by is not None}
    if not seqs:
        return {}
    rows = session.execute(select(LedgerEntry).where(LedgerEntry.seq.in_(set(seqs.values())))).scalars()  # type: ignore[attr-defined]
    words = {row.seq: entry_words(session, row) for row in rows}
    return {step_id: words[seq] for step_id, seq in seqs.items() if seq in words}


def load_plan_view(session: Session, incident_no: str, now: datetime) -> PlanView:
    """The plan pane's content for one incident: the plan's title in the desk's language at the current level."""
    incident = session.get(Incident, incident_no)
    activation = session.execute(select(PlanActivation).where(col(PlanActivation.incident_no) == incident_no)
                                 .order_by(col(PlanActivation.id).desc())).scalars().first()
    if activation is None:
        return PlanView(incident_no, _("Plan · {no}: not activated (a)").format(no=incident_no))
    plan_title = pick(*_plan_titles(activation.plan_text))
    title = _("{plan} · {level}").format(
        plan=shown(plan_title), level=level_words(incident.level if incident else activation.level))
    steps = step_views(session, incident_no, now)
    return PlanView(incident_no, title, steps, _settlements(session, steps))


def plan_step_titles(session: Session, numbers: list[str], lang: str) -> dict[tuple[str, str], str]:
    """Each incident's plan steps by their titles in language `lang`, keyed by (incident, step id):
    the plans activated on it, else the plan of its type (a drill assessment names every step)."""
    from model.activation import stored_plan
    from model.plans import Plan, PlanError, load_plans, plan_for_type

    titles: dict[tuple[str, str], str] = {}
    for number in numbers:
        plans: list[Plan] = []
        activated = select(PlanActivation).where(col(PlanActivation.incident_no) == number)
        for activation in session.execute(activated).scalars():
            try:
                plans.append(stored_plan(activation))
            except PlanError:
                continue
        incident = session.get(Incident, number)
        if not plans and incident is not None:
            plans.append(plan_for_type(load_plans(), incident.type))
        for plan in plans:
            for planned in plan.ordered_steps():
                step = planned.step
                titles[(number, step.id)] = step.text_en if lang == "en" and step.text_en else step.text
    return titles
