"""Tick several rows on one screen and save once: the closing checklist, the units notified, the experts called."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from model.text import N_, _

TICKED = "[x]"
UNTICKED = "[ ]"


@dataclass(frozen=True)
class TickRow:
    """One row: its key, its cells, whether it starts ticked, and whether the officer may change it."""

    key: str
    cells: list[Text]
    ticked: bool = False
    locked: bool = False
    """Settled already (or settled only by the ledger): shown as it is, Space leaves it alone."""


class TickScreen(ModalScreen[list[str] | None]):
    """Space ticks or unticks the highlighted row; Ctrl+S returns the keys ticked here; Escape returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back_out", N_("Back"), id="ticks-back"),
        Binding("space", "toggle", N_("Tick"), id="ticks-toggle"),
        Binding("ctrl+s", "save", N_("Save"), id="ticks-save"),
    ]

    def __init__(self, title: str, columns: list[str], rows: list[TickRow], hint: str, note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.columns = columns
        self.rows = rows
        self.hint = hint
        self.note = note
        self.ticked = {row.key for row in rows if row.ticked and not row.locked}

    def compose(self) -> ComposeResult:
        with Vertical(id="ticks"):
            yield Static(Text(self.title_text, style="bold"))
            if self.note:
                yield Static(Text(self.note), id="ticks-note")
            table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="ticks-table")
            table.add_column("", key="tick", width=3)
            for index, column in enumerate(self.columns):
                table.add_column(column, key=f"column-{index}")
            for row in self.rows:
                table.add_row(self._box(row), *row.cells, key=row.key)
            yield table
            yield Static(Text(self.hint), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.focus()
        first_open = next((index for index, row in enumerate(self.rows) if not row.locked), 0)
        table.move_cursor(row=first_open)

    def _box(self, row: TickRow) -> Text:
        if row.locked:
            return Text(TICKED if row.ticked else "—", style="green" if row.ticked else "grey50")
        return Text(TICKED if row.key in self.ticked else UNTICKED, style="bold")

    def action_toggle(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        row = next(row for row in self.rows if row.key == key)
        if row.locked:
            self.notify(_("this one is settled by the ledger, not by a tick"), severity="warning")
            return
        self.ticked.symmetric_difference_update({key})
        table.update_cell(key, "tick", self._box(row))

    @on(DataTable.RowSelected, "#ticks-table")
    def enter_pressed(self) -> None:
        self.action_toggle()

    def action_save(self) -> None:
        self.dismiss([row.key for row in self.rows if row.key in self.ticked])

    def action_back_out(self) -> None:
        self.dismiss(None)
