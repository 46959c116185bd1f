"""The newcomer's path from the issue, by keys only: a chemical leak from report to archive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from console.app import make_app
from console.panes import IncidentQueue, PlanPane, UnitRoster
from console.screens.choose import ChooseScreen
from console.screens.dispatch import DispatchScreen
from console.screens.form import FormScreen
from console.screens.grade import GradeScreen
from console.screens.seat import SeatScreen
from console.screens.ticks import TickScreen
from console.screens.upward import UpwardScreen
from model import clock
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, entries, on_screen, queue_numbers, select_step, settle, step_state, tab_to


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


async def test_a_chemical_leak_from_report_to_archive_by_keys_only(demo_ledger: Path | str) -> None:
    """Report, verify, grade III, plan, dispatch, approval, on scene, raise to II, end, close."""
    app = make_app(demo_ledger, "值班员 新手")
    already = len(entries(demo_ledger))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, on_screen(app, SeatScreen))  # a newcomer on the open shift signs in first
        await pilot.press("down", "down", "enter")
        await settle(pilot, lambda: len(queue_numbers(app)) == 4 and not isinstance(app.screen, SeatScreen))
        assert entries(demo_ledger, "seat_signed_in")[-1][2]["seat"] == "duty"
        queue = app.screen.query_one(IncidentQueue)
        plan = app.screen.query_one(PlanPane)
        roster = app.screen.query_one(UnitRoster)
        before = set(queue_numbers(app))
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"危险化学品泄漏", "tab", *"临港东区华信化工", "tab", *"苯罐泄漏", "ctrl+s")
        await settle(pilot, lambda: len(queue_numbers(app)) == 5)
        (leak,) = set(queue_numbers(app)) - before
        assert queue.selected == leak

        def row() -> tuple[str, str | None]:
            found = next(row for row in queue.rows if row.no == leak)
            return found.state, found.level

        await pilot.press("v")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: row() == ("verified", None))
        await pilot.press("g")
        await settle(pilot, on_screen(app, GradeScreen))
        await pilot.press("up", "enter")  # no figures yet: IV proposed, the officer grades III
        await settle(pilot, lambda: row() == ("verified", "III"))
        await pilot.press("a")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: row() == ("active", "III") and plan.incident_no == leak and bool(plan.steps))

        await select_step(pilot, "send_fire")
        await pilot.press("enter")
        await settle(pilot, on_screen(app, DispatchScreen))
        sent = sorted(app.screen.chosen)
        assert len(sent) == 3
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: step_state(app, "send_fire") == "done")

        await select_step(pilot, "start_level_iii")
        await pilot.press("enter")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"刘主任", "ctrl+s")
        await settle(pilot, lambda: step_state(app, "start_level_iii") == "done")

        await tab_to(pilot, "roster-filter")
        await pilot.press(*sent[0], "enter", "enter", "enter", "enter")
        await settle(pilot, lambda: any(r.code == sent[0] and r.status == "on_scene" for r in roster.rows))

        await pilot.press("g")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press("enter", "down", "down", "enter", "tab", *"扩散", "ctrl+s")
        await settle(pilot, lambda: row() == ("active", "II") and "request_city" in {s.step_id for s in plan.steps})

        await tab_to(pilot, "roster-filter")
        await pilot.press("ctrl+u", *leak[-4:], "enter")
        await settle(pilot, lambda: roster.query_one("#roster-table").row_count == len(sent))
        await pilot.press(*["r", "down"] * len(sent))
        await settle(pilot, lambda: {r.status for r in roster.rows if r.code in sent} == {"returning"})
        table = roster.query_one("#roster-table")
        for code in sent:
            target = table.get_row_index(code)
            key = "down" if target > table.cursor_row else "up"
            await pilot.press(*[key] * abs(target - table.cursor_row), "enter")
            await settle(pilot, lambda code=code: any(r.code == code and r.status == "available" for r in roster.rows))
            assert table.get_row_index(code) == table.cursor_row, "the cursor stays on the resource that moved"

        for open_step in [s.step_id for s in plan.steps if s.section == "level" and s.state not in ("done", "skipped")]:
            await select_step(pilot, open_step)
            await pilot.press("k")
            await settle(pilot, on_screen(app, FormScreen))
            await pilot.press(*"演练不涉及", "ctrl+s")
            await settle(pilot, lambda open_step=open_step: step_state(app, open_step) == "skipped")
        for report in ("initial", "final"):
            await pilot.press("u")
            await settle(pilot, on_screen(app, UpwardScreen))
            assert app.screen.proposal.kind == report
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: not on_screen(app, UpwardScreen)())
        await settle(pilot, lambda: step_state(app, "closing-7") == "done")

        await select_step(pilot, "closing-1")
        await pilot.press("enter")
        await settle(pilot, on_screen(app, TickScreen))
        ticks = app.screen.query_one(DataTable)
        closing = [row.key for row in app.screen.rows if not row.locked]
        for item in closing:
            target = ticks.get_row_index(item)
            key = "down" if target > ticks.cursor_row else "up"
            await pilot.press(*[key] * abs(target - ticks.cursor_row), "space")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: all(step_state(app, item) == "done" for item in closing))
        await select_step(pilot, "closing-approval")
        await pilot.press("enter")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"刘主任", "ctrl+s")
        await settle(pilot, lambda: step_state(app, "closing-approval") != "blocked")

        await pilot.press("e")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"处置完毕", "ctrl+s")
        await settle(pilot, lambda: row()[0] == "ended")
        assert queue.selected == leak
        await pilot.press("z")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: leak not in queue_numbers(app))

    recorded = [(kind, facts) for kind, no, facts in entries(demo_ledger)[already:] if no == leak]
    kinds = [kind for kind, _facts in recorded]
    assert recorded[0][1]["report"]["type"] == "hazardous_chemical_leak"
    assert kinds[:4] == ["report_received", "incident_verified", "incident_graded", "plan_activated"]
    assert recorded[2][1]["level"] == "III" and recorded[3][1]["plan"] == "hazardous_chemical_leak"
    assert sorted(facts["resource"] for kind, facts in recorded if kind == "resource_dispatched") == sent
    assert [facts["step"] for kind, facts in recorded if kind == "approval_recorded"] == ["start_level_iii",
                                                                                           "closing-approval"]
    moves = [(facts["resource"], facts["to"]) for kind, facts in recorded if kind == "resource_status"]
    assert [to for code, to in moves if code == sent[0]] == ["acknowledged", "en_route", "on_scene", "returning",
                                                             "available"]
    regrade = next(facts for kind, facts in recorded if kind == "incident_regraded")
    assert (regrade["from"], regrade["to"]) == ("III", "II") and "request_city" in regrade["steps_added"]
    assert "send_fire" in next(facts["steps"] for kind, facts in reversed(recorded) if kind == "resource_dispatched"
                               and "steps" in facts), "the last of its resources settled it"
    assert [sorted(facts["steps"]) for kind, facts in recorded if kind == "closing_ticked"] == [sorted(closing)]
    assert [facts["kind"] for kind, facts in recorded if kind == "upward_report"] == ["initial", "final"]
    assert kinds[-2:] == ["incident_ended", "incident_closed"]
