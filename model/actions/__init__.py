"""The one way in for writes: every action validates, then writes one ledger entry and its state
change in one transaction, and returns a plain read model. The console and the CLI both call these.

The actions load on first use (PEP 562), not with the package: the console imports this package
on its way to the first paint, and the action modules bring in SQLAlchemy. `load()` brings them
all in at once, from a worker, before the officer's first write.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from model.actions.drills import feed_inject, finish_drill, pause_drill, resume_drill, start_drill, stop_drill
    from model.actions.imports import (
        FileRow,
        ImportProgress,
        ImportRefused,
        ImportSource,
        ImportSummary,
        RowError,
        import_rows,
    )
    from model.actions.incidents import (
        add_note,
        close_incident,
        end_incident,
        grade,
        mark_false_alarm,
        merge_into,
        receive_report,
        regrade,
        report_upward,
        verify,
    )
    from model.actions.plans import activate_plan
    from model.actions.resources import correct_resource_status, dispatch_resource, set_resource_status
    from model.actions.roster import register_expert, register_resource, register_unit, set_material_stock
    from model.actions.seats import sign_in
    from model.actions.shifts import hand_over_shift, start_shift
    from model.actions.steps import (
        call_experts,
        close_command_post,
        notify_units,
        open_command_post,
        record_approval,
        record_step_state,
        tick_closing,
    )
    from model.actions.warnings import issue_warning, lift_warning, update_warning

HOME = {
    **dict.fromkeys(("FileRow", "ImportProgress", "ImportRefused", "ImportSource", "ImportSummary", "RowError",
                     "import_rows"), "imports"),
    **dict.fromkeys(("add_note", "close_incident", "end_incident", "grade", "mark_false_alarm", "merge_into",
                     "receive_report", "regrade", "report_upward", "verify"), "incidents"),
    "activate_plan": "plans",
    **dict.fromkeys(("feed_inject", "finish_drill", "pause_drill", "resume_drill", "start_drill", "stop_drill"),
                    "drills"),
    "correct_resource_status": "resources", "dispatch_resource": "resources", "set_resource_status": "resources",
    **dict.fromkeys(("register_expert", "register_resource", "register_unit", "set_material_stock"), "roster"),
    "hand_over_shift": "shifts", "start_shift": "shifts", "sign_in": "seats",
    **dict.fromkeys(("call_experts", "close_command_post", "notify_units", "open_command_post", "record_approval",
                     "record_step_state", "tick_closing"), "steps"),
    **dict.fromkeys(("issue_warning", "lift_warning", "update_warning"), "warnings"),
}
"""The module of model.actions that defines each public name."""


def __getattr__(name: str) -> Any:
    if name not in HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"model.actions.{HOME[name]}"), name)
    globals()[name] = value
    return value


def load() -> None:
    """Import every action module now (the console calls this from the worker that opens the ledger)."""
    for name in HOME:
        __getattr__(name)


__all__ = [
    "FileRow",
    "ImportProgress",
    "ImportRefused",
    "ImportSource",
    "ImportSummary",
    "RowError",
    "activate_plan",
    "add_note",
    "call_experts",
    "close_command_post",
    "close_incident",
    "correct_resource_status",
    "dispatch_resource",
    "end_incident",
    "feed_inject",
    "finish_drill",
    "grade",
    "hand_over_shift",
    "import_rows",
    "issue_warning",
    "lift_warning",
    "mark_false_alarm",
    "merge_into",
    "notify_units",
    "open_command_post",
    "pause_drill",
    "receive_report",
    "record_approval",
    "record_step_state",
    "register_expert",
    "register_resource",
    "register_unit",
    "regrade",
    "report_upward",
    "resume_drill",
    "set_material_stock",
    "set_resource_status",
    "sign_in",
    "start_drill",
    "start_shift",
    "stop_drill",
    "tick_closing",
    "update_warning",
    "verify",
]
