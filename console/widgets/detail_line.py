"""A detail line under a table (the queue's incident, the plan's step): as tall as its words.

Its height is `auto`, so Textual lays the whole screen out again at every update (every cursor
move). The words change at every move, their height seldom: the screen is laid out again only
when the wrapped words take another number of lines.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class DetailLine(Static):
    """A Static whose updates lay the screen out again only when its height changes."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.shown_height: int | None = None
        """Lines the words shown take at the width they were shown at (None: not known)."""
        self.shown_width = 0

    def show(self, text: Text) -> None:
        width = self.content_size.width
        height = len(text.wrap(self.app.console, width)) if width and text.plain else None
        same_height = height is not None and (height, width) == (self.shown_height, self.shown_width)
        self.shown_height, self.shown_width = height, width
        self.update(text, layout=not same_height)
