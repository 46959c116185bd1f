"""Names shown for codes: states, statuses and configured lists, in the desk's language.

State and status names are catalog messages (the reports print the same words); configured
names (types, levels, kinds) come from the center's configuration in Chinese or English.
"""

from __future__ import annotations

from rich.cells import cell_len

from model.config import load_config
from model.state_names import (
    drill_inject_kind,
    drill_state,
    entry_kind,
    incident_state,
    resource_status,
    step_state,
    warning_status,
)
from model.text import language


def configured(field: str, code: str | None) -> str:
    """A configured code (incident_types, unit_kinds, resource_types, channels) by its name."""
    return load_config().name_of(field, code, language()) if code else ""


def incident_type_within(code: str, width: int) -> str:
    """An incident type's name for a column `width` cells wide: the full name where it fits, else the
    configuration's short name (where it gives one; a cell cuts what is still longer)."""
    entry = next((entry for entry in load_config().incident_types if entry.code == code), None)
    return entry.within(language(), lambda name: cell_len(name) <= width) if entry is not None else code


def level(code: str | None) -> str:
    return code or "—"


def level_name(code: str) -> str:
    """`III 较大` or `III major`: the level's code with its name in the desk's language."""
    entry = load_config().level(code)
    return f"{entry.code} {entry.zh if language() == 'zh' else entry.en}"


__all__ = ["configured", "drill_inject_kind", "drill_state", "entry_kind", "incident_state", "incident_type_within",
           "language", "level", "level_name", "resource_status", "step_state", "warning_status"]
