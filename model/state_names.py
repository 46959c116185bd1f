"""The names of incident states, resource statuses, step states and warning statuses.

Codes are stored; people read these names, in the desk's language. They live in the model
because refusals from the action layer name states too.
"""

from __future__ import annotations

from model.text import N_, _

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

WARNING_STATUSES = {
    "in_force": N_("in force"), "pending": N_("not yet in force"), "expired": N_("expired"), "lifted": N_("lifted"),
}


def incident_state(code: str) -> str:
    return _(INCIDENT_STATES[code]) if code in INCIDENT_STATES else code


def resource_status(code: str) -> str:
    return _(RESOURCE_STATUSES[code]) if code in RESOURCE_STATUSES else code


def step_state(code: str) -> str:
    return _(STEP_STATES[code]) if code in STEP_STATES else code


def warning_status(code: str) -> str:
    return _(WARNING_STATUSES[code]) if code in WARNING_STATUSES else code
