"""The statistics screen by keys: `t` opens the month's assessment with every unit of the demo roster,
the drill incident left out of the real figures, terminal charts drawn; `[` steps back a month."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from console.app import make_app
from console.screens.main import MainScreen
from console.screens.statistics import StatisticsScreen
from model import clock
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, on_screen, settle


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


def _units(app: object) -> DataTable:  # type: ignore[type-arg]
    return app.screen.query_one("#statistics-units", DataTable)  # type: ignore[attr-defined, no-any-return]


async def test_t_opens_the_months_assessment_for_every_unit_with_charts(demo_ledger: Path) -> None:
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready)
        await pilot.press("t")
        await settle(pilot, lambda: isinstance(app.screen, StatisticsScreen) and _units(app).row_count > 0)
        table = _units(app)
        assert table.row_count == 20, "every unit of the demo roster has its row"
        names = [str(table.get_row_at(index)[0]) for index in range(table.row_count)]
        assert "南大港消防救援大队" in names
        fire = table.get_row(next(key for key in table.rows if key.value == "XF"))
        assert str(fire[1]) == "2", "the fire brigade had two real orders (the drill incident had none)"
        title = str(app.screen.query_one("#statistics-title", Static).render())
        assert "2026-11" in title and "1 drill incidents" in title
        orders_plot = app.screen.query_one("#statistics-orders", PlotextPlot)
        assert "Orders per unit" in orders_plot.plt.build()
        await pilot.press("left_square_bracket")
        await settle(pilot, lambda: "2026-10" in str(app.screen.query_one("#statistics-title", Static).render()))
        assert all(str(_units(app).get_row_at(index)[1]) == "0" for index in range(_units(app).row_count))
        await pilot.press("escape")
        await settle(pilot, on_screen(app, MainScreen))
