"""One keyboard form for every record the desk takes down: fields, draft kept on Escape, Ctrl+S saves.

A form is data (a list of FormField); the caller turns the values into an action. What the officer
typed stays in the app's drafts until an action built from it is recorded. Fields given a column
are laid out densely, label beside field, in side-by-side columns (a call-taking screen shows the
whole report at once); the others stack one under the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from console.screens.backdrop import DeskModal
from console.widgets.choice import ChoiceField
from model.text import N_, _


@dataclass(frozen=True)
class FormField:
    """One field: text (optionally completing from `suggestions`), a choice, or a yes/no box."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    suggestions: tuple[str, ...] = ()
    value: Any = None
    placeholder: str = ""
    column: int = 0
    """1, 2, 3 …: the column of a dense form; 0: the stacked layout."""

    @property
    def shape(self) -> tuple[object, ...]:
        """Everything the form's widgets are built from but the value and the suggestions."""
        return self.name, self.label, self.kind, self.required, self.choices, self.placeholder, self.column


class CompletingInput(Input):
    """A text field whose Tab takes the completion on offer, then moves on as Tab always does."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("tab", "take_completion", N_("Take the completion"), show=False)]

    def action_take_completion(self) -> None:
        if self._suggestion and len(self._suggestion) > len(self.value):
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        self.screen.focus_next()


@dataclass
class FormResult:
    values: dict[str, Any] = field(default_factory=dict)


class FormScreen(DeskModal[FormResult | None]):
    """A modal form. Escape closes it and keeps what was typed as a draft for next time.

    A form the desk opens again and again (the intake) is kept once built: `fits` says whether it
    can show a form of these fields, `reopen` puts the draft or the defaults back in its fields.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back_out", N_("Back (keep draft)"), id="form-back"),
        Binding("ctrl+s", "save", N_("Save"), id="form-save"),
    ]

    def __init__(self, title: str, fields: list[FormField], drafts: dict[str, dict[str, Any]], draft_key: str,
                 note: str = "", error: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.drafts = drafts
        self.draft_key = draft_key
        self.note = note
        self.error = error
        self.blank_allowed: dict[str, bool] = {}
        """Whether each choice field was built to allow no choice (Textual fixes it when building)."""
        self.suggested: dict[str, tuple[str, ...]] = {}
        """What each text field completes from now."""
        self.held_save: Callable[[dict[str, Any]], None] | None = None
        """Set for a form that stays up while its save is checked and recorded (the intake): it gets
        the values, and the form closes once the report is recorded, in the same paint as its row."""
        self.saving = False
        """A held save is on its way: Ctrl+S again does nothing."""
        self.composed = False
        """Every field is there (a kept form is shown again only then)."""

    def fits(self, title: str, fields: list[FormField], draft_key: str, note: str) -> bool:
        """This form, built already, can show these fields (their values put back by `reopen`)."""
        if not self.composed:
            return False
        if (title, draft_key, bool(note)) != (self.title_text, self.draft_key, bool(self.note)):
            return False
        if [spec.shape for spec in fields] != [spec.shape for spec in self.fields]:
            return False
        draft = self.drafts.get(draft_key, {})
        return all(self.blank_allowed.get(spec.name, True) or draft.get(spec.name, spec.value) is not None
                   for spec in fields if spec.kind == "choice")

    def reopen(self, fields: list[FormField], note: str = "", error: str = "") -> None:
        """Show the draft (or the fields' defaults) again, the reason a save was refused, and start
        where a new form starts; the form is not on screen yet, so this paints nothing."""
        self.fields = fields
        self.saving = False
        draft = self.drafts.get(self.draft_key, {})
        for spec in fields:
            value = draft.get(spec.name, spec.value)
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                if value is None:
                    widget.clear()
                else:
                    widget.value = value
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, Input):
                widget.value = "" if value is None else str(value)
                widget.cursor_position = len(widget.value)
                self.complete(spec.name, spec.suggestions)
        if note != self.note:
            self.note = note
            self.query_one("#form-note", Static).update(Text(note))
        self._show_error(error)
        self.query_one(VerticalScroll).scroll_home(animate=False)
        self.set_focus(self.query_one(f"#field-{self._first_field().name}"))

    def complete(self, name: str, suggestions: tuple[str, ...]) -> None:
        """The text field `name` completes from `suggestions` from now on."""
        widget = self.query_one(f"#field-{name}", Input)
        if suggestions != self.suggested.get(name, ()):
            self.suggested[name] = suggestions
            widget.suggester = SuggestFromList(suggestions, case_sensitive=False)

    def _show_error(self, error: str) -> None:
        if error != self.error:
            self.error = error
            self.query_one("#form-error", Static).update(Text(error, style="bold red"))

    @property
    def dense(self) -> bool:
        return any(spec.column for spec in self.fields)

    def compose(self) -> ComposeResult:
        draft = self.drafts.get(self.draft_key, {})
        with VerticalScroll(id="form", classes="-dense" if self.dense else ""):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            if self.note:
                yield Static(Text(self.note), id="form-note")
            yield Static(Text(self.error, style="bold red"), id="form-error")
            if self.dense:
                with Horizontal(id="form-columns"):
                    for column in sorted({spec.column for spec in self.fields}):
                        with Vertical(classes="form-column"):
                            for spec in self.fields:
                                if spec.column == column:
                                    with Horizontal(classes="form-row"):
                                        yield self._label(spec)
                                        yield self._widget(spec, draft.get(spec.name, spec.value))
            else:
                for spec in self.fields:
                    yield self._label(spec)
                    yield self._widget(spec, draft.get(spec.name, spec.value))
            with Horizontal(id="form-buttons"):
                yield Button(_("Save (Ctrl+S)"), variant="primary", id="form-save")
                yield Button(_("Back (Esc)"), id="form-back")

    @staticmethod
    def _label(spec: FormField) -> Label:
        return Label(Text(spec.label + (" *" if spec.required else "")), classes="form-label")

    def _widget(self, spec: FormField, value: Any) -> Select[str] | Checkbox | Input:
        if spec.kind == "choice":
            self.blank_allowed[spec.name] = not spec.required or value is None
            return ChoiceField([(Text(title), code) for code, title in spec.choices], id=f"field-{spec.name}",
                               prompt=_("Select"), value=value if value is not None else Select.NULL,
                               allow_blank=not spec.required or value is None)
        if spec.kind == "check":
            return Checkbox(Text(spec.placeholder or spec.label), value=bool(value), id=f"field-{spec.name}")
        self.suggested[spec.name] = spec.suggestions
        suggester = SuggestFromList(spec.suggestions, case_sensitive=False) if spec.suggestions else None
        return CompletingInput(value="" if value is None else str(value), placeholder=spec.placeholder,
                               suggester=suggester, id=f"field-{spec.name}")

    def on_mount(self) -> None:
        """A dense form starts on its first field, where the officer starts reading; a stacked one
        in the first field that has nothing in it yet."""
        self._focus_first()

    def _focus_first(self) -> None:
        """Focus the first field once every field is there: a form built ahead of showing (the kept
        intake form) may get here before its columns have composed their rows."""
        try:
            first = self.query_one(f"#field-{self._first_field().name}")
        except NoMatches:
            self.call_after_refresh(self._focus_first)
            return
        self.composed = True
        first.focus()
        if not self.is_current:
            # Built ahead of showing: lay it out for the terminal now, in the desk's idle time,
            # rather than at its first showing (most of a first opening after the build).
            self.call_after_refresh(self._lay_out_ahead)

    def _lay_out_ahead(self) -> None:
        if not self.is_current and self.is_attached:
            self._refresh_layout(self.app.size)
            self.call_after_refresh(self._draw_ahead)

    def _draw_ahead(self) -> None:
        """Draw the laid-out fields once, so that the first showing finds their lines drawn."""
        if self.is_current or not self.is_attached:
            return
        for widget in self.query("*"):
            if widget.size:
                widget.render_lines(widget.size.region)

    def _first_field(self) -> FormField:
        values = self.values()
        empty = next((spec for spec in self.fields if values.get(spec.name) in (None, "")), self.fields[0])
        return min(self.fields, key=lambda spec: spec.column) if self.dense else empty

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                found[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Checkbox):
                found[spec.name] = widget.value
            elif isinstance(widget, Input):
                found[spec.name] = widget.value.strip()
        return found

    def action_back_out(self) -> None:
        self.saving = False
        self.drafts[self.draft_key] = self.values()
        self.dismiss(None)

    def close_saved(self) -> None:
        """The held save was recorded: close the form (unless the officer has backed out of it meanwhile)."""
        if self.saving and self.is_current:
            self.saving = False
            self.dismiss(None)

    def action_save(self) -> None:
        if self.saving:
            return
        values = self.values()
        missing = [spec.label for spec in self.fields if spec.required and values.get(spec.name) in (None, "")]
        if missing:
            self._show_error(_("required: ") + ", ".join(missing))
            return
        self.drafts[self.draft_key] = values
        if self.held_save is not None:
            self.saving = True
            self.held_save(values)
            return
        self.dismiss(FormResult(values))

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        """Enter moves on; Enter in the last text field saves."""
        event.stop()
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#form-save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-back")
    def back_pressed(self) -> None:
        self.action_back_out()
