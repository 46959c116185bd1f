"""The console in Chinese: the desk's words from the catalog, CJK columns aligned, and its look."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from console.app import make_app
from console.panes import IncidentQueue
from model import actions, clock
from model.db import ledger_url, open_ledger, write_session
from model.schemas import ReportIn
from model.text import _
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, settle


@pytest.fixture(autouse=True)
def frozen(chinese: None) -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


@pytest.fixture
def two_reports(ledger: Path | str) -> list[str]:
    """A chemical leak graded III and a fresh traffic accident: CJK in every column."""
    engine = open_ledger(ledger_url(ledger))
    with write_session(engine) as session:
        leak = actions.receive_report(session=session, operator="值班员", report=ReportIn(
            channel="110", type="hazardous_chemical_leak", address="化工园区纬三路8号",
            description="储罐阀门泄漏，有刺激性气味"))
        actions.verify(session=session, operator="值班员", incident_no=leak.no)
        actions.grade(session=session, operator="值班员", incident_no=leak.no, level="III")
        crash = actions.receive_report(session=session, operator="值班员", report=ReportIn(
            channel="122", type="traffic_accident", address="津汕高速K12", description="两车追尾"))
    engine.dispose()
    return [leak.no, crash.no]


async def test_the_desk_speaks_chinese_and_keeps_columns_aligned(ledger: Path | str, two_reports: list[str]) -> None:
    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen.query_one(IncidentQueue)
        await settle(pilot, lambda: len(queue.rows) == 2)
        footer = {key.description for key in app.screen.query(FooterKey)}
        assert _("New report") in footer and _("New report") != "New report"
        table = app.screen.query_one("#queue-table", DataTable)
        lines = [table.render_line(y).text for y in range(3)]
        header, rows = lines[0], lines[1:]
        type_column = cell_len(header[:header.index(_("Type"))])
        for row, name in zip(rows, ("危险化学品", "交通事故"), strict=True):
            assert cell_len(row[:row.index(name)]) == type_column, (header, row)
        place_column = cell_len(header[:header.index(_("Place"))])
        for row, place in zip(rows, ("化工园区", "津汕高速"), strict=True):
            assert cell_len(row[:row.index(place)]) == place_column, (header, row)


def test_main_screen_in_chinese(snap_compare: Callable[..., bool], ledger: Path | str, two_reports: list[str]) -> None:
    app = make_app(ledger, "值班员")

    async def filled(pilot: Pilot[None]) -> None:
        await settle(pilot, lambda: len(app.screen.query_one(IncidentQueue).rows) == 2)

    assert snap_compare(app, terminal_size=SIZE, run_before=filled)
