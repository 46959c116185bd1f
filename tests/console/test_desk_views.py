"""The desk around the incidents by keys: queue quick filters, shift start and handover, the help screen."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import DataTable

from console.app import make_app
from console.panes import IncidentQueue
from console.screens.form import FormScreen
from console.screens.help import HelpScreen
from console.screens.main import MainScreen
from console.screens.seat import SeatScreen
from model import actions, clock
from model.db import ledger_url, open_ledger, write_session
from model.schemas import ReportIn
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, entries, on_screen, queue_numbers, settle


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


async def test_queue_quick_filters_all_overdue_drills_mine(demo_ledger: Path | str) -> None:
    engine = open_ledger(ledger_url(demo_ledger))
    with write_session(engine) as session:
        mine = actions.receive_report(session=session, operator="值班员 李娜", report=ReportIn(
            channel="phone", type="flood", address="红旗路涵洞", description="积水"))
    engine.dispose()
    app = make_app(demo_ledger, "值班员 李娜")
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen.query_one(IncidentQueue)
        await settle(pilot, lambda: len(queue_numbers(app)) == 5)
        table = queue.query_one("#queue-table", DataTable)
        shown: dict[str, list[str]] = {}
        for key, name in (("2", "overdue"), ("3", "drills"), ("4", "mine"), ("1", "all")):
            await pilot.press(key)
            shown[name] = [str(table.coordinate_to_cell_key((index, 0)).row_key.value)
                           for index in range(table.row_count)]
            assert name in str(queue.border_subtitle)
        everything = queue_numbers(app)
    rows = {row.no: row for row in queue.rows}
    assert shown["all"] == everything
    assert shown["overdue"] and all(rows[no].overdue_steps for no in shown["overdue"])
    assert len(shown["overdue"]) == sum(1 for row in rows.values() if row.overdue_steps) < 5
    assert [rows[no].type for no in shown["drills"]] == ["flood"] and rows[shown["drills"][0]].is_drill
    assert shown["mine"] == [mine.no]


async def test_shift_start_then_handover(ledger: Path | str) -> None:
    app = make_app(ledger, "值班员 甲")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready)
        await pilot.press("h")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press("enter", "down", "enter", "tab", "end", *",乙", "ctrl+s")
        await settle(pilot, lambda: "shift_started" in [kind for kind, _no, _facts in entries(ledger)])
        await settle(pilot, on_screen(app, SeatScreen))  # a shift open and no seat yet: the desk asks
        await pilot.press("down", "enter")
        await settle(pilot, lambda: isinstance(app.screen, MainScreen)
                     and "白班" in str(app.screen.query_one("#status").render()))
        await pilot.press("h")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"北堤巡查", "tab", *"值班员 丙", "ctrl+s")
        await settle(pilot, lambda: entries(ledger)[-1][0] == "shift_handed_over")
    started, seated, handed = entries(ledger)[-3:]
    assert started[2]["officers"] == "值班员 甲, 乙"
    assert seated[0] == "seat_signed_in" and seated[2]["seat"] == "dispatch"
    assert handed[0] == "shift_handed_over"


def screen_text(statics: Any) -> str:
    console = Console(width=160, record=True, file=io.StringIO())
    for static in statics:
        console.print(static.content)
    return console.export_text()


async def test_f1_and_question_mark_show_the_keyboard_map(ledger: Path | str) -> None:
    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("f1")
        await settle(pilot, on_screen(app, HelpScreen))
        text = screen_text(app.screen.query("Static"))
        await pilot.press("question_mark")
        await settle(pilot, lambda: not on_screen(app, HelpScreen)())
        await pilot.press("question_mark")
        await settle(pilot, on_screen(app, HelpScreen))
        await pilot.press("escape")
        await settle(pilot, on_screen(app, MainScreen))
    assert "dispatch resources" in text and "1 2 3 4" in text and "out of service / back in service" in text
