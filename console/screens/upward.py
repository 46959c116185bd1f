"""Report upward (信息报送): the next report in sequence with its due time, and its text drafted from the record.

The officer reads the draft, edits it in a multi-line editor and saves once; Escape keeps the
edited text as a draft for the next time `u` is pressed on the same incident.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from console.display import plain
from console.widgets.choice import ChoiceField
from model.text import N_, NC_, _, language, translate


@dataclass(frozen=True)
class UpwardProposal:
    """What the screen opens with: the report proposed, when it is due, and the drafted text."""

    kind: str
    heading: str
    """"Next: 续报一, due 10:30 (in 12m)", in the desk's language."""
    text: str
    recipient: str
    channel: str


class UpwardScreen(ModalScreen[dict[str, Any] | None]):
    """Kind, recipient, channel and the report's text; Ctrl+S returns the values, Escape keeps a draft."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back_out", N_("Back (keep draft)"), id="upward-back"),
        Binding("ctrl+s", "save", N_("Save"), id="upward-save"),
    ]

    def __init__(self, title: str, proposal: UpwardProposal, kinds: tuple[tuple[str, str], ...],
                 channels: tuple[tuple[str, str], ...], drafts: dict[str, dict[str, Any]], draft_key: str,
                 error: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.proposal = proposal
        self.kinds = kinds
        self.channels = channels
        self.drafts = drafts
        self.draft_key = draft_key
        self.error = error

    def compose(self) -> ComposeResult:
        draft = self.drafts.get(self.draft_key, {})
        if draft.get("proposed") != self.proposal.kind:
            draft = {}
        with Vertical(id="upward"):
            yield Static(Text(self.title_text, style="bold"))
            yield Static(plain(self.proposal.heading), id="upward-due")
            yield Static(Text(self.error, style="bold red"), id="upward-error")
            with Horizontal(id="upward-row"):
                with Vertical():
                    yield Label(Text(_("Kind") + " *"), classes="form-label")
                    yield ChoiceField([(Text(title), code) for code, title in self.kinds], id="upward-kind",
                                      value=draft.get("kind", self.proposal.kind), allow_blank=False)
                with Vertical():
                    yield Label(Text(_("To") + " *"), classes="form-label")
                    yield Input(value=draft.get("recipient", self.proposal.recipient), id="upward-recipient")
                with Vertical():
                    yield Label(Text(translate(NC_("upward report", "Channel"), language()) + " *"),
                                classes="form-label")
                    yield ChoiceField([(Text(title), code) for code, title in self.channels], id="upward-channel",
                                      value=draft.get("channel", self.proposal.channel), allow_blank=False)
            yield Label(Text(_("What is reported (drafted from the record; edit before saving)") + " *"),
                        classes="form-label")
            yield TextArea(draft.get("text", self.proposal.text), id="upward-text", soft_wrap=True)
            yield Static(Text(_("Ctrl+S: record the report · Esc: back, keeping the draft")), classes="hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def values(self) -> dict[str, Any]:
        kind = self.query_one("#upward-kind", Select).value
        channel = self.query_one("#upward-channel", Select).value
        recipient = self.query_one("#upward-recipient", Input).value.strip()
        return {"proposed": self.proposal.kind, "kind": kind, "recipient": recipient,
                "channel": channel, "text": self.query_one(TextArea).text.strip()}

    def action_save(self) -> None:
        values = self.values()
        missing = [label for name, label in (("recipient", _("To")), ("text", _("What was reported")))
                   if not values[name]]
        if missing:
            self.query_one("#upward-error", Static).update(Text(_("required: ") + ", ".join(missing), style="bold red"))
            return
        self.drafts[self.draft_key] = values
        self.dismiss(values)

    def action_back_out(self) -> None:
        self.drafts[self.draft_key] = self.values()
        self.dismiss(None)
