"""The statistics screen by keys: `t` opens the month's assessment with every unit of the demo roster,
the drill incident left out of the real figures, terminal charts drawn; `[` steps back a month.
In Chinese at 120×40 the charts stay inside their frames and the tables are as tall as their rows."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from console.app import make_app
from console.desk import Desk
from console.screens.main import MainScreen
from console.screens.statistics import StatisticsScreen
from model import clock
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, on_screen, settle

SMALL = (120, 40)
"""The smallest terminal a duty desk is expected to have."""


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


def _units(app: object) -> DataTable:  # type: ignore[type-arg]
    return app.screen.query_one("#statistics-units", DataTable)  # type: ignore[attr-defined, no-any-return]


async def test_t_opens_the_months_assessment_for_every_unit_with_charts(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready)
        await pilot.press("t")
        await settle(pilot, lambda: isinstance(app.screen, StatisticsScreen) and _units(app).row_count > 0)
        table = _units(app)
        assert table.row_count == 20, "every unit of the demo roster has its row"
        names = [str(table.get_row_at(index)[1]) for index in range(table.row_count)]
        assert "南大港消防救援大队" in names
        fire = table.get_row(next(key for key in table.rows if key.value == "XF"))
        assert str(fire[2]) == "2", "the fire brigade had two real orders (the drill incident had none)"
        title = str(app.screen.query_one("#statistics-title", Static).render())
        assert "2026-11" in title and "drill incidents, left out of the figures: 1" in title
        orders_plot = app.screen.query_one("#statistics-orders", PlotextPlot)
        drawn = Text.from_ansi(orders_plot.plt.build()).plain
        assert "Orders per unit" in str(app.screen.query_one("#statistics-orders-title", Static).render())
        fire_number = str(fire[0])
        assert drawn.splitlines()[-1].split() == [str(table.get_row_at(index)[0]) for index in range(table.row_count)
                                                  if str(table.get_row_at(index)[2]) != "0"], \
            "a bar under the table number of each unit with orders, and only those"
        assert fire_number in drawn.splitlines()[-1].split()
        await pilot.press("left_square_bracket")
        await settle(pilot, lambda: "2026-10" in str(app.screen.query_one("#statistics-title", Static).render()))
        assert all(str(_units(app).get_row_at(index)[2]) == "0" for index in range(_units(app).row_count))
        await pilot.press("escape")
        await settle(pilot, on_screen(app, MainScreen))


async def test_t_pressed_while_the_ledger_opens_opens_the_screen_once_it_is(demo_ledger: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The officer's first key is not lost to a desk still opening its ledger: it is said, then run."""
    opened_ledger = Desk.open
    release = threading.Event()

    def held_open(desk: Desk) -> None:
        release.wait(30)
        opened_ledger(desk)

    monkeypatch.setattr(Desk, "open", held_open)
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and not app.main.ready
        assert any("still opening" in notice.message and "Statistics and assessment" in notice.message
                   for notice in app._notifications)
        release.set()
        await settle(pilot, lambda: isinstance(app.screen, StatisticsScreen) and _units(app).row_count > 0)


async def opened(pilot: Pilot[None]) -> None:
    """From the desk to the statistics screen by `t`, until the month's figures are drawn."""
    app = pilot.app
    await settle(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready)
    await pilot.press("t")
    await settle(pilot, lambda: isinstance(app.screen, StatisticsScreen) and _units(app).row_count > 0)
    await pilot.pause()


@pytest.mark.usefixtures("chinese")
async def test_in_chinese_at_120_by_40_the_charts_keep_to_their_frames(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot)
        units = _units(app)
        officers = app.screen.query_one("#statistics-officers", DataTable)
        assert units.region.height == units.row_count + units.header_height, "the units' table is as tall as its rows"
        assert officers.region.height == officers.row_count + officers.header_height
        assert units.virtual_size.width <= units.size.width, "every column in view without scrolling sideways"
        for plot_id in ("#statistics-orders", "#statistics-ack"):
            plot = app.screen.query_one(plot_id, PlotextPlot)
            assert plot.size.height >= 12, "the charts take the height the tables leave"
            lines = Text.from_ansi(plot.plt.build()).plain.splitlines()
            assert all(cell_len(line.rstrip()) <= plot.size.width for line in lines), \
                "no Chinese label spills over the chart's frame"
            assert not any(char in "".join(lines) for char in "南大港"), \
                "bars labelled by the table number, not by the unit's name"
            title = app.screen.query_one(f"{plot_id}-title", Static)
            assert "序号" in str(title.render()) and title.size.width == plot.size.width


def test_statistics_screen(demo_ledger: Path | str, snap_compare: Callable[..., bool], monkeypatch: pytest.MonkeyPatch,
                           ) -> None:
    """The month's assessment in English at 160×48: the title with the real and the drill incidents,
    the units' table numbered 1 to 20 with its headings on two lines, the officer's table under it,
    both as tall as their rows, and below them two charts of vertical bars over the numbers 2, 3, 7
    and 8 (orders: 1, 1, 2, 2) and 3, 7, 8 (acknowledgement p90: 60, 120, 120 s) on round ticks."""
    monkeypatch.setenv("LINKDESK_LANG", "en")
    assert snap_compare(make_app(demo_ledger, "值班员 王磊"), terminal_size=SIZE, run_before=opened)


@pytest.mark.usefixtures("chinese")
def test_statistics_screen_in_chinese(demo_ledger: Path | str, snap_compare: Callable[..., bool]) -> None:
    """The same screen in Chinese at 120×40: one-line headings, every column in view, the charts'
    titles centred over their plots and the bars under the table numbers."""
    assert snap_compare(make_app(demo_ledger, "值班员 王磊"), terminal_size=SMALL, run_before=opened)
