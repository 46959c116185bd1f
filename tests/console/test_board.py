"""The situation board: its figures and lists from the demo, live on the ledger, and read-only in board mode."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Digits

from console.app import make_app
from console.board_app import BoardApp, make_board_app
from console.messages import LedgerAdvanced
from console.screens import board as board_screen
from console.screens.board import BoardScreen, arrival_counts
from console.screens.main import KEYS
from model import actions, clock
from model.db import ledger_url, open_ledger, write_session
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, count, passing, queue_numbers, settle


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


def digits(screen: BoardScreen, widget_id: str) -> str:
    return screen.query_one(f"#{widget_id}", Digits).value


def rows(screen: BoardScreen, widget_id: str) -> int:
    return screen.query_one(f"#{widget_id}", DataTable).row_count


def loaded(app: Any) -> bool:
    return isinstance(app.screen, BoardScreen) and app.screen.board is not None


async def open_board(pilot: Pilot[None]) -> BoardScreen:
    await settle(pilot, lambda: len(queue_numbers(pilot.app)) == 4)
    await pilot.press("B")
    await settle(pilot, lambda: loaded(pilot.app))
    screen = pilot.app.screen
    assert isinstance(screen, BoardScreen)
    return screen


async def board_settles(pilot: Pilot[None], until: Callable[[], bool]) -> None:
    """`settle` for the board-only app, which has no writer or desk follower to wait for."""
    for _ in range(200):
        await passing(pilot)
        await pilot.pause(0.05)
        if until():
            return
    raise AssertionError("the board never reached the expected state")


def take_out_of_service(ledger: Path | str, code: str) -> None:
    engine = open_ledger(ledger_url(ledger))
    with write_session(engine) as session:
        actions.set_resource_status(session=session, operator="值班员 李娜", resource_code=code,
                                    status="out_of_service", reason="轮胎更换")
    engine.dispose()


async def test_the_board_shows_the_demo_figures_and_lists(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        figures = {key: digits(screen, f"digits-{key}") for key in
                   ("open", "received", "dispatched", "on_scene", "available", "warnings", "arrival")}
        assert figures == {"open": "3", "received": "4", "dispatched": "6", "on_scene": "1", "available": "79",
                           "warnings": "1", "arrival": "18:00"}
        assert [digits(screen, f"level-digits-{code}") for code in ("I", "II", "III", "IV", "none")] == \
            ["0", "0", "1", "1", "1"], "the drill counts in no level"
        assert rows(screen, "board-incidents") == 4, "the drill is listed"
        assert (rows(screen, "board-overdue"), rows(screen, "board-reports")) == (6, 4)
        assert (rows(screen, "board-out"), rows(screen, "board-warnings")) == (1, 1)
        await pilot.press("escape")
        assert not isinstance(app.screen, BoardScreen)


async def test_every_list_on_the_board_shows_its_last_column(demo_ledger: Path | str) -> None:
    """Each list fits its panel, its last column (when a step or report was due, since when a resource
    is out, until when a warning holds) on screen: a long step's words pushed the overdue steps' due
    times off the board."""
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        for name in ("incidents", "overdue", "reports", "out", "warnings"):
            table = screen.query_one(f"#board-{name}", DataTable)
            widths = sum(column.get_render_width(table) for column in table.columns.values())
            assert widths <= table.content_size.width, name
            assert table.max_scroll_x == 0, name


@pytest.mark.parametrize(("lang", "names"), [
    ("en", ["Hazmat leak", "[DRILL] Flood", "Road crash", "Fire"]),
    ("zh", ["危险化学品泄漏", "[演练] 洪涝", "交通事故", "火灾"]),
])
async def test_the_board_shows_short_type_names_where_the_full_ones_do_not_fit(
        demo_ledger: Path | str, request: pytest.FixtureRequest, lang: str, names: list[str]) -> None:
    """The board's type column is as narrow as the queue's at 120 columns: a name that does not fit shows as
    the configured short name (Hazardous chemical leak as Hazmat leak), as in the queue; one that fits
    (危险化学品泄漏) stays whole; none is cut."""
    if lang == "zh":
        request.getfixturevalue("chinese")
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        table = screen.query_one("#board-incidents", DataTable)
        width = list(table.columns.values())[2].width
        shown = [table.get_row_at(index)[2] for index in range(table.row_count)]
    assert [str(cell) for cell in shown] == names
    assert all(cell.cell_len <= width for cell in shown)


async def test_the_board_follows_the_ledger(demo_ledger: Path | str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another desk takes an engine out of service; the desk's follower sees the ledger move and tells
    the board (LedgerAdvanced to the screen on top), which reads it again. The board's own timer is
    set out of reach, so only the follower can have brought the change."""
    monkeypatch.setattr(board_screen, "RECHECK_SECONDS", 3600)
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        take_out_of_service(demo_ledger, "XF-FI03")
        await settle(pilot, lambda: rows(screen, "board-out") == 2)
        assert digits(screen, "digits-available") == "78"


async def test_the_board_reads_again_on_ledger_advanced(demo_ledger: Path | str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """What the follower posts is what the board answers: LedgerAdvanced alone makes it read the ledger."""
    monkeypatch.setattr(board_screen, "RECHECK_SECONDS", 3600)
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot)
        first = screen.board
        screen.post_message(LedgerAdvanced(head_seq=count(demo_ledger)))
        await settle(pilot, lambda: screen.board is not first)


async def test_board_mode_binds_no_write_and_keeps_itself_current(demo_ledger: Path | str) -> None:
    """Every key of the desk's workflows, pressed on the board-only app, records nothing; a write from
    another desk reaches the board through the ledger's watch, with nobody posting anything."""
    app = make_board_app(demo_ledger)
    before = count(demo_ledger)
    async with app.run_test(size=SIZE) as pilot:
        await board_settles(pilot, lambda: loaded(app))
        screen = app.screen
        assert isinstance(app, BoardApp) and isinstance(screen, BoardScreen)
        for key in KEYS:
            await pilot.press(key.key)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert app.screen is screen, "no form, palette or other screen opened"
        assert count(demo_ledger) == before
        take_out_of_service(demo_ledger, "XF-FI03")
        await board_settles(pilot, lambda: rows(screen, "board-out") == 2)
    assert count(demo_ledger) == before + 1, "only the other desk's entry"


def test_arrival_bins() -> None:
    assert arrival_counts((0.5, 4.99, 5.0, 18.0, 29.9, 30.0, 95.0)) == [2, 1, 0, 1, 1, 2]


def test_board_snapshot(demo_ledger: Path | str, snap_compare: Any) -> None:
    """The demo's board at 10:00: figures 3 open, 4 received, 6 orders, 1 on scene, 79 available (of 86),
    1 warning, 18:00 to the 90th percentile; levels III 1, IV 1, not graded 1; the four incidents with
    the drill marked and overdue counts in red; six overdue steps, four reports due, the pump truck
    out of service, the yellow rainstorm warning, one bar in the chart at under 20 minutes."""

    async def run_before(pilot: Pilot[None]) -> None:
        screen = await open_board(pilot)
        # Every list filled and laid out: on a loaded machine the board's first paint can come
        # before its tables have sized their columns to the rows.
        await settle(pilot, lambda: [rows(screen, f"board-{name}") for name in
                                     ("incidents", "overdue", "reports", "out", "warnings")] == [4, 6, 4, 1, 1])
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(demo_ledger, "值班员 王磊"), terminal_size=SIZE, run_before=run_before)
