"""A read-only table in a modal (search results, warnings), Enter picks a row; cells are shown as data."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from console.display import plain
from model.text import N_


class ListingScreen(ModalScreen[str | None]):
    """Shows rows; Enter returns the row key, Ctrl+S returns `confirm_key`, Escape returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back_out", N_("Back"), id="listing-back"),
        Binding("ctrl+s", "confirm", N_("Confirm"), id="listing-confirm"),
    ]

    def __init__(self, title: str, columns: list[str], rows: list[tuple[str, list[str]]], hint: str = "",
                 confirm_key: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.columns = columns
        self.rows = rows
        self.hint = hint
        self.confirm_key = confirm_key

    def compose(self) -> ComposeResult:
        with Vertical(id="listing"):
            yield Static(plain(self.title_text, style="bold"))
            table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="listing-table")
            for column in self.columns:
                table.add_column(column)
            for key, cells in self.rows:
                table.add_row(*[plain(cell) for cell in cells], key=key)
            yield table
            if self.hint:
                yield Static(plain(self.hint), classes="hint")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def picked(self, event: DataTable.RowSelected) -> None:
        self.dismiss(str(event.row_key.value))

    def action_confirm(self) -> None:
        if self.confirm_key is not None:
            self.dismiss(self.confirm_key)

    def action_back_out(self) -> None:
        self.dismiss(None)
