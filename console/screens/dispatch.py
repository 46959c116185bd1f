"""The dispatch dialog: available resources, recommended ones preselected, Space toggles, Ctrl+S orders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from console import labels
from model.text import N_, _

if TYPE_CHECKING:
    from model.queries import ResourceRow


class DispatchScreen(ModalScreen[list[str] | None]):
    """Choose resources to order to an incident; typing in the filter narrows the list."""

    BINDINGS = [
        Binding("escape", "back_out", N_("Back"), id="dispatch-back"),
        Binding("ctrl+s", "order", N_("Dispatch"), id="dispatch-order"),
    ]

    def __init__(self, title: str, candidates: list[ResourceRow], preselected: list[str], note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.candidates = candidates
        self.chosen: set[str] = set(preselected)
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="dispatch"):
            yield Static(Text(self.title_text, style="bold"))
            if self.note:
                yield Static(Text(self.note, style="yellow"), id="dispatch-note")
            yield Input(placeholder=_("filter by code, unit or type"), id="dispatch-filter")
            yield SelectionList[str](id="dispatch-list")
            yield Static(Text(_("Space: toggle · Ctrl+S: dispatch the selected · Esc: back")), classes="hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(SelectionList).focus()

    def _fill(self, needle: str) -> None:
        listing = self.query_one(SelectionList)
        listing.clear_options()
        for row in self.candidates:
            label = (f"{row.code:<10} T{row.tier} {labels.configured('resource_types', row.type):<8} "
                     f"{row.unit_name} · {row.name}")
            if needle.lower() in label.lower():
                listing.add_option(Selection(Text(label), row.code, row.code in self.chosen))

    @on(Input.Changed, "#dispatch-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    @on(Input.Submitted, "#dispatch-filter")
    def filter_done(self) -> None:
        self.query_one(SelectionList).focus()

    @on(SelectionList.SelectionToggled)
    def toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        code = event.selection.value
        self.chosen.symmetric_difference_update({code})

    def action_order(self) -> None:
        self.dismiss(sorted(self.chosen))

    def action_back_out(self) -> None:
        self.dismiss(None)
