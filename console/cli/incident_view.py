"""What `linkdesk incident show` prints, and how a command line names one of the incident's steps.

Scripts read the JSON: stable keys, state codes, step ids, the ledger entry that settled each
step. People read the lines: titles and state names in the desk's language, never an id or a
code. Both come from `model.checklist.checklist`, whose steps are `step_views`, the list the
console's plan pane shows, so the command line and the screen cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from console import labels
from model.checklist import Checklist, StepView
from model.display import shown
from model.errors import DomainError
from model.text import _
from model.timefmt import iso_local, show

JSON_STATE = {"overdue": "pending"}
"""An overdue step is a pending step whose deadline has passed; the JSON says so in `overdue`."""

def step_named(steps: Sequence[StepView], incident_no: str, name: str) -> StepView:
    """The step a command line names: by its id, or by its number in `show` (1 is the first)."""
    if name.isdecimal() and 1 <= int(name) <= len(steps):
        return steps[int(name) - 1]
    found = next((step for step in steps if step.step_id == name), None)
    if found is None:
        raise DomainError(_("incident {no} has no step {step}").format(no=incident_no, step=name))
    return found


def record(sheet: Checklist) -> dict[str, Any]:
    """The JSON object of `show --json` (keys documented in the README)."""
    row = sheet.incident
    return {
        "no": row.no,
        "type": row.type,
        "level": row.level,
        "state": row.state,
        "is_drill": row.is_drill,
        "address": shown(row.address),
        "plan": shown(sheet.plan_title) or None,
        "steps": [{
            "id": step.step_id,
            "number": number,
            "title": shown(step.title),
            "section": step.section,
            "level": step.level,
            "state": JSON_STATE.get(step.state, step.state),
            "overdue": step.state == "overdue",
            "due_at": iso_local(step.due_at) if step.due_at else None,
            "reason": shown(step.reason),
            "settled_by": step.settled_by,
        } for number, step in enumerate(sheet.steps, start=1)],
    }


def _step_line(number: int, step: StepView) -> str:
    state = labels.step_state(step.state)
    line = f"{number:>3}. [{state}] {shown(step.title)}"
    if step.counting and step.due_at is not None:
        line += "  " + _("due {at}").format(at=show(step.due_at))
    if step.reason and step.state in ("skipped", "blocked"):
        line += "  " + _("({reason})").format(reason=shown(step.reason))
    if step.settled_by is not None:
        line += "  " + _("settled by entry {seq}").format(seq=step.settled_by)
    return line


def lines(sheet: Checklist) -> list[str]:
    """The incident and its checklist as a duty officer reads it."""
    row = sheet.incident
    level = labels.level_name(row.level) if row.level else _("not graded")
    head = " · ".join(part for part in (
        row.no, labels.configured("incident_types", row.type), shown(row.address),
        labels.incident_state(row.state), level, _("DRILL") if row.is_drill else "") if part)
    out = [head]
    if sheet.plan_title:
        out.append(_("plan: {title}").format(title=shown(sheet.plan_title)))
    elif not sheet.steps:
        out.append(_("no plan activated"))
    numbered = list(enumerate(sheet.steps, start=1))
    ordinary = [(number, step) for number, step in numbered if step.section != "closing"]
    ending = [(number, step) for number, step in numbered if step.section == "closing"]
    if ordinary:
        out.append(_("Steps"))
        out += [_step_line(number, step) for number, step in ordinary]
    if ending:
        out.append(_("Closing checklist"))
        out += [_step_line(number, step) for number, step in ending]
    return out

