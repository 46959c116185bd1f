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
from tests.ledger_rows import rows


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


async def test_a_move_names_resource_and_incident_and_the_cursor_stays_on_it(demo_ledger: Path | str) -> None:
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


async def test_ctrl_z_corrects_a_mistaken_move_with_a_new_entry(demo_ledger: Path | str) -> None:
    """Enter moved the wrong resource on: Ctrl+Z puts it back as a correction entry; the move stays in the ledger."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        roster = app.screen.query_one(UnitRoster)
        await settle(pilot, lambda: bool(roster.rows))
        await tab_to(pilot, "roster-filter")
        await pilot.press(*"GA-PA01", "enter")
        await settle(pilot, lambda: under_cursor(roster) == "GA-PA01" and status(roster, "GA-PA01") == "dispatched")
        await pilot.press("enter")
        await settle(pilot, lambda: status(roster, "GA-PA01") == "acknowledged")
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: status(roster, "GA-PA01") == "dispatched")
        assert under_cursor(roster) == "GA-PA01"
        assert any("corrected" in message and "巡逻警车1号" in message for message in messages(app))
    (move, kind_of_move, _none), (_seq, kind, corrects) = rows(
        demo_ledger, "SELECT seq, kind, corrects_seq FROM ledger_entry ORDER BY seq DESC LIMIT 2")[::-1]
    assert (kind_of_move, kind, corrects) == ("resource_status", "resource_corrected", move)
