"""The queue at 160×48: the place gets the pane's spare width, and the highlighted incident reads whole below."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Static

from console import labels
from console.app import make_app
from console.panes import IncidentQueue, UnitRoster
from model import clock
from model.config import load_config
from model.text import language, pick, set_language
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, queue_numbers, select_incident, settle


@pytest.fixture(autouse=True)
def english_at_a_frozen_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


async def test_the_detail_line_shows_what_the_columns_cut(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4
                     and app.screen.query_one("#plan-table", DataTable).row_count > 0)
        queue = app.screen.query_one(IncidentQueue)
        table = queue.query_one(DataTable)
        place = table.columns[next(key for key in table.columns if key.value == "place")]
        assert place.width >= 15
        kind = table.columns[next(key for key in table.columns if key.value == "type")]
        assert kind.width >= 15, "room for 危险化学品泄漏 and Road traffic, not their first five characters"
        plan = app.screen.query_one("#plan-table", DataTable)
        who = plan.columns[next(key for key in plan.columns if key.value == "who")]
        responsible = [plan.get_cell(row, "who").plain for row in plan.rows]
        assert "Public security" in responsible and all(cell_len(name) <= who.width for name in responsible)
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= queue.content_size.width
        for number in reversed(queue_numbers(app)):
            await select_incident(pilot, number)
            row = next(row for row in queue.rows if row.no == number)
            detail = queue.query_one("#queue-detail", Static).render()
            text = str(detail)
            assert row.address in text and row.description in text and number in text
            assert "Hazardous chemical leak" in text or row.type != "hazardous_chemical_leak"


@pytest.mark.parametrize(("size", "columns"), [
    ((120, 40), ["no", "level", "type", "place", "state"]),
    (SIZE, ["no", "level", "type", "place", "state", "age", "overdue"]),
])
async def test_the_queue_fits_its_pane_without_scrolling_sideways(demo_ledger: Path | str, size: tuple[int, int],
                                                                   columns: list[str]) -> None:
    """At 120 columns the age and the count of overdue steps are left out (the detail line gives the age, an
    overdue incident's number is red); at 160 every column is there. Either way nothing scrolls sideways."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=size) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        queue = app.screen.query_one(IncidentQueue)
        table = queue.query_one(DataTable)
        assert [str(key.value) for key in table.columns] == columns
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= queue.content_size.width
        assert table.max_scroll_x == 0
        widths = {str(key.value): column.width for key, column in table.columns.items()}
        assert widths["type"] >= 12 and widths["place"] >= 12
        assert widths["type"] >= cell_len("[DRILL] Flood"), "the demo's drill reads whole"
        late = next(row for row in queue.rows if row.overdue_steps)
        assert "red" in str(table.get_cell(late.no, "no").style)
        await select_incident(pilot, late.no)
        assert "ago" in str(queue.query_one("#queue-detail", Static).render())


@pytest.mark.parametrize("size", [(120, 40), SIZE])
async def test_every_incident_type_reads_whole_in_the_type_column(demo_ledger: Path | str,
                                                                  size: tuple[int, int]) -> None:
    """Each configured type, in English and Chinese, fits the column: its full name where that fits, else the
    configuration's short name (Hazmat leak, 危化品泄漏), never the first letters of a long name."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=size) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        table = app.screen.query_one(IncidentQueue).query_one(DataTable)
        width = next(column.width for key, column in table.columns.items() if key.value == "type")
        shown = {str(table.get_cell(row.no, "type")) for row in app.screen.query_one(IncidentQueue).rows}
    assert "[DRILL] Flood" in shown and not any(name.endswith("…") for name in shown)
    before = language()
    try:
        for lang in ("en", "zh"):
            set_language(lang)
            for entry in load_config().incident_types:
                name = labels.incident_type_within(entry.code, width)
                assert cell_len(name) <= width, (lang, entry.code, name, width)
                assert name == pick(entry.zh, entry.en) or name == pick(entry.short_zh, entry.short_en)
    finally:
        set_language(before)


@pytest.mark.parametrize(("size", "columns"), [
    ((120, 40), ["code", "tier", "unit", "type", "name", "status", "incident", "since"]),
    (SIZE, ["code", "tier", "unit", "kind", "type", "name", "status", "incident", "since"]),
])
async def test_the_roster_shows_each_resources_status_and_incident_without_scrolling(
        demo_ledger: Path | str, size: tuple[int, int], columns: list[str]) -> None:
    """At 120 columns the unit's kind is left out and the unit's name narrowed, so that the status, the
    incident worked and the time in status stay on screen (they ran past the pane's edge), and every
    resource's name in the demo reads whole, its number at the end. At 160 every column is there."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=size) as pilot:
        roster = app.screen.query_one(UnitRoster)
        await settle(pilot, lambda: bool(roster.rows))
        table = roster.query_one(DataTable)
        assert [str(key.value) for key in table.columns] == columns
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= roster.content_size.width
        assert table.max_scroll_x == 0
        widths = {str(key.value): column.width for key, column in table.columns.items()}
        assert all(cell_len(row.name) <= widths["name"] for row in roster.rows)
        assert widths["unit"] >= 12
        dispatched = next(row for row in roster.rows if row.incident_no)
        assert table.get_cell(dispatched.code, "incident").plain == dispatched.incident_no
        assert table.get_cell(dispatched.code, "status").plain == labels.resource_status(dispatched.status)
