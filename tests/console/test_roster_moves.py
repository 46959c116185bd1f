"""Roster moves say which resource moved for which incident, keep it under the cursor, and can be corrected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from console.app import LinkDeskApp, make_app
from console.panes import UnitRoster
from model import clock
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, entries, settle, tab_to


@pytest.fixture(autouse=True)
def english_at_a_frozen_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


def messages(app: LinkDeskApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def under_cursor(roster: UnitRoster) -> str | None:
    row = roster.selected
    return row.code if row else None


def status(roster: UnitRoster, code: str) -> str:
    return next(row.status for row in roster.rows if row.code == code)


async def test_a_move_names_resource_and_incident_and_the_cursor_stays_on_it(demo_ledger: Path) -> None:
    """Filtered to dispatched resources, Enter acknowledges the highlighted one: it stays listed and highlighted
    although the filter no longer matches it, and the line says which resource went where for which incident."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        roster = app.screen.query_one(UnitRoster)
        await settle(pilot, lambda: bool(roster.rows))
        await tab_to(pilot, "roster-filter")
        await pilot.press(*"dispatched", "enter")
        table = roster.query_one("#roster-table", DataTable)
        await settle(pilot, lambda: table.row_count >= 1 and app.focused is table)
        listed = table.row_count
        moved = under_cursor(roster)
        assert moved is not None
        incident = next(row.incident_no for row in roster.rows if row.code == moved)
        name = next(row.name for row in roster.rows if row.code == moved)
        await pilot.press("enter")
        await settle(pilot, lambda: status(roster, moved) == "acknowledged")
        assert under_cursor(roster) == moved
        assert table.row_count == listed
        line = next(message for message in messages(app) if name in message)
        assert moved in line and incident in line and "acknowledged" in line
    kind, number, facts = entries(demo_ledger)[-1]
    assert (kind, number, facts["resource"], facts["to"]) == ("resource_status", incident, moved, "acknowledged")
