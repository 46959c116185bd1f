"""The footer in the desk's language.

Binding descriptions are written once, where the bindings are declared, as catalog messages
(`N_`); this footer looks each one up as it is shown, so a language chosen after the classes
were defined still reaches the footer.

Textual's footer rebuilds all its keys whenever the screen's bindings may have changed (every
focus move, every screen switch): this one rebuilds only when what it would show changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from model.text import N_, _

if TYPE_CHECKING:
    from textual.screen import Screen

TEXTUAL_WORDS = (N_("palette"),)
"""Descriptions of Textual's own bindings that the footer shows."""

Shown = tuple[tuple[object, ...], ...]


class DeskFooter(Footer):
    shown: Shown | None = None
    """What the keys on show were composed from (None: nothing composed yet)."""

    def _what_to_show(self) -> Shown:
        """Everything `compose` reads from the screen's bindings, in its order."""
        app = self.app
        keys = tuple((binding.key, app.get_key_display(binding), _(binding.description) if binding.description else "",
                      binding.action, binding.group, binding.show, enabled, tooltip, binding.tooltip)
                     for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
                     if binding.show or binding.key == app.COMMAND_PALETTE_BINDING)
        return (*keys, (self.show_command_palette, app.ENABLE_COMMAND_PALETTE))

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self.shown = self._what_to_show()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if not widget.has_class("-command-palette"):
                    # Born with the footer's compactness, to which it is bound: otherwise it is born
                    # compact and bound back, restyled twice on mount. (The palette's key is not bound.)
                    widget.set_reactive(FooterKey.compact, self.compact)
                if widget.description:
                    widget.description = _(widget.description)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        if (self.shown is not None and self.is_attached and screen is self.screen and screen.app.app_focus
                and self._what_to_show() == self.shown):
            return
        super().bindings_changed(screen)
