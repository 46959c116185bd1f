"""A refusal's message is display text: whoever prints `str(error)` prints the shown form.

Found on main: `unit XF-01^[[2J^[[H is not on the roster` reached the terminal with its escape
sequences, because every surface printed the message as it was built from the file's text.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from model.display import shown
from model.errors import DomainError, LedgerUnavailable
from model.import_rows import RowRefused
from model.plans import PlanError


def test_a_unit_code_with_escapes_is_refused_in_pictures() -> None:
    refusal = RowRefused("unit_code", "unit XF-01\x1b[2J\x1b[H is not on the roster")
    assert str(refusal) == "unit XF-01␛[2J␛[H is not on the roster"
    assert refusal.args == ("unit XF-01\x1b[2J\x1b[H is not on the roster",)


def test_a_plan_problem_quoting_a_title_escape_is_shown() -> None:
    problem = PlanError("fire.yaml", 3, 1, "title_zh", "too long: '\x1b]0;pwned\x07'")
    assert str(problem) == "fire.yaml:3:1: title_zh: too long: '␛]0;pwned␇'"


@given(st.text())
def test_any_message_reads_as_its_shown_form(message: str) -> None:
    """Generates arbitrary messages: `str` of every error kind is `shown` with line feeds kept."""
    for kind in (DomainError, LedgerUnavailable):
        assert str(kind(message)) == shown(message, lines=True)
