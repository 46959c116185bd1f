"""The one display rule: text from outside is shown as data, never acted on.

Callers' names, places, descriptions, plan texts, file names and cells come from people and files
the desk does not control. The ledger keeps them verbatim; every surface that shows them (the
console, CLI output, TXT/HTML/PDF reports, spreadsheets) passes them through `shown` first, so an
escape sequence cannot retitle the terminal, a bidi override cannot reverse a phone number and a
carriage return cannot hide what came before it.

Control characters become their Unicode control pictures (ESC → ␛, BEL → ␇, CR → ␍), and format,
bidi, separator, surrogate and private-use characters become `⟨U+202E⟩`. Everything else, CJK
included, is left exactly as it was. Markup is never interpreted here or by a caller: the console
renders the result as plain `rich.text.Text`, the HTML report escapes it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

VISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""Unicode categories that can move the cursor, change direction, hide text or show nothing."""

CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
"""C0 controls and DEL as the symbols Unicode gives them (U+2400–U+2421)."""


@lru_cache(maxsize=4096)
def _visible(character: str) -> str:
    code = ord(character)
    if code in CONTROL_PICTURES:
        return CONTROL_PICTURES[code]
    return f"⟨U+{code:04X}⟩"


def shown(text: str | None, *, lines: bool = False) -> str:
    """`text` as it may be put on any surface: every invisible or acting character made visible.

    With `lines`, line feeds stay line feeds (a description printed as a paragraph); a carriage
    return is always shown, since it would move the cursor back over what came before.
    """
    if not text:
        return ""
    if text.isprintable():
        return text
    return "".join(
        character if (lines and character == "\n") or unicodedata.category(character) not in VISIBLE_CATEGORIES
        else _visible(character)
        for character in text)
