"""The seat prompt (上岗签到): which of the configured seats this operator takes, by keyboard.

It shows who is signing in (the roster's name and roles, outside text shown as data) and the
seats of the configuration; Up/Down and Enter choose. Escape backs out only when the center lets
an operator work without a seat (`seat_required: false`); otherwise it says so and stays.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console.display import plain
from console.screens.choose import ChooseScreen
from model.text import _


class SeatScreen(ChooseScreen):
    """Up/Down and Enter sign in at the highlighted seat; Escape works seatless when allowed."""

    def __init__(self, who: str, roles: str, seats: list[tuple[str, str]], *, current: str | None = None,
                 required: bool = False, error: str = "") -> None:
        note = _("{name} ({roles})").format(name=who, roles=roles)
        super().__init__(_("Sign in at a seat (上岗签到)"), seats, note, highlighted=current)
        self.required = required
        """Escape keeps the prompt: the center's desk needs a seat before any work."""
        self.current = current
        self.error = error
        """Why the last sign-in was not recorded, shown above the seats."""

    def compose(self) -> ComposeResult:
        with Vertical(id="choose", classes="seat"):
            yield Static(plain(self.title_text, style="bold"))
            yield Static(plain(self.note), id="seat-who")
            yield Static(plain(self.error, style="bold red"), id="seat-error")
            yield OptionList(*[Option(plain(label), id=key) for key, label in self.options], id="choose-list")
            yield Static(plain(self.hint(), style="dim"), id="seat-hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#seat-error", Static).display = bool(self.error)

    def hint(self) -> str:
        if self.required:
            return _("Enter: sign in here · this center's desk works only with a seat (Ctrl+Q quits)")
        if self.current is not None:
            return _("Enter: sign in here · Esc: back")
        return _("Enter: sign in here · Esc: work without a seat for now (s signs in later)")

    def action_back_out(self) -> None:
        if not self.required:
            self.dismiss(None)
            return
        self.error = _("choose a seat first: this center's desk works only with a seat")
        shown = self.query_one("#seat-error", Static)
        shown.update(plain(self.error, style="bold red"))
        shown.display = True
