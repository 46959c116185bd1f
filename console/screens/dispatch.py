"""The dispatch dialog: recommended resources first, each saying why, then the rest; Space toggles, Ctrl+S orders.

What is preselected is said in words above the list and on each recommended line, not only by
the tick: a colour-blind officer or a grey terminal reads the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from console import labels
from console.display import plain
from model.text import N_, _

if TYPE_CHECKING:
    from model.queries import ResourceRow

OTHERS = "-others-"
"""The value of the disabled line between the recommended resources and the rest."""


@dataclass(frozen=True)
class Suggested:
    """A recommended resource and why, in words: for what, tier, distance, availability."""

    row: ResourceRow
    why: str


@dataclass(frozen=True)
class DispatchChoice:
    """What the dialog offers: the recommended resources (preselected), the rest, the preselection
    and shortfall said."""

    recommended: list[Suggested] = field(default_factory=list)
    others: list[ResourceRow] = field(default_factory=list)
    said: str = ""
    units_wanted: str = ""
    """The level's units per tier with how many already work the incident, one line per tier."""


def resource_cells(row: ResourceRow, why: Text) -> list[Text]:
    """Code, tier, why, type by name, unit and name: each its own column, none cut."""
    return [plain(row.code), Text(f"T{row.tier}"), why, Text(labels.configured("resource_types", row.type)),
            plain(row.unit_name), plain(row.name)]


def resource_words(row: ResourceRow) -> str:
    """The resource as one line, for the filter to search."""
    return " ".join(cell.plain for cell in resource_cells(row, Text("")))


class DispatchScreen(ModalScreen[list[str] | None]):
    """Choose resources to order to an incident; typing in the filter narrows the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back_out", N_("Back"), id="dispatch-back"),
        Binding("space", "toggle", N_("Tick"), id="dispatch-toggle"),
        Binding("ctrl+s", "order", N_("Dispatch"), id="dispatch-order"),
    ]

    def __init__(self, title: str, choice: DispatchChoice) -> None:
        super().__init__()
        self.title_text = title
        self.choice = choice
        self.chosen: set[str] = {suggested.row.code for suggested in choice.recommended}
        self.why = {suggested.row.code: suggested.why for suggested in choice.recommended}

    def compose(self) -> ComposeResult:
        with Vertical(id="dispatch"):
            yield Static(Text(self.title_text, style="bold"))
            yield Static(plain(self.choice.said), id="dispatch-said")
            if self.choice.units_wanted:
                yield Static(plain(self.choice.units_wanted, lines=True), id="dispatch-note")
            yield Input(placeholder=_("filter by code, unit or type"), id="dispatch-filter")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="dispatch-list")
            yield Static(Text(_("Space: tick or untick · Ctrl+S: dispatch the ticked resources · Esc: back")),
                         classes="hint")

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_column("", key="tick", width=3)
        for key, title in (("code", _("Code")), ("tier", _("Tier")), ("why", _("Why")), ("type", _("Type")),
                           ("unit", _("Unit")), ("name", _("Name"))):
            table.add_column(title, key=key)
        self._fill("")
        table.focus()

    def _box(self, code: str) -> Text:
        return Text("[x]" if code in self.chosen else "[ ]", style="bold")

    def _fill(self, needle: str) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear()
        wanted = needle.lower()
        for suggested in self.choice.recommended:
            if wanted in resource_words(suggested.row).lower() or wanted in suggested.why.lower():
                why = Text(_("recommended") + " · " + suggested.why, style="bold")
                table.add_row(self._box(suggested.row.code), *resource_cells(suggested.row, why),
                              key=suggested.row.code)
        shown_others = [row for row in self.choice.others if wanted in resource_words(row).lower()]
        if self.choice.recommended and shown_others:
            table.add_row(Text(""), Text(""), Text(""), Text(_("— other available resources —"), style="bold"),
                          Text(""), Text(""), Text(""), key=OTHERS)
        for row in shown_others:
            table.add_row(self._box(row.code), *resource_cells(row, Text(labels.resource_status(row.status))),
                          key=row.code)

    def _cursor_code(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        code = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        return None if code == OTHERS else code

    def action_toggle(self) -> None:
        code = self._cursor_code()
        if code is not None:
            self.chosen.symmetric_difference_update({code})
            self.query_one(DataTable).update_cell(code, "tick", self._box(code))

    @on(Input.Changed, "#dispatch-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    @on(Input.Submitted, "#dispatch-filter")
    def filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#dispatch-list")
    def enter_pressed(self) -> None:
        self.action_toggle()

    def action_order(self) -> None:
        self.dismiss(sorted(self.chosen))

    def action_back_out(self) -> None:
        self.dismiss(None)
