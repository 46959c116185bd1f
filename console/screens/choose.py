"""Pick one item from a short list by keyboard (a merge target, a plan, a level).

Titles, notes and labels often carry outside text (places, plan titles): they are shown as data.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console.display import plain
from console.screens.backdrop import DeskModal
from model.text import N_


class ChooseScreen(DeskModal[str | None]):
    """Up/Down and Enter choose; Escape backs out."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back_out", N_("Back"), id="choose-back")]

    def __init__(self, title: str, options: list[tuple[str, str]], note: str = "",
                 highlighted: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.note = note
        self.highlighted = highlighted
        """The key the cursor starts on (a proposed level); the first option when None."""

    def compose(self) -> ComposeResult:
        with Vertical(id="choose"):
            yield Static(plain(self.title_text, style="bold"))
            if self.note:
                yield Static(plain(self.note))
            yield OptionList(*[Option(plain(label), id=key) for key, label in self.options], id="choose-list")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        keys = [key for key, _label in self.options]
        if self.highlighted in keys:
            listing.highlighted = keys.index(self.highlighted)
        listing.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_back_out(self) -> None:
        self.dismiss(None)
