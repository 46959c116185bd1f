"""The footer in the desk's language.

Binding descriptions are written once, where the bindings are declared, as catalog messages
(`N_`); this footer looks each one up as it is shown, so a language chosen after the classes
were defined still reaches the footer.

Textual's footer rebuilds all its keys whenever the screen's bindings may have changed (every
focus move, every screen switch): this one rebuilds only when what it would show changed, and when
the keys to show are some of those it holds already (the queue's filter keys leave the footer
when the focus leaves the queue, and come back), it hides and shows those instead of rebuilding.
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
    held: Shown = ()
    """What the keys composed were composed from, shown or hidden, in their order (the palette's apart)."""

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
            self.held = self._keys(self.shown)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if not widget.has_class("-command-palette"):
                    # Born with the footer's compactness, to which it is bound: otherwise it is born
                    # compact and bound back, restyled twice on mount. (The palette's key is not bound.)
                    widget.set_reactive(FooterKey.compact, self.compact)
                if widget.description:
                    widget.description = _(widget.description)
            yield widget

    def _keys(self, shown: Shown) -> Shown:
        """The keys Textual's footer composes from `shown`, in order: the first binding of each action
        that is shown, the palette's key apart."""
        keys: dict[object, tuple[object, ...]] = {}
        for entry in shown[:-1]:
            if entry[5] and entry[0] != self.app.COMMAND_PALETTE_BINDING:
                keys.setdefault(entry[3], entry)
        return tuple(keys.values())

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.shown is None or not self.is_attached or screen is not self.screen or not screen.app.app_focus:
            super().bindings_changed(screen)
            return
        shown = self._what_to_show()
        if shown == self.shown:
            return
        if self._show_held(shown):
            self.shown = shown
            return
        super().bindings_changed(screen)

    def _show_held(self, shown: Shown) -> bool:
        """Show exactly the held keys that `shown` names, hiding the others, when it names only held
        keys, in their order, and the same palette key (grouped keys: never; this desk has none)."""
        palette = self.app.COMMAND_PALETTE_BINDING
        before = self.shown or ()
        if (any(entry[4] is not None for entry in shown[:-1]) or shown[-1:] != before[-1:]
                or [e for e in shown if e[0] == palette] != [e for e in before if e[0] == palette]):
            return False
        wanted = self._keys(shown)
        held = iter(self.held)
        if not all(any(key == entry for entry in held) for key in wanted):
            return False
        widgets = [widget for widget in self.query_children(FooterKey) if not widget.has_class("-command-palette")]
        if len(widgets) != len(self.held):
            return False
        for widget, entry in zip(widgets, self.held, strict=True):
            if widget.display != (entry in wanted):
                widget.display = entry in wanted
                # The screen is told now, not at the key's next idle (`Widget._check_refresh`, textual
                # 8.2.8): the screen may repaint the focus move first, then lay the keys out a frame later.
                widget._check_refresh()
        return True
