"""The names of incident states, resource statuses, step states and warning statuses.

Codes are stored; people read these names, in the desk's language. They live in the model
because refusals from the action layer name states too.
"""

from __future__ import annotations

from collections.abc import Mapping

from model.text import N_, NC_, Message, language, translate

INCIDENT_STATES = {
    "received": N_("received"), "verified": N_("verified"), "active": N_("active"),
    "ended": N_("ended"), "closed": N_("closed"), "false_alarm": N_("false alarm"), "merged": N_("merged"),
}
RESOURCE_STATUSES = {
    "available": N_("available"), "dispatched": N_("dispatched"), "acknowledged": N_("acknowledged"),
    "en_route": N_("en route"), "on_scene": N_("on scene"), "returning": N_("returning"),
    "out_of_service": N_("out of service"),
}
STEP_STATES = {
    "pending": N_("pending"), "done": N_("done"), "skipped": N_("skipped"), "blocked": N_("blocked"),
    "overdue": N_("overdue"),
}

SENDING_CHANNELS = {
    "phone": N_("phone"), "fax": N_("fax"), "document": N_("document"), "in_person": N_("in person"),
    "message": N_("text message"),
}
"""How an approval or a report upward travelled."""

WARNING_STATUSES = {
    "in_force": N_("in force"), "pending": N_("not yet in force"), "expired": N_("expired"), "lifted": N_("lifted"),
}

DRILL_STATES = {
    "running": N_("running"), "paused": N_("paused"), "stopped": N_("stopped"), "finished": N_("finished"),
}
DRILL_INJECT_KINDS = {
    "report": N_("report received"), "feedback": N_("unit feedback"), "casualties": N_("caller with new casualties"),
    "escalation": N_("request to escalate"), "warning": N_("weather office warning"),
}
DRILL_ACTIONS = {
    "verify": N_("verify"), "grade": N_("grade"), "regrade": N_("change the level"),
    "activate": N_("activate the plan"), "dispatch": N_("first dispatch"), "merge": N_("merge the second report"),
    "report_upward": N_("report upward"), "command_post": N_("open the command post"),
    "warning": N_("relay the warning"), "step": N_("plan step"),
}
"""What a scenario expects of the desk, by name (the report's reasons)."""


def _named(names: Mapping[str, Message], code: str, lang: str | None) -> str:
    """`code` by its name in `lang` (default: the desk's); a code without a name as itself."""
    return translate(names[code], lang or language()) if code in names else code


def incident_state(code: str, lang: str | None = None) -> str:
    return _named(INCIDENT_STATES, code, lang)


def resource_status(code: str, lang: str | None = None) -> str:
    return _named(RESOURCE_STATUSES, code, lang)


def step_state(code: str, lang: str | None = None) -> str:
    return _named(STEP_STATES, code, lang)


def warning_status(code: str, lang: str | None = None) -> str:
    return _named(WARNING_STATUSES, code, lang)


ENTRY_KINDS = {
    "report_received": NC_("ledger entry", "report received"),
    "incident_verified": NC_("ledger entry", "verified"),
    "incident_false_alarm": NC_("ledger entry", "false alarm"),
    "incident_merged": NC_("ledger entry", "merged"),
    "incident_graded": NC_("ledger entry", "graded"),
    "incident_regraded": NC_("ledger entry", "regraded"),
    "note": NC_("ledger entry", "note"),
    "unit_feedback": NC_("ledger entry", "unit feedback"),
    "incident_ended": NC_("ledger entry", "ended"),
    "incident_closed": NC_("ledger entry", "closed"),
    "resource_dispatched": NC_("ledger entry", "dispatched"),
    "resource_status": NC_("ledger entry", "resource status"),
    "step_state": NC_("ledger entry", "step"),
    "approval_recorded": NC_("ledger entry", "approval"),
    "command_post_opened": NC_("ledger entry", "command post opened"),
    "command_post_closed": NC_("ledger entry", "command post closed"),
    "warning_issued": NC_("ledger entry", "warning issued"),
    "warning_updated": NC_("ledger entry", "warning updated"),
    "warning_lifted": NC_("ledger entry", "warning lifted"),
    "plan_activated": NC_("ledger entry", "plan activated"),
    "upward_report": NC_("ledger entry", "upward report"),
    "shift_started": NC_("ledger entry", "shift started"),
    "shift_handed_over": NC_("ledger entry", "shift handed over"),
    "units_notified": NC_("ledger entry", "units notified"),
    "experts_called": NC_("ledger entry", "experts called"),
    "closing_ticked": NC_("ledger entry", "closing items ticked"),
    "resource_corrected": NC_("ledger entry", "roster move corrected"),
    "ledger_identified": NC_("ledger entry", "ledger given its id"),
    "seat_signed_in": NC_("ledger entry", "signed in at a seat"),
    "drill_started": NC_("ledger entry", "drill started"),
    "drill_inject": NC_("ledger entry", "drill inject"),
    "drill_paused": NC_("ledger entry", "drill paused"),
    "drill_resumed": NC_("ledger entry", "drill resumed"),
    "drill_stopped": NC_("ledger entry", "drill stopped"),
    "drill_finished": NC_("ledger entry", "drill finished"),
}
"""What each kind of ledger entry is called on a timeline (the same English word may differ in Chinese)."""


def entry_kind(kind: str, lang: str | None = None) -> str:
    return _named(ENTRY_KINDS, kind, lang)


def sending_channel(code: str, lang: str | None = None) -> str:
    return _named(SENDING_CHANNELS, code, lang)


def drill_state(code: str, lang: str | None = None) -> str:
    return _named(DRILL_STATES, code, lang)


def drill_inject_kind(code: str, lang: str | None = None) -> str:
    return _named(DRILL_INJECT_KINDS, code, lang)


def drill_action(code: str, lang: str | None = None) -> str:
    return _named(DRILL_ACTIONS, code, lang)
