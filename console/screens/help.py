"""F1 / ?: the keyboard map."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from console.keymap import KEYMAP
from model.text import N_, _


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark", "dismiss", N_("Close"), id="help-close"),
    ]

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for group, keys in KEYMAP:
            table.add_row(Text(_(group), style="bold underline"), "")
            for key, what in keys:
                table.add_row(Text(key), Text(_(what)))
        with VerticalScroll(id="help"):
            yield Static(Text(_("Keyboard map"), style="bold"))
            yield Static(table)
