"""Outside text as console content: `model.display.shown`, wrapped so no widget reads it as markup."""

from __future__ import annotations

from rich.text import Text

from model.display import shown


def plain(text: str | None, *, style: str = "", lines: bool = False) -> Text:
    """A Rich `Text` of outside text with every acting character made visible; never markup."""
    return Text(shown(text, lines=lines), style=style)


__all__ = ["plain", "shown"]
