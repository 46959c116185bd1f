"""What `d` offers: the resources the running plan asks for now, recommended first and said in words.

Read side, run in a worker. Without a step's own wants, the wants are those of the plan's open
dispatch steps less what was already sent for them; each wanted type is filled by
`model.recommend` (lower tier, then nearest, then longest idle), and whatever cannot be filled is
stated as the shortfall.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from console import labels
from console.screens.dispatch import DispatchChoice, Suggested
from model.checklist import step_views
from model.recommend import distance_km, recommend
from model.tables import Assignment, Incident, Resource
from model.text import _


def open_wants(session: Any, incident_no: str, now: Any) -> dict[str, int]:
    """Resource type → count still wanted by the plan's dispatch steps that are open and not blocked."""
    sent: dict[tuple[str | None, str], int] = {
        (step_id, resource_type): number for step_id, resource_type, number in session.execute(
            select(Assignment.step_id, Resource.type, func.count())
            .join(Resource, Resource.code == Assignment.resource_code)
            .where(Assignment.incident_no == incident_no).group_by(Assignment.step_id, Resource.type))}
    wanted: dict[str, int] = {}
    for step in step_views(session, incident_no, now):
        asks = dict(step.effects.get("dispatch") or {})
        if step.state in ("done", "skipped", "blocked"):
            continue
        for resource_type, count in asks.items():
            left = count - sent.get((step.step_id, resource_type), 0)
            if left > 0:
                wanted[resource_type] = wanted.get(resource_type, 0) + left
    return wanted


def _why(resource: Any, target: Incident | None) -> str:
    """"2.3 km away · available" — how near the preselected resource is, and that it is free."""
    known = target is not None and None not in (target.lat, target.lon, resource.lat, resource.lon)
    near = (_("{km:.1f} km away").format(km=distance_km(target.lat, target.lon, resource.lat, resource.lon))  # type: ignore[union-attr, arg-type]
            if known else _("distance unknown"))
    return f"{near} · {labels.resource_status(resource.status)}"


def dispatch_choice(session: Any, incident_no: str, wanted: dict[str, int] | None, now: Any) -> DispatchChoice:
    """Recommended resources first (with why), then every other available one, and the preselection in words."""
    from model.queries import roster_rows

    target = session.get(Incident, incident_no)
    wants = wanted if wanted is not None else open_wants(session, incident_no, now)
    rows = {row.code: row for row in roster_rows(session) if row.status == "available"}
    recommended: list[Suggested] = []
    short: list[str] = []
    said: list[str] = []
    for resource_type, count in wants.items():
        found = recommend(session, incident_no, resource_type, count)
        name = labels.configured("resource_types", resource_type)
        for resource in found.resources:
            row = rows.get(resource.code)
            if row is not None:
                recommended.append(Suggested(row, _why(resource, target)))
        if found.resources:
            said.append(_("{count} × {type}").format(count=len(found.resources), type=name))
        if found.shortfall:
            short.append(_("{type} short by {count}").format(type=name, count=found.shortfall))
    chosen = {suggested.row.code for suggested in recommended}
    others = sorted((row for code, row in rows.items() if code not in chosen), key=lambda row: (row.tier, row.code))
    if said:
        words = _("Preselected for what the plan asks now: {what}").format(what=", ".join(said))
    else:
        words = _("Nothing is preselected: the plan asks for no resources now; tick what to send")
    shortfall = _("not enough available: {what}").format(what=", ".join(short)) if short else ""
    return DispatchChoice(recommended, others, words, shortfall)

