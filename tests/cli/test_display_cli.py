"""CLI output shows outside text as data: nothing printed on standard output or error can clear the
screen, retitle the terminal, ring the bell, move the cursor back or reverse a line.

Found on main: `unit XF-01^[[2J^[[H is not on the roster` and every other refusal echoed what was
typed or imported, escape sequences included; `warnings list` printed stored areas raw.

Each call goes through `console.cli.main`, the one place the CLI writes its errors, in-process so
hypothesis can try many texts quickly; `test_no_traceback.py` runs the real entry point.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.cli import main
from model.display import VISIBLE_CATEGORIES, shown

ACTING_EXAMPLE = "XF-01\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b[31m\r\u202e"
ARGV_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1,
                    max_size=40).filter(
    lambda text: text.strip() == text)
"""Arbitrary Unicode as a command line can carry it (no NUL), escapes, bidi, surrogates and markup
included; without leading or trailing whitespace, which the desk strips from what is typed."""


def linkdesk(*args: str) -> tuple[int, str, str]:
    """(status, stdout, stderr) of `linkdesk ARGS` through the CLI's own main."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["linkdesk", *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
    finally:
        sys.argv = saved
    return status, out.getvalue(), err.getvalue()


def acting(text: str) -> list[str]:
    return [character for character in text
            if character != "\n" and unicodedata.category(character) in VISIBLE_CATEGORIES]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("display") / "ledger.db")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(area=ARGV_TEXT, text=ARGV_TEXT)
def test_a_warning_with_any_area_and_text_is_listed_as_data(ledger: str, area: str, text: str) -> None:
    """Generates arbitrary area and text for a warning, issues it, then lists it plain and as JSON:
    no acting character on stdout or stderr, the area in its shown form, and the JSON gives back
    exactly the stored text."""
    status, issued, err = linkdesk("--db", ledger, "warnings", "issue", "--level", "blue", "--type", "rainstorm",
                                   "--area", area, "--text", text)
    assert status == 0, err
    warning_id = int(issued)
    status, listed, err = linkdesk("--db", ledger, "warnings", "list")
    assert status == 0 and err == ""
    line = next(line for line in listed.splitlines() if line.split()[0] == str(warning_id))
    assert shown(area) in line
    assert not acting(listed)
    status, as_json, err = linkdesk("--db", ledger, "warnings", "list", "--json")
    assert not acting(as_json)
    record = next(record for record in json.loads(as_json) if record["id"] == warning_id)
    assert record["area"] == area


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=ARGV_TEXT)
def test_a_refusal_quoting_any_incident_number_is_one_safe_line(ledger: str, number: str) -> None:
    """Generates arbitrary incident numbers, asks for their report and ties a warning to them: each
    refusal is one line on stderr, exit 1, holding the number in its shown form."""
    for args in (["report", "incident", "--", number],
                 ["warnings", "issue", "--level", "blue", "--type", "rainstorm", "--area", "港城", "--text", "暴雨",
                  "--incident", number]):
        status, out, err = linkdesk("--db", ledger, *args)
        assert status == 1, err
        assert len(err.splitlines()) == 1 and err.startswith("linkdesk: ")
        assert not acting(out + err)
        assert shown(number) in err


def test_plans_list_and_check_show_a_hostile_plan_as_written(tmp_path: Path) -> None:
    """A plan titled with markup and a title-setting escape lists as written, escape in pictures;
    a plan whose unknown field is named so is reported the same way."""
    plan = (Path(__file__).resolve().parents[1] / "data" / "plans" / "valid.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.yaml").write_text(plan.replace("title_zh: 测试预案", 'title_zh: "[/oops] \\e]0;pwned\\a\\u202e"'),
                                   encoding="utf-8")
    status, out, err = linkdesk("--lang", "zh", "plans", "list", "--folder", str(folder))
    assert status == 0, err
    assert "[/oops] ␛]0;pwned␇⟨U+202E⟩" in out and not acting(out)
    (folder / "b.yaml").write_text(plan.replace("id: mini", 'id: mini_b\n"[bold]\\e[2J": 1'), encoding="utf-8")
    status, out, err = linkdesk("--lang", "en", "plans", "check", str(folder))
    assert status == 1
    assert "[bold]␛[2J: unknown field" in out and not acting(out + err)


def test_paths_in_summaries_are_shown(tmp_path: Path) -> None:
    """A ledger file named with escape sequences: the demo summary, the backup line and the report
    path name it in pictures."""
    hostile = tmp_path / f"ledger{ACTING_EXAMPLE}.db"
    status, out, err = linkdesk("--db", str(hostile), "demo", "--no-console")
    assert status == 0, err
    assert shown(str(hostile)) in out and not acting(out)
    status, out, err = linkdesk("--db", str(hostile), "backup", str(tmp_path / f"copy{ACTING_EXAMPLE}.db"))
    assert status == 0, err
    assert not acting(out) and "copy" in out
    status, out, err = linkdesk("--db", str(hostile), "report", "shift", "--format", "txt",
                                "-o", str(tmp_path / f"shift{ACTING_EXAMPLE}.txt"))
    assert status == 0, err
    assert not acting(out) and shown(f"shift{ACTING_EXAMPLE}.txt") in out


def test_an_argument_the_system_could_not_decode_is_refused_in_one_line(ledger: str) -> None:
    """Bytes that are not valid in the system's encoding reach Python as lone surrogates: no ledger
    or report can hold them, so the command is refused naming the argument, and nothing is written."""
    before = linkdesk("--db", ledger, "warnings", "list", "--json")
    for args in (["report", "incident", "--", "\udc80"], ["warnings", "issue", "--level", "blue", "--type", "rainstorm",
                                                          "--area", "港城\udcff", "--text", "暴雨"]):
        status, out, err = linkdesk("--db", ledger, *args)
        assert status == 1 and out == ""
        assert len(err.splitlines()) == 1 and err.startswith("linkdesk: ")
        assert "⟨U+DC" in err and not acting(err)
    assert linkdesk("--db", ledger, "warnings", "list", "--json") == before
