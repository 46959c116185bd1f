"""Outside text as console content: `model.display.shown`, wrapped so no widget reads it as markup."""

from __future__ import annotations

from rich.text import Text

from model.display import shown


def plain(text: str | None, *, style: str = "", lines: bool = False) -> Text:
    """A Rich `Text` of outside text with every acting character made visible; never markup."""
    return Text(shown(text, lines=lines), style=style)


def same(one: Text | None, other: Text | None) -> bool:
    """The same words in the same styles: what a per-second tick compares before it repaints
    (Rich's own `==` ignores the base style, so a step turning red would not count)."""
    if one is None or other is None:
        return one is other
    return one.plain == other.plain and one.style == other.style and one.spans == other.spans


__all__ = ["plain", "same", "shown"]
