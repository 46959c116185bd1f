"""A choice field (Textual's Select) that survives being closed before it was built.

Textual's Select sets itself up when it mounts by looking up the parts it composed (its current
value's label, its list of options). A Select closed before those parts mounted (its screen closed,
or the console quitting, while it was being built) still mounts, finds no parts and raises: the
console then ends on a traceback. The desk builds its intake form ahead, in its first seconds, so
quitting the console then, or a test ending then, met it (seen in CI under load).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Select


class ChoiceField(Select[Any]):
    """A Select whose mount is skipped when its parts were never built: nothing will show it."""

    def on_mount(self, event: events.Mount) -> None:
        if not self.query("#label"):
            event.prevent_default()
