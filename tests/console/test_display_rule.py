"""Outside text on the console is data: plan problems, toasts and the status bar never read it as
markup and never let its control characters reach the terminal.

Found on main: a plan value containing `[/oops]` ended the console at start with a MarkupError
traceback (the plan-problems notice passed it to `notify` as markup), and the command still
exited 0.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets._toast import Toast

from console.app import LinkDeskApp, run_console
from console.desk import Desk
from console.panes.status_bar import StatusBar
from console.screens.main import MainScreen
from model import clock
from model.display import VISIBLE_CATEGORIES, shown
from model.queries import DeskFigures
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, settle

VALID_PLAN = Path(__file__).resolve().parents[1] / "data" / "plans" / "valid.yaml"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


def hostile_plans(folder: Path) -> Path:
    """Three plans: one that loads with markup and escapes in its title and step text, and two whose
    problems quote such text (an unknown field named `[/oops]…`, an unknown kind `[bold]x…`)."""
    plan = VALID_PLAN.read_text(encoding="utf-8")
    title = 'title_zh: "[/oops] [bold]x \\e]0;pwned\\a"'
    step = 'text: "[bold]x \\e[2J\\e[31m\\r\\u202e"'
    folder.mkdir()
    (folder / "loads.yaml").write_text(
        plan.replace("title_zh: 测试预案", title).replace("text: 核实", step), encoding="utf-8")
    (folder / "unknown_field.yaml").write_text(
        plan.replace("id: mini", 'id: mini_field\n"[/oops]\\e]0;pwned\\a": 1'), encoding="utf-8")
    (folder / "unknown_kind.yaml").write_text(
        plan.replace("id: mini", "id: mini_kind").replace("responsible: center", 'responsible: "[bold]x\\e[31m"'),
        encoding="utf-8")
    return folder


def toasts(app: LinkDeskApp) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query(Toast)]


def acting(text: str) -> list[str]:
    return [character for character in text
            if character != "\n" and unicodedata.category(character) in VISIBLE_CATEGORIES]


async def test_plan_problems_show_as_written_and_the_console_keeps_running(tmp_path: Path,
                                                                         ledger: Path | str) -> None:
    """The notice shows `[/oops]` and `[bold]` as typed and the title-setting escape as pictures."""
    plans = hostile_plans(tmp_path / "plans")
    app = LinkDeskApp(Desk(ledger_path=ledger, operator="值班员", plans_dir=plans))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, lambda: len(toasts(app)) == 2)
        shown_toasts = toasts(app)
        assert isinstance(app.screen, MainScreen)
        assert [plan.id for plan in app.desk.plans] == ["mini"]
    field = next(toast for toast in shown_toasts if "unknown_field.yaml" in toast)
    assert "[/oops]␛]0;pwned␇" in field
    kind = next(toast for toast in shown_toasts if "unknown_kind.yaml" in toast)
    assert "[bold]x" in kind
    assert not acting("".join(shown_toasts))


def test_a_console_that_ends_on_an_error_exits_non_zero(ledger: Path | str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's `run()` returns normally after a crash; the command's status must still say so."""
    def broken_mount(self: LinkDeskApp) -> None:
        raise RuntimeError("a pane that cannot paint")

    monkeypatch.setattr(LinkDeskApp, "on_mount", broken_mount)
    app = LinkDeskApp(Desk(ledger_path=ledger, operator="值班员"))
    assert run_console(app, headless=True) == 1


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(toasts_raised=st.lists(st.tuples(st.text(max_size=60), st.text(max_size=20)), min_size=10, max_size=25))
async def test_any_toast_text_is_shown_as_data(tmp_path: Path, ledger: Path | str,
                                               toasts_raised: list[tuple[str, str]]) -> None:
    """Generates arbitrary Unicode messages and titles (markup, escapes, bidi, surrogates included)
    and raises them as toasts, the way any pane does: the console never fails to paint them, and
    the toast holds exactly the shown form, no acting character. The desk loads one plan, not the
    nine of plans/, and each example raises its toasts one after another in one console: starting
    a console costs seconds, and the toast depends on neither the plans nor the toasts before it;
    for the same reason the examples share the test's ledger, which none of them writes to."""
    plans = tmp_path / "plans"
    plans.mkdir(exist_ok=True)
    shutil.copyfile(VALID_PLAN, plans / "valid.yaml")
    app = LinkDeskApp(Desk(ledger_path=ledger, operator="值班员", plans_dir=plans))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for message, title in toasts_raised:
            app.clear_notifications()
            app.notify(message, title=title, timeout=30)
            await pilot.pause()
            painted = toasts(app)
            assert app.is_running
            assert painted[-1] == (f"{shown(title)}\n" if title else "") + shown(message, lines=True)
            assert not acting(painted[-1])


@settings(max_examples=50, deadline=None)
@given(operator=st.text(min_size=1, max_size=30), shift=st.text(min_size=1, max_size=30))
def test_the_status_bar_shows_any_operator_and_shift_name_as_data(operator: str, shift: str) -> None:
    """Generates arbitrary operator names (from --operator or the login) and shift names (from the
    configuration): the status bar's line holds their shown form and no acting character."""
    bar = StatusBar(operator)
    bar.show_figures(DeskFigures(open_incidents=1, available_resources=2, warnings_in_force=0, shift_name=shift,
                                 officers=""))
    text = bar.line(FROZEN_AT, 0, 0).plain
    assert shown(operator) in text and shown(shift) in text
    assert not acting(text)


async def test_the_painted_status_bar_keeps_a_hostile_operator_off_the_terminal(ledger: Path | str) -> None:
    """An operator name that would retitle the terminal and paint it red shows as pictures on the bar."""
    operator = "[/oops]\x1b]0;pwned\x07\x1b[31m王\u202e五"
    app = LinkDeskApp(Desk(ledger_path=ledger, operator=operator))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: "王" in str(app.screen.query_one(StatusBar).render()))
        painted = str(app.screen.query_one(StatusBar).render())
    assert "[/oops]␛]0;pwned␇␛[31m王⟨U+202E⟩五" in painted
