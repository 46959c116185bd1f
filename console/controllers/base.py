"""What every workflow controller shares: its keys, and the desk's forms, reads and writes.

A controller serves the keys of one workflow on the screen that owns it (the main screen: these
keys work from whichever pane has the focus). It declares them in `KEYS`; the screen turns them
into its bindings and the command palette's entries, and runs a key's method by name. A
controller never blocks: reads go to a worker that posts the result back (`Fetched`), writes go
to the desk's one ordered writer, and both come back as messages handled on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from console.screens.form import FormField, FormResult, FormScreen
from console.writer import WriteOrder
from model.text import _

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from console.desk import Desk
    from console.screens.main import MainScreen
    from model.checklist import StepView
    from model.follow import WriteEcho
    from model.queries import IncidentRow

R = TypeVar("R")


@dataclass(frozen=True)
class Key:
    """One workflow key: the key, the controller's method it runs, its palette group and its title."""

    key: str
    name: str
    group: str
    title: str
    footer: bool = False
    """Shown in the footer (the six a dispatcher needs most); every key is in the help and the palette."""


class Controller:
    """Base of the workflow controllers: `KEYS` name methods of the subclass."""

    KEYS: ClassVar[tuple[Key, ...]] = ()

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.kept_form: FormScreen | None = None
        """The form this workflow keeps once built (`ask(keep=True)`), to open it again at once."""

    @property
    def app(self) -> App[None]:
        return self.screen.app

    @property
    def desk(self) -> Desk:
        return self.screen.desk

    @property
    def drafts(self) -> dict[str, dict[str, Any]]:
        return self.screen.drafts

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        self.app.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def selected_incident(self) -> str | None:
        return self.screen.queue.selected

    def incident_rows(self) -> list[IncidentRow]:
        return self.screen.queue.rows

    def selected_step(self) -> StepView | None:
        return self.screen.plan.selected

    def need_incident(self) -> str | None:
        """The highlighted incident, or a hint to pick one."""
        incident_no = self.selected_incident()
        if incident_no is None:
            self.notify(_("select an incident in the queue first"), severity="warning")
        return incident_no

    def ask(self, title: str, fields: list[FormField], draft_key: str, on_save: Callable[[dict[str, Any]], None],
            note: str = "", error: str = "", *, keep: bool = False, hold: bool = False) -> None:
        """Open a form; `on_save` gets the values. A refused save reopens it with the reason.

        `keep`: the form is built once and shown again at every later ask with the same fields
        (the one a desk opens for every call), instead of being built anew each time.
        `hold` (with `keep`): the form stays up while `on_save` checks and records what was typed;
        `close_saved` closes it once recorded, and a refusal is shown in it where it stands."""

        def done(result: FormResult | None) -> None:
            if result is not None:
                on_save(result.values)

        form = self.kept_form
        if keep and form is not None and form is self.app.screen and form.fits(title, fields, draft_key, note):
            form.reopen(fields, note, error)  # a held save refused: the form is still up
            form.held_save = on_save if hold else None
            return
        if (keep and form is not None and form not in self.app.screen_stack
                and form.fits(title, fields, draft_key, note)):
            form.reopen(fields, note, error)
        else:
            form = FormScreen(title, fields, self.drafts, draft_key, note, error)
            if keep and self.kept_form is None:
                self.app.install_screen(form, f"kept-form-{draft_key}")
                self.kept_form = form
        form.held_save = on_save if keep and hold and form is self.kept_form else None
        self.app.push_screen(form, done)

    def close_saved(self) -> None:
        """The kept form's held save is recorded (or goes on in another dialog): close the form."""
        if self.kept_form is not None:
            self.kept_form.close_saved()

    def build_kept(self, title: str, fields: list[FormField], draft_key: str, note: str = "") -> None:
        """Build the form `ask(keep=True)` will show, now, without showing it (the desk is idle)."""
        if self.kept_form is not None:
            return
        form = FormScreen(title, fields, self.drafts, draft_key, note)
        self.app.install_screen(form, f"kept-form-{draft_key}")
        self.kept_form = form
        # Mounted the way push_screen mounts a screen, without putting it on the stack.
        self.app._get_screen(form)
        form.styled_for = (self.app.theme, self.app.ansi_color)

    def retry_form(self, title: str, fields: list[FormField], draft_key: str,
                   on_save: Callable[[dict[str, Any]], None], note: str = "", *,
                   keep: bool = False, hold: bool = False) -> Callable[[str], None]:
        return lambda reason: self.ask(title, fields, draft_key, on_save, note=note, error=reason, keep=keep,
                                       hold=hold)

    def fetch(self, query: Callable[..., R], then: Callable[[R], None], *args: object,
              refused: Callable[[str], None] | None = None) -> None:
        """Read in a worker; `then` gets the result on the UI thread (`refused` the reason of a refusal)."""
        self.screen.fetch(query, then, *args, refused=refused)

    def record(self, summary: str, action: Callable[..., object], /, *, retry: Callable[[str], None] | None = None,
               then: Callable[[WriteEcho], None] | None = None, draft_key: str | None = None,
               check: Callable[..., Sequence[object]] | None = None,
               checked: Callable[[Sequence[object]], None] | None = None, **arguments: object) -> None:
        """Queue one action on the desk's ordered writer (never cancelled, never reordered).

        `check` (a read given a session) runs in the write's turn just before it; when it finds
        anything the action is not run and `checked` gets what it found.
        `summary` and `action` are positional-only so that an action may take arguments of those names
        (`end_incident(summary=…)`).
        """
        self.screen.submit(WriteOrder(summary, action, arguments, draft_key, retry, then, check, checked))
