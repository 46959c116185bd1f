"""The display rule: what `shown` makes visible and what it leaves exactly as it was."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from model.display import VISIBLE_CATEGORIES, shown


def test_escape_sequences_bell_and_carriage_return_become_pictures() -> None:
    assert shown("XF-01\x1b[2J\x1b[H") == "XF-01␛[2J␛[H"
    assert shown("王\x07五\r") == "王␇五␍"


def test_bidi_override_and_zero_width_characters_are_named() -> None:
    assert shown("138\u202e0000") == "138⟨U+202E⟩0000"
    assert shown("a\u200bb") == "a⟨U+200B⟩b"


def test_chinese_markup_and_ordinary_spaces_are_left_as_written() -> None:
    text = "港城大道 77 号　[bold]红[/bold] =HYPERLINK(\"x\")"
    assert shown(text) == text


def test_line_feeds_stay_only_when_lines_are_asked_for() -> None:
    assert shown("一\n二") == "一␊二"
    assert shown("一\n二\r\n", lines=True) == "一\n二␍\n"


@given(st.text())
def test_nothing_that_acts_on_a_terminal_survives(text: str) -> None:
    """Arbitrary text: no character of an acting category is left in the result."""
    assert all(unicodedata.category(c) not in VISIBLE_CATEGORIES for c in shown(text))


@given(st.text(alphabet=st.characters(exclude_categories=tuple(VISIBLE_CATEGORIES))))
def test_text_without_acting_characters_is_unchanged(text: str) -> None:
    """Arbitrary text drawn from every category but the acting ones comes back identical."""
    assert shown(text) == text
