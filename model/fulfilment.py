"""Which recorded work settles which plan step: the one rule, in one table.

A step is done when the ledger holds the work it asks for, whichever key, screen or command
recorded that work: the action that records it marks the step done in the same ledger entry,
and the step keeps that entry's seq (`StepState.settled_by`). `FULFILMENT` maps every step kind
to the entry that settles it; `step_kind` reads a step's kind from what the plan says it does;
`settled_steps` picks, from an incident's pending steps, those that one piece of work settles.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from model.activation import CLOSING_APPROVAL, CLOSING_PREFIX
from model.ledger import Change
from model.lifecycle import StepStatus
from model.tables import StepState


@dataclass(frozen=True)
class Work:
    """What one action just recorded, in the terms the rules ask about."""

    entry_kind: str
    step_id: str | None = None
    """The step the officer was working, when the work was started from a step."""
    report: str | None = None
    """The kind of an upward report: initial, follow_up or final."""
    colour: str | None = None
    unit_kinds: frozenset[str] = field(default_factory=frozenset)
    expert_fields: frozenset[str] = field(default_factory=frozenset)
    dispatch_met: bool = False
    """This dispatch brings the counts the named step wants to what it asks for."""
    approved: bool = False
    units_out: int | None = None
    """Resources still out on the incident once this entry is written (None: not a roster move)."""


@dataclass(frozen=True)
class Rule:
    """How a step of one kind is settled: the entry, the action that writes it, and the condition."""

    entry_kinds: tuple[str, ...]
    actions: tuple[str, ...]
    matches: Callable[[StepState, dict[str, Any], Work], bool]
    one_per_entry: bool = False
    """One entry settles only the first matching step (one report is one report, not every due one)."""


def _named_or(row: StepState, work: Work, wanted: Iterable[str], offered: frozenset[str]) -> bool:
    """The worked step itself, or, for work started elsewhere, a step whose every ask is covered."""
    if work.step_id is not None:
        return work.step_id == row.step_id
    asked = set(wanted)
    return bool(asked) and asked <= offered


FULFILMENT: dict[str, Rule] = {
    "dispatch": Rule(("resource_dispatched",), ("dispatch_resource",),
                     lambda row, effects, work: work.step_id == row.step_id and work.dispatch_met),
    "notify": Rule(("units_notified",), ("notify_units",),
                   lambda row, effects, work: _named_or(row, work, effects.get("notify", ()), work.unit_kinds)),
    "experts": Rule(("experts_called",), ("call_experts",),
                    lambda row, effects, work: _named_or(row, work, effects.get("experts", ()), work.expert_fields)),
    "command_post": Rule(("command_post_opened",), ("open_command_post",), lambda row, effects, work: True),
    "report": Rule(("upward_report",), ("report_upward",),
                   lambda row, effects, work: effects.get("report") == work.report
                   and work.step_id in (None, row.step_id), one_per_entry=True),
    "warning": Rule(("warning_issued",), ("issue_warning",),
                    lambda row, effects, work: (work.step_id == row.step_id if work.step_id is not None
                                                else effects.get("warning") == work.colour), one_per_entry=True),
    "approval": Rule(("approval_recorded",), ("record_approval",),
                     lambda row, effects, work: work.step_id == row.step_id and work.approved),
    "command_post_closed": Rule(("command_post_closed", "incident_ended"), ("close_command_post", "end_incident"),
                                lambda row, effects, work: True),
    "final_report_sent": Rule(("upward_report",), ("report_upward",),
                              lambda row, effects, work: work.report == "final"),
    "units_withdrawn": Rule(("resource_status", "incident_ended"), ("set_resource_status", "end_incident"),
                            lambda row, effects, work: work.units_out == 0),
    "manual": Rule(("step_state", "closing_ticked"), ("record_step_state", "tick_closing"),
                   lambda row, effects, work: work.step_id == row.step_id),
}
"""Step kind → the ledger entries (and the actions writing them) that settle it, and when.

`record_step_state` (done or skipped with a reason) settles a step of any kind; the table says
which other work settles it on its own.
"""

CLOSING_ITEMS: dict[str, tuple[str, ...]] = {
    "command_post_closed": ("现场指挥部已撤销", "指挥部已撤销", "command post closed"),
    "final_report_sent": ("终报已报送", "final report sent"),
    "units_withdrawn": ("各联动单位已撤离", "所有单位已撤离", "all units withdrawn"),
}
"""Closing-checklist items the ledger can decide, recognised by the words plans write them in."""

EFFECT_KINDS = ("dispatch", "notify", "experts", "command_post", "report", "warning")
"""The plan's step effects, each a step kind of the same name, in the order a step is read."""


def closing_item_kind(text: str) -> str:
    """The kind of a closing item: one the ledger decides, or `manual` for the officer to tick."""
    folded = text.casefold()
    for kind, phrases in CLOSING_ITEMS.items():
        if any(phrase.casefold() in folded for phrase in phrases):
            return kind
    return "manual"


def step_kind(step_id: str, text: str, effects: dict[str, Any], approval_by: str) -> str:
    """The kind of a step, from what the plan says it does (its effects, its approval, its text)."""
    if step_id == CLOSING_APPROVAL:
        return "approval"
    if step_id.startswith(CLOSING_PREFIX):
        return closing_item_kind(text)
    for kind in EFFECT_KINDS:
        if effects.get(kind):
            return kind
    return "approval" if approval_by else "manual"


def kind_of(row: StepState) -> str:
    return step_kind(row.step_id, row.text, json.loads(row.effects), row.approval_by)


def is_closing(step_id: str) -> bool:
    return step_id.startswith(CLOSING_PREFIX)


def settled_steps(rows: Sequence[StepState], work: Work) -> list[StepState]:
    """The pending steps among `rows` that `work` settles, in plan order."""
    chosen: list[StepState] = []
    first_of_kind: dict[str, StepState] = {}
    for row in rows:
        if row.state != StepStatus.PENDING:
            continue
        kind = kind_of(row)
        rule = FULFILMENT[kind]
        if work.entry_kind not in rule.entry_kinds or not rule.matches(row, json.loads(row.effects), work):
            continue
        if not rule.one_per_entry:
            chosen.append(row)
        elif kind not in first_of_kind or _due_key(row) < _due_key(first_of_kind[kind]):
            first_of_kind[kind] = row
    chosen += first_of_kind.values()
    return sorted(chosen, key=lambda row: row.position)


def _due_key(row: StepState) -> tuple[int, float, int]:
    """Earliest due first; a step without a deadline after every step with one."""
    return (0, row.due_at.timestamp(), row.position) if row.due_at else (1, 0.0, row.position)


def done_change(row: StepState, *, seq: int, when: datetime, operator: str) -> Change:
    """Mark a step done by entry `seq`; a recurring step falls due again one interval later."""
    if row.interval_minutes is not None:
        return Change.set(row, state=StepStatus.PENDING.value, reason="", completed_at=when, completed_by=operator,
                          round=row.round + 1, due_at=when + timedelta(minutes=row.interval_minutes),
                          settled_by=seq)
    return Change.set(row, state=StepStatus.DONE.value, reason="", completed_at=when, completed_by=operator,
                      settled_by=seq)


def settling(rows: Sequence[StepState], *, when: datetime, operator: str) -> Callable[[int], list[Change]]:
    """The changes that mark `rows` done by the entry being written, for `ledger.append(changes_of_seq=…)`."""
    return lambda seq: [done_change(row, seq=seq, when=when, operator=operator) for row in rows]
