"""Names shown for codes: states, statuses and configured lists, in the desk's language.

The console's own words pass through `model.text._`; configured names (types, levels, kinds)
come from the center's configuration in Chinese or English.
"""

from __future__ import annotations

import os

from model.config import load_config


def language() -> str:
    """zh unless LINKDESK_LANG says en."""
    return "en" if os.environ.get("LINKDESK_LANG", "zh").startswith("en") else "zh"


INCIDENT_STATES = {
    "received": ("接报", "received"), "verified": ("已核实", "verified"), "active": ("处置中", "active"),
    "ended": ("应急结束", "ended"), "closed": ("已归档", "closed"), "false_alarm": ("误报", "false alarm"),
    "merged": ("已合并", "merged"),
}
RESOURCE_STATUSES = {
    "available": ("待命", "available"), "dispatched": ("已调派", "dispatched"),
    "acknowledged": ("已接令", "acknowledged"), "en_route": ("途中", "en route"), "on_scene": ("到场", "on scene"),
    "returning": ("返回", "returning"), "out_of_service": ("停用", "out of service"),
}
STEP_STATES = {
    "pending": ("待办", "pending"), "done": ("完成", "done"), "skipped": ("跳过", "skipped"),
    "blocked": ("受阻", "blocked"), "overdue": ("超时", "overdue"),
}


def _pick(pair: tuple[str, str]) -> str:
    return pair[0] if language() == "zh" else pair[1]


def incident_state(code: str) -> str:
    return _pick(INCIDENT_STATES.get(code, (code, code)))


def resource_status(code: str) -> str:
    return _pick(RESOURCE_STATUSES.get(code, (code, code)))


def step_state(code: str) -> str:
    return _pick(STEP_STATES.get(code, (code, code)))


def configured(field: str, code: str | None) -> str:
    """A configured code (incident_types, unit_kinds, resource_types, channels) by its name."""
    return load_config().name_of(field, code, language()) if code else ""


def level(code: str | None) -> str:
    return code or "—"


__all__ = ["configured", "incident_state", "language", "level", "resource_status", "step_state"]
