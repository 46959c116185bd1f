"""The one way in for writes: every action validates, then writes one ledger entry and its state
change in one transaction, and returns a plain read model. The console and the CLI both call these.
"""

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
from model.actions.resources import dispatch_resource, set_resource_status
from model.actions.roster import register_expert, register_resource, register_unit, set_material_stock
from model.actions.shifts import hand_over_shift, start_shift
from model.actions.steps import (
    close_command_post,
    open_command_post,
    record_approval,
    record_step_state,
)
from model.actions.warnings import issue_warning, lift_warning, update_warning

__all__ = [
    "activate_plan",
    "FileRow",
    "ImportProgress",
    "ImportRefused",
    "ImportSource",
    "ImportSummary",
    "RowError",
    "add_note",
    "close_command_post",
    "close_incident",
    "dispatch_resource",
    "end_incident",
    "grade",
    "hand_over_shift",
    "import_rows",
    "issue_warning",
    "lift_warning",
    "mark_false_alarm",
    "merge_into",
    "open_command_post",
    "receive_report",
    "record_approval",
    "record_step_state",
    "register_expert",
    "register_resource",
    "register_unit",
    "regrade",
    "report_upward",
    "set_material_stock",
    "set_resource_status",
    "start_shift",
    "update_warning",
    "verify",
]
