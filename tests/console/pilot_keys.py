"""Helpers for driving the console by keys in Pilot tests and reading back what the ledger took."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.measure import Measurement
from rich.text import Text
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from console.app import LinkDeskApp
from console.panes import IncidentQueue, PlanPane
from tests.ledger_rows import rows, scalar

SIZE = (160, 48)


RUNNING = {"follower", "writer"}
"""The desk's ledger follower and ordered writer run as long as the console: waited on by `quiet()`."""


async def passing(pilot: Pilot[None]) -> None:
    """Wait for the workers that end (reads, reports), not for the follower and the writer."""
    passing = [worker for worker in pilot.app.workers if worker.group not in RUNNING]
    if passing:  # an empty list would mean every worker to Textual
        with contextlib.suppress(WorkerCancelled):  # a newer exclusive read replaced an older one
            await pilot.app.workers.wait_for_complete(passing)


async def settle(pilot: Pilot[None], until: Callable[[], bool]) -> None:
    """Let the workers run until every write is recorded and read back and the screen shows what
    the test waits for."""
    app = pilot.app
    assert isinstance(app, LinkDeskApp)
    for _ in range(200):
        await passing(pilot)
        await pilot.pause(0.05)
        if app.quiet() and until() and tables_sized(app.screen):
            return
    raise AssertionError("the console never reached the expected state")


def tables_sized(screen: Screen[Any]) -> bool:
    """Every table on the screen has sized its columns to the rows it holds.

    A table sizes its columns when it next idles after rows are added, so a table refilled by a
    read (the board's periodic one, say) holds its rows for a moment in the columns of the
    headings: a snapshot taken then shows every cell cut. Columns of a set width are not sized.
    """
    console = screen.app.console
    for table in screen.query(DataTable):
        for index, column in enumerate(table.ordered_columns):
            if not column.auto_width:
                continue
            cells = (cell for cell in table.get_column_at(index) if isinstance(cell, Text))
            if any(Measurement.get(console, console.options, cell).maximum > column.content_width
                   for cell in cells):
                return False
    return True


def on_screen(app: LinkDeskApp, screen_type: type) -> Callable[[], bool]:
    """The screen is up and every widget on it has mounted: keys go to a whole form, and a test that
    ends there does not quit the app while a widget is still being put together."""
    def up() -> bool:
        screen = app.screen
        return isinstance(screen, screen_type) and all(
            widget.is_mounted for widget in screen.walk_children(with_self=True))
    return up


def queue_numbers(app: LinkDeskApp) -> list[str]:
    return [row.no for row in app.screen.query_one(IncidentQueue).rows]


def entries(ledger: Path | str, kind: str | None = None) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(kind, incident, facts) of every ledger entry, or of one kind, in the order recorded (either backend)."""
    found = rows(ledger, "SELECT kind, incident_no, payload FROM ledger_entry ORDER BY seq")
    return [(row_kind, incident_no, json.loads(payload)["facts"]) for row_kind, incident_no, payload in found
            if kind is None or row_kind == kind]


def entry_kinds(ledger: Path | str) -> list[str]:
    return [kind for (kind,) in rows(ledger, "SELECT kind FROM ledger_entry ORDER BY seq")]


def count(ledger: Path | str) -> int:
    return int(scalar(ledger, "SELECT count(*) FROM ledger_entry"))


async def tab_to(pilot: Pilot[None], widget_id: str) -> None:
    """Press Tab until the widget has the focus, as an officer moves between panes."""
    for _ in range(6):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}")


async def select_incident(pilot: Pilot[None], incident_no: str) -> None:
    """Move the queue's cursor to an incident with the arrow keys, as an officer would."""
    app = pilot.app
    await tab_to(pilot, "queue-table")
    table = app.screen.query_one("#queue-table", DataTable)
    target = table.get_row_index(incident_no)
    key = "down" if target > table.cursor_row else "up"
    await pilot.press(*[key] * abs(target - table.cursor_row))
    await settle(pilot, lambda: app.screen.query_one(PlanPane).incident_no == incident_no)


async def select_step(pilot: Pilot[None], step_id: str) -> None:
    """Focus the plan pane and move its cursor to a step with the arrow keys."""
    await tab_to(pilot, "plan-table")
    table = pilot.app.screen.query_one("#plan-table", DataTable)
    target = table.get_row_index(step_id)
    key = "down" if target > table.cursor_row else "up"
    await pilot.press(*[key] * abs(target - table.cursor_row))
    assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == step_id


def step_state(app: LinkDeskApp, step_id: str) -> str:
    return next(step.state for step in app.screen.query_one(PlanPane).steps if step.step_id == step_id)
