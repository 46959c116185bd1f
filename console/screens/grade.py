"""Grade an incident (定级): the levels with the one the plan's criteria give highlighted and why."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console.display import plain
from model.text import N_, _


class GradeScreen(ModalScreen[str | None]):
    """Up/Down and Enter grade; the cursor starts on the proposed level, never on the gravest by default."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back_out", N_("Back"), id="grade-back")]

    def __init__(self, title: str, levels: list[tuple[str, str]], proposed: str, reason: str) -> None:
        super().__init__()
        self.title_text = title
        self.levels = levels
        self.proposed = proposed
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="grade"):
            yield Static(Text(self.title_text, style="bold"))
            yield Static(plain(self.reason, style="bold"), id="grade-reason")
            yield OptionList(*[Option(self._label(code, name), id=code) for code, name in self.levels], id="grade-list")
            yield Static(Text(_("Enter: grade · Up/Down: another level · Esc: back")), classes="hint")

    def _label(self, code: str, name: str) -> Text:
        if code == self.proposed:
            return Text(name, style="bold") + Text("  ← " + _("proposed"), style="bold green")
        return Text(name)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next((index for index, (code, _name) in enumerate(self.levels) if code == self.proposed),
                                   len(self.levels) - 1)
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_back_out(self) -> None:
        self.dismiss(None)
