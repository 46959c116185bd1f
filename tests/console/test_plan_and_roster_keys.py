"""Plan pane and roster by keys: a notify step, an approval from a step, one-key resource moves, the filter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.app import LinkDeskApp, make_app
from console.panes import UnitRoster
from console.screens.form import FormScreen
from console.screens.ticks import TickScreen
from model import clock
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, entries, on_screen, queue_numbers, select_step, settle, step_state, tab_to


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


async def test_notify_step_lists_duty_phones_and_records_who_was_notified(demo_ledger: Path | str,
                                                                         chinese: None) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: step_state_or_none(app, "notify_safety") is not None)
        leak = queue_numbers(app)[0]
        await select_step(pilot, "notify_safety")
        await pilot.press("enter")
        await settle(pilot, on_screen(app, TickScreen))
        kinds = {row.key: row.cells[1].plain for row in app.screen.rows}
        order = [row.key for row in app.screen.rows]
        await pilot.press(*["down"] * (len(order) - 1), "space", "ctrl+s")
        await settle(pilot, lambda: step_state(app, "notify_safety") == "done")
    assert set(kinds.values()) == {"安监", "企业"}
    kind, number, facts = entries(demo_ledger)[-1]
    assert (kind, number, facts["step"]) == ("units_notified", leak, "notify_safety")
    assert len(order) == 3 and sorted(facts["units"]) == sorted(order[:-1])


async def test_approval_from_a_blocked_step_settles_it(demo_ledger: Path | str) -> None:
    """A step that asks only for an approval is done by the approval, and says so."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: step_state_or_none(app, "start_level_iii") == "blocked")
        leak = queue_numbers(app)[0]
        await select_step(pilot, "start_level_iii")
        await pilot.press("enter")
        await settle(pilot, on_screen(app, FormScreen))
        assert app.screen.query_one("#field-authority").value == "管委会"
        await pilot.press(*"张主任", "ctrl+s")
        await settle(pilot, lambda: step_state(app, "start_level_iii") == "done")
        detail = str(app.screen.query_one("#plan-detail").render())
    kind, number, facts = entries(demo_ledger)[-1]
    assert (kind, number) == ("approval_recorded", leak)
    assert (facts["step"], facts["authority"], facts["approved_by"], facts["decision"], facts["channel"],
            facts["steps"]) == ("start_level_iii", "管委会", "张主任", "approved", "phone", ["start_level_iii"]), \
        "the approval settles the step"
    assert "approval: 管委会 张主任" in detail


def step_state_or_none(app: LinkDeskApp, step_id: str) -> str | None:
    steps = app.screen.query_one("#plan").steps
    return next((step.state for step in steps if step.step_id == step_id), None)


def status(app: LinkDeskApp, code: str) -> str:
    return next(row.status for row in app.screen.query_one(UnitRoster).rows if row.code == code)


async def test_roster_moves_a_resource_by_one_key(demo_ledger: Path | str) -> None:
    """Enter: en route → on scene; r: returning; Enter: available; x: out of service with a reason."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        roster = app.screen.query_one(UnitRoster)
        await settle(pilot, lambda: bool(roster.rows))
        await tab_to(pilot, "roster-filter")
        await pilot.press(*"XF-HA01", "enter")
        await settle(pilot, lambda: roster.query_one("#roster-table").row_count == 1)
        assert status(app, "XF-HA01") == "en_route"
        await pilot.press("enter")
        await settle(pilot, lambda: status(app, "XF-HA01") == "on_scene")
        await pilot.press("r")
        await settle(pilot, lambda: status(app, "XF-HA01") == "returning")
        await pilot.press("enter")
        await settle(pilot, lambda: status(app, "XF-HA01") == "available")
        await pilot.press("x")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"补充器材", "ctrl+s")
        await settle(pilot, lambda: status(app, "XF-HA01") == "out_of_service")
    moves = [(facts["from"], facts["to"], facts["reason"]) for kind, _no, facts in entries(demo_ledger)[-4:]]
    assert moves == [("en_route", "on_scene", ""), ("on_scene", "returning", ""), ("returning", "available", ""),
                     ("available", "out_of_service", "补充器材")]


async def test_roster_filter_by_typing_at_a_chinese_desk(demo_ledger: Path | str, chinese: None) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        roster = app.screen.query_one(UnitRoster)
        await settle(pilot, lambda: bool(roster.rows))
        table = roster.query_one("#roster-table")
        await tab_to(pilot, "roster-filter")
        await pilot.press(*"T3")
        tier3 = {table.get_row_at(index)[1].plain for index in range(table.row_count)}
        await pilot.press("ctrl+u", *"停用")
        out = [table.get_row_at(index)[0].plain for index in range(table.row_count)]
        await pilot.press("ctrl+u")
        everything = table.row_count
    assert tier3 == {"T3"}
    assert out == ["SL-PU05"]
    assert everything == len(roster.rows) > 80
    assert roster.border_subtitle == f"{everything}/{everything}"
