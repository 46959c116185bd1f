"""Signing in at a seat from the console: asked at start while the operator has no seat in the open
shift, recorded as a ledger entry the shift report lists, never asked again in that shift."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets._toast import Toast

from console.app import LinkDeskApp, make_app
from console.messages import FollowerCutOff
from console.panes import StatusBar
from console.reports import write_shift_report
from console.screens.form import FormScreen
from console.screens.main import MainScreen
from console.screens.seat import SeatScreen
from model import actions, clock
from model.config import load_config
from model.db import ledger_url, open_ledger, write_session
from model.queries import DeskFigures
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, entries, on_screen, settle
from tests.ledger_rows import rows, scalar

NEWCOMER = "值班员 新到"
"""Not one of the operators the demo (or the tests' demo ledger) seats."""


@pytest.fixture(autouse=True)
def english_at_a_frozen_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


@pytest.fixture
def seat_required(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A center whose desk works only with a seat."""
    path = tmp_path / "center.yaml"
    path.write_text("seat_required: true\n", encoding="utf-8")
    monkeypatch.setenv("LINKDESK_CONFIG", str(path))
    load_config.cache_clear()
    yield
    monkeypatch.delenv("LINKDESK_CONFIG")
    load_config.cache_clear()


def status_line(app: LinkDeskApp) -> str:
    return str(app.main.query_one(StatusBar).render())


def seat_read(app: LinkDeskApp) -> bool:
    """The desk has read the operator's seat (and asked for one if it had to)."""
    return app.main.query_one(StatusBar).seat_known


async def test_the_desk_asks_for_the_seat_at_start_and_the_shift_report_lists_it(demo_ledger: Path | str,
                                                                                tmp_path: Path) -> None:
    app = make_app(demo_ledger, NEWCOMER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, on_screen(app, SeatScreen))
        screen = app.screen
        assert isinstance(screen, SeatScreen)
        asked = str(screen.query_one("#seat-who").render())
        assert NEWCOMER in asked and "Duty officer" in asked
        assert [label for _code, label in screen.options] == ["Intake seat", "Dispatch seat", "Duty seat",
                                                              "Shift leader's seat"]
        assert "seat none" in status_line(app)
        await pilot.press("down", "enter")
        await settle(pilot, lambda: isinstance(app.screen, MainScreen) and "seat Dispatch seat" in status_line(app))
    (kind, _no, facts), = entries(demo_ledger, "seat_signed_in")[-1:]
    assert (kind, facts["seat"], facts["name"]) == ("seat_signed_in", "dispatch", NEWCOMER)
    engine = open_ledger(ledger_url(demo_ledger))
    report = write_shift_report(engine, fmt="txt", output=tmp_path / "shift.txt", lang="en").read_text("utf-8")
    engine.dispose()
    lines = report.splitlines()
    start = lines.index("Signed in at the seats")
    header, rule = lines[start + 2:start + 4]
    assert re.split(r" {2,}", header) == ["Seat", "Officer", "Roles", "Signed in at"] and set(rule) == {"-", " "}
    seated = [tuple(re.split(r" {2,}", line)[:2]) for line in lines[start + 4:lines.index("", start)]
              if line[:1] != " "]  # each row's first line: the seat and who sat there
    assert ("Dispatch seat", NEWCOMER) in seated and ("Duty seat", "值班员 王磊") in seated


async def test_no_prompt_once_signed_in_this_shift(demo_ledger: Path | str) -> None:
    first = make_app(demo_ledger, NEWCOMER)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot, on_screen(first, SeatScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: "seat Intake seat" in status_line(first))
    again = make_app(demo_ledger, NEWCOMER)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: seat_read(again))
        assert isinstance(again.screen, MainScreen)
        assert "seat Intake seat" in status_line(again)
    assert [facts["name"] for _kind, _no, facts in entries(demo_ledger, "seat_signed_in")].count(NEWCOMER) == 1


async def test_escape_works_without_a_seat_and_s_signs_in_later(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, NEWCOMER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, on_screen(app, SeatScreen))
        await pilot.press("escape")
        await settle(pilot, on_screen(app, MainScreen))
        assert "seat none" in status_line(app)
        assert NEWCOMER not in [facts["name"] for _kind, _no, facts in entries(demo_ledger, "seat_signed_in")]
        await pilot.press("s")
        await settle(pilot, on_screen(app, SeatScreen))
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot, lambda: "seat Shift leader's seat" in status_line(app))
        await pilot.press("s")  # another seat later: the prompt starts on the seat taken, Escape backs out
        await settle(pilot, on_screen(app, SeatScreen))
        await pilot.press("up", "enter")
        await settle(pilot, lambda: "seat Duty seat" in status_line(app))
    mine = [facts["seat"] for _kind, _no, facts in entries(demo_ledger, "seat_signed_in") if facts["name"] == NEWCOMER]
    assert mine == ["leader", "duty"]


OTHER_DESK = "值班员 乙"
"""The officer at another desk who hands the shift over while this desk runs."""


def other_desk(ledger: Path | str, act: Callable[..., object], **arguments: object) -> None:
    """Another desk, with its own engine on the same ledger, records one action (in a thread, as a second writer)."""
    def write() -> None:
        engine = open_ledger(ledger_url(ledger))
        try:
            with write_session(engine) as session:
                act(session=session, operator=OTHER_DESK, **arguments)
        finally:
            engine.dispose()

    writer = threading.Thread(target=write)
    writer.start()
    writer.join()


def open_shift_id(ledger: Path | str) -> int:
    return int(scalar(ledger, "SELECT id FROM shift WHERE ended_at IS NULL"))


async def test_another_desks_handover_clears_the_seat_and_asks_for_one_in_the_new_shift(
        demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 甲")  # signed in at the duty seat in the demo's shift
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: "seat Duty seat" in status_line(app))
        before = open_shift_id(demo_ledger)
        other_desk(demo_ledger, actions.hand_over_shift, notes="北堤继续巡查", handed_to="值班员 丙",
                   next_name="夜班", next_officers=["值班员 甲", "值班员 丙"])
        await settle(pilot, on_screen(app, SeatScreen))
        assert "seat none" in status_line(app)
        await pilot.press("down", "enter")
        await settle(pilot, lambda: isinstance(app.screen, MainScreen) and "seat Dispatch seat" in status_line(app))
    after = open_shift_id(demo_ledger)
    assert after != before
    signed = rows(demo_ledger, "SELECT shift_id, payload FROM ledger_entry WHERE kind = 'seat_signed_in' "
                               "ORDER BY seq DESC LIMIT 1")
    assert signed[0][0] == after and json.loads(signed[0][1])["facts"]["seat"] == "dispatch"


async def test_a_handover_without_a_next_shift_clears_the_seat_and_the_next_start_asks(
        demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 甲")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: "seat Duty seat" in status_line(app))
        other_desk(demo_ledger, actions.hand_over_shift, notes="", handed_to="值班员 丙")
        await settle(pilot, lambda: "seat none" in status_line(app))
        assert isinstance(app.screen, MainScreen), "no shift is open: nothing to sign in to"
        other_desk(demo_ledger, actions.start_shift, name="夜班", officers=["值班员 丙"])
        await settle(pilot, on_screen(app, SeatScreen))
        await pilot.press("escape")
        await settle(pilot, on_screen(app, MainScreen))
        assert "seat none" in status_line(app)


async def test_the_prompt_after_another_desks_handover_waits_until_the_open_form_is_closed(
        demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 甲")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: "seat Duty seat" in status_line(app))
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        other_desk(demo_ledger, actions.hand_over_shift, notes="", handed_to="值班员 丙", next_name="夜班")
        await settle(pilot, lambda: "seat none" in status_line(app))
        assert isinstance(app.screen, FormScreen), "the officer's form stays on top"
        await pilot.press("escape")
        await settle(pilot, on_screen(app, SeatScreen))


async def test_this_desks_own_handover_to_a_next_shift_clears_the_seat_without_asking(
        demo_ledger: Path | str) -> None:
    """The officer who hands over is leaving the desk: the seat goes, and nobody is asked for one."""
    app = make_app(demo_ledger, "值班员 甲")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: "seat Duty seat" in status_line(app))
        before = open_shift_id(demo_ledger)
        await pilot.press("h")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"北堤巡查", "tab", *"值班员 丙", "tab", "enter", "down", "enter", "ctrl+s")
        await settle(pilot, lambda: entries(demo_ledger)[-1][0] == "shift_handed_over"
                     and "seat none" in status_line(app))
        assert entries(demo_ledger)[-1][2]["next"] is not None and open_shift_id(demo_ledger) != before
        assert isinstance(app.screen, MainScreen)


async def test_a_seat_taken_in_the_new_shift_elsewhere_shows_without_a_prompt(demo_ledger: Path | str) -> None:
    """The operator signs in for the new shift from the command line (`linkdesk sign-in`) before the desk reads it."""
    app = make_app(demo_ledger, "值班员 甲")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: "seat Duty seat" in status_line(app))
        engine = open_ledger(ledger_url(demo_ledger))
        try:
            with write_session(engine) as session:
                actions.hand_over_shift(session=session, operator=OTHER_DESK, notes="", handed_to="值班员 丙",
                                        next_name="夜班")
                actions.sign_in(session=session, operator="值班员 甲", seat="leader")
        finally:
            engine.dispose()
        await settle(pilot, lambda: "seat Shift leader's seat" in status_line(app))
        assert isinstance(app.screen, MainScreen)


@pytest.mark.usefixtures("seat_required")
async def test_a_center_that_requires_a_seat_keeps_the_prompt_on_escape(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, NEWCOMER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, on_screen(app, SeatScreen))
        await pilot.press("escape")
        await settle(pilot, lambda: "choose a seat first" in str(app.screen.query_one("#seat-error").render()))
        assert isinstance(app.screen, SeatScreen)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, MainScreen) and "seat Intake seat" in status_line(app))


def test_the_seat_key_is_in_the_keyboard_map_and_no_other_desk_key_takes_it() -> None:
    from console.keymap import KEYMAP
    from console.panes import IncidentQueue, UnitRoster
    from console.screens.main import KEYS

    desk = [key for group, keys in KEYMAP if group == "Desk" for key, _what in keys]
    assert "s" in desk
    bound = [key.key for key in KEYS] + [str(binding.key) for pane in (IncidentQueue, UnitRoster)
                                          for binding in pane.BINDINGS if not isinstance(binding, tuple)]
    assert bound.count("s") == 1


def painted_bar(app: LinkDeskApp) -> str:
    """The bar as the terminal shows it: its one painted line, cut where the bar ends."""
    return app.main.query_one(StatusBar).render_line(0).text


@pytest.mark.parametrize("size", [(120, 40), SIZE])
async def test_the_status_bar_keeps_the_seat_operator_and_alarms_at_120_columns(demo_ledger: Path | str,
                                                                               size: tuple[int, int]) -> None:
    """The longest seat (Shift leader's seat) and a long officer's name: at 120 columns the bar leaves out the
    date, the counts of available resources and open incidents and the shift's name (in that order, as much
    as it must) and keeps the time, the officer, the seat, the warnings and both alarm counts whole; at 160
    columns everything is there."""
    officer = "值班员 欧阳新到"
    app = make_app(demo_ledger, officer)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, on_screen(app, SeatScreen))
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot, lambda: isinstance(app.screen, MainScreen) and "Shift leader's seat" in status_line(app))
        await settle(pilot, lambda: "shift" in status_line(app) or "warnings" in status_line(app))
        painted = painted_bar(app)
        bar = app.main.query_one(StatusBar)
        assert cell_len(str(bar.render())) <= bar.content_size.width, painted  # nothing runs past the bar's end
    assert f"operator {officer}  seat Shift leader's seat  " in painted
    assert re.search(r"warnings \d+ +overdue \d+ +not acknowledged \d+", painted), painted
    assert "10:00:00" in painted
    if size == SIZE:
        assert "28 Nov 2026" in painted and "shift" in painted and "available" in painted
    else:
        assert "28 Nov" not in painted and "available" not in painted


def test_names_too_long_for_any_line_are_shortened_before_an_alarm_is_cut() -> None:
    """An operator's name of 63 characters on a 104-cell bar: once every part that may give way has, the
    operator's name ends in "…"; the seat and the alarm counts still read whole."""
    bar = StatusBar("值班员 " + "很长的名字" * 12)
    bar.show_seat("Shift leader's seat")
    bar.show_figures(DeskFigures(open_incidents=3, available_resources=79, warnings_in_force=1, shift_name="白班",
                                 officers=""))
    line = bar.line(FROZEN_AT, 6, 2, 104).plain
    assert cell_len(line) <= 104, line
    assert line.startswith("10:00:00  operator 值班员 很") and "…  seat Shift leader's seat  " in line
    assert line.rstrip().endswith("warnings 1   overdue 6    not acknowledged 2"), line


LONG_REASON = ("cannot reach the ledger server at ledger.nandagang.example:5432: connection refused; is the server "
               "running on that host and accepting TCP/IP connections?")
"""Why the follower is cut off, as a failed read says it: longer than any bar."""


@pytest.mark.parametrize("width", [160, 140])
def test_a_long_cut_off_reason_is_shortened_before_a_count_is_cut(width: int) -> None:
    """A reason too long for the bar ends in "…" within the bar; the operator, the seat, the warnings and
    both alarm counts read whole, and the bar still says the ledger is not followed and starts to say why."""
    bar = StatusBar("值班员 欧阳新到")
    bar.show_seat("Shift leader's seat")
    bar.show_figures(DeskFigures(open_incidents=3, available_resources=79, warnings_in_force=1, shift_name="白班",
                                 officers=""))
    bar.show_cut_off(LONG_REASON)
    line = bar.line(FROZEN_AT, 6, 2, width).plain
    assert cell_len(line) <= width, line
    assert "operator 值班员 欧阳新到  seat Shift leader's seat  " in line
    assert "warnings 1   overdue 6    not acknowledged 2   ledger not followed: cannot " in line, line
    assert line.endswith("…"), line


def test_names_and_a_cut_off_reason_too_long_for_any_line_keep_the_counts() -> None:
    """A 63-character operator's name and a long reason on a 120-cell bar: the reason gives way to "…", then
    the names are shortened; the alarm counts and `ledger not followed` read whole. At 104 cells even that
    label is cut, never a count."""
    bar = StatusBar("值班员 " + "很长的名字" * 12)
    bar.show_seat("Shift leader's seat")
    bar.show_figures(DeskFigures(open_incidents=3, available_resources=79, warnings_in_force=1, shift_name="白班",
                                 officers=""))
    bar.show_cut_off(LONG_REASON)
    line = bar.line(FROZEN_AT, 6, 2, 120).plain
    assert cell_len(line) <= 120, line
    assert "  warnings 1   overdue 6    not acknowledged 2   ledger not followed" in line, line
    assert "operator 值班员 很长…  seat Shift leade…  " in line, line
    line = bar.line(FROZEN_AT, 6, 2, 104).plain
    assert cell_len(line) <= 104, line
    assert "  warnings 1   overdue 6    not acknowledged 2   " in line and line.endswith("…"), line


async def test_the_whole_cut_off_reason_is_in_a_toast_when_it_first_appears(demo_ledger: Path | str) -> None:
    """At 120 columns the bar shortens a long reason; the toast that comes with it says all of it."""
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, MainScreen) and "warnings" in status_line(app))
        app.main.post_message(FollowerCutOff(LONG_REASON))
        await settle(pilot, lambda: "ledger not followed" in painted_bar(app) and bool(app.screen.query(Toast)))
        painted = painted_bar(app)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
    assert re.search(r"overdue \d+ +not acknowledged \d+   ledger not followed: .*…", painted), painted
    assert any(f"ledger not followed: {LONG_REASON}" in toast.replace("\n", " ") for toast in toasts), toasts
