"""The footer in the desk's language.

Binding descriptions are written once, where the bindings are declared, as catalog messages
(`N_`); this footer looks each one up as it is shown, so a language chosen after the classes
were defined still reaches the footer.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from model.text import N_, _

TEXTUAL_WORDS = (N_("palette"),)
"""Descriptions of Textual's own bindings that the footer shows."""


class DeskFooter(Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = _(widget.description)
            yield widget
