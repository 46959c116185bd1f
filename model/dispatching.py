"""What `d` offers from anywhere: the resources recommended for the incident first, then the rest.

The recommendation reads what the plan still wants: each pending dispatch step's counts less what
was already sent for it (the plan running for the incident, else the plan proposed for its type at
its level). Each wanted resource type gets the best available ones (tier, distance, fair share:
model.recommend); what cannot be met is the shortfall. The level's units per tier are stated with
how many of each kind already work the incident. The preselection is said in words.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlmodel import Session, col

from model.activation import stored_plan
from model.checklist import incident_steps, step_titles
from model.config import load_config
from model.display import shown
from model.fulfilment import kind_of
from model.lifecycle import ResourceStatus, StepStatus
from model.lookups import incident
from model.plans import Plan, load_plans, plan_for_type
from model.queries import ResourceRow, roster_rows
from model.recommend import distance_km, recommend
from model.tables import Assignment, PlanActivation, Resource, Unit
from model.text import _, language


@dataclass(frozen=True)
class RecommendedResource:
    """A resource offered first, with why: the step that wants it and how far it is."""

    resource: ResourceRow
    distance_km: float | None
    step_id: str | None
    step_title: str


@dataclass(frozen=True)
class DispatchChoices:
    """The dispatch list: recommended first (preselected), then every other available resource."""

    recommended: list[RecommendedResource]
    others: list[ResourceRow]
    shortfall: list[str]
    """Each wanted type that cannot be met in full, in words: `客车 ×1`."""
    said: str
    """The preselection in words, for the line above the list."""
    units_wanted: list[str] = field(default_factory=list)
    """The level's units per tier (`第一梯队：消防 4（已到 2）…`), for the officer to read against the roster."""


def _running_plan(session: Session, incident_no: str) -> tuple[Plan | None, str | None]:
    activation = session.execute(select(PlanActivation).where(col(PlanActivation.incident_no) == incident_no)
                                 .order_by(col(PlanActivation.id).desc())).scalars().first()
    if activation is not None:
        return stored_plan(activation), None
    row = incident(session, incident_no)
    return plan_for_type(load_plans(), row.type), row.level


def _wanted_by_step(session: Session, incident_no: str) -> list[tuple[str | None, str, dict[str, int]]]:
    """(step id, title, still wanted by type) for each dispatch step the plan still asks for."""
    rows = incident_steps(session, incident_no)
    if rows:
        titles = step_titles(session, incident_no, rows)
        sent = Counter({(step_id, kind): count for step_id, kind, count in session.execute(
            select(col(Assignment.step_id), col(Resource.type), func.count())
            .join(Resource, col(Resource.code) == col(Assignment.resource_code))
            .where(col(Assignment.incident_no) == incident_no).group_by(col(Assignment.step_id), col(Resource.type)))})
        wanted: list[tuple[str | None, str, dict[str, int]]] = []
        for row in rows:
            if row.state != StepStatus.PENDING or kind_of(row) != "dispatch":
                continue
            asks = dict(json.loads(row.effects).get("dispatch", {}))
            left = {kind: count - sent[(row.step_id, kind)] for kind, count in asks.items()
                    if count > sent[(row.step_id, kind)]}
            if left:
                wanted.append((row.step_id, titles[row.step_id], left))
        return wanted
    plan, level = _running_plan(session, incident_no)
    if plan is None:
        return []
    least = max(load_config().levels, key=lambda item: item.rank).code
    return [(planned.step.id, planned.step.text if language() == "zh" else planned.step.text_en or planned.step.text,
             dict(planned.step.dispatch))
            for planned in plan.steps_for(level or least) if planned.step.dispatch]


def _units_wanted(session: Session, incident_no: str) -> list[str]:
    plan, level = _running_plan(session, incident_no)
    row = incident(session, incident_no)
    code = row.level or level
    if plan is None or code is None or code not in plan.levels:
        return []
    config = load_config()
    engaged = Counter(kind for _unit, kind in session.execute(
        select(col(Unit.code), col(Unit.kind)).join(Resource, col(Resource.unit_code) == col(Unit.code))
        .join(Assignment, col(Assignment.resource_code) == col(Resource.code))
        .where(col(Assignment.incident_no) == incident_no).distinct()))
    lines = []
    tiers = {tier.tier: tier for tier in config.tiers}
    for tier, kinds in sorted(plan.levels[code].units.items()):
        name = (tiers[tier].zh if language() == "zh" else tiers[tier].en) if tier in tiers else str(tier)
        parts = [_("{kind} {count} (engaged {engaged})").format(
            kind=config.name_of("unit_kinds", kind, language()), count=count, engaged=engaged[kind])
            for kind, count in kinds.items()]
        lines.append(_("{tier}: {units}").format(tier=name, units=_(", ").join(parts)))
    return lines


def dispatch_choices(session: Session, incident_no: str, wanted: dict[str, int] | None = None,
                     step_id: str | None = None) -> DispatchChoices:
    """The resources to offer for the incident: recommended first, then the other available ones.

    `wanted` (a step's counts, with that `step_id`) replaces what the plan still wants.
    """
    target = incident(session, incident_no)
    config = load_config()
    titles = step_titles(session, incident_no, incident_steps(session, incident_no))
    asks = ([(step_id, titles.get(step_id or "", ""), wanted)] if wanted is not None
            else _wanted_by_step(session, incident_no))
    rows = {row.code: row for row in roster_rows(session) if row.status == ResourceStatus.AVAILABLE.value}
    positions = {code: (lat, lon) for code, lat, lon in session.execute(
        select(col(Resource.code), col(Resource.lat), col(Resource.lon)))}

    def distance(code: str) -> float | None:
        lat, lon = positions.get(code, (None, None))
        if lat is None or lon is None or target.lat is None or target.lon is None:
            return None
        return distance_km(target.lat, target.lon, lat, lon)

    recommended: list[RecommendedResource] = []
    taken: set[str] = set()
    short: list[str] = []
    said: list[str] = []
    for asked_step, title, counts in asks:
        for resource_type, count in counts.items():
            found = recommend(session, incident_no, resource_type, count + len(taken))
            chosen = [resource for resource in found.resources if resource.code not in taken][:count]
            taken.update(resource.code for resource in chosen)
            type_name = config.name_of("resource_types", resource_type, language())
            recommended += [RecommendedResource(resource=rows[resource.code], distance_km=distance(resource.code),
                                                step_id=asked_step, step_title=title)
                            for resource in chosen if resource.code in rows]
            if len(chosen) < count:
                short.append(f"{type_name} ×{count - len(chosen)}")
            if chosen:
                names = _(", ").join(shown(resource.name) for resource in chosen)
                said.append(_("{type} ×{count} ({names}) for “{step}”").format(
                    type=type_name, count=len(chosen), names=names, step=shown(title)) if title
                    else _("{type} ×{count} ({names})").format(type=type_name, count=len(chosen), names=names))
    sentence = _("Preselected: {what}").format(what=_("; ").join(said)) if said else _("Nothing preselected: the plan "
                                                                                         "wants no more resources")
    if short:
        sentence += _("; not enough available: {what}").format(what=_(", ").join(short))
    others = sorted((row for code, row in rows.items() if code not in taken),
                    key=lambda row: (row.tier, distance(row.code) is None, distance(row.code) or 0.0, row.code))
    return DispatchChoices(recommended=recommended, others=others, shortfall=short, said=sentence,
                           units_wanted=_units_wanted(session, incident_no))
