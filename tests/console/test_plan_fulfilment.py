"""Every fulfilment rule through the console, by keys: the work done with `c`, `u`, `d` or a step's
dialog settles the step it serves, the step says which entry settled it, and working a settled step
records nothing a second time. The closing checklist is ticked on one screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Select, Static, TextArea

from console.app import make_app
from console.panes import PlanPane
from console.screens.choose import ChooseScreen
from console.screens.dispatch import DispatchScreen
from console.screens.form import FormScreen
from console.screens.ticks import TickScreen
from console.screens.upward import UpwardScreen
from model import actions, clock
from model.db import ledger_url, open_ledger, write_session
from model.plans import load_plans, plan_for_type
from model.schemas import ReportIn
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, count, entries, on_screen, select_incident, select_step, settle, step_state


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


@pytest.fixture
def leak(demo_ledger: Path | str) -> str:
    """A fresh chemical leak at level III with its plan running, on the demo roster: nothing done yet."""
    engine = open_ledger(ledger_url(demo_ledger))
    with write_session(engine) as session:
        row = actions.receive_report(session=session, operator="值班员", report=ReportIn(
            channel="110", type="hazardous_chemical_leak", address="临港东区华信化工", description="苯罐泄漏",
            lat=38.5405, lon=117.4093,
            injured=2))
        actions.verify(session=session, operator="值班员", incident_no=row.no, method="call_back")
        actions.grade(session=session, operator="值班员", incident_no=row.no, level="III")
        plan = plan_for_type(load_plans(), "hazardous_chemical_leak")
        actions.activate_plan(session=session, operator="值班员", incident_no=row.no, plan=plan)
    engine.dispose()
    return row.no


def step(app: Any, step_id: str) -> Any:
    return next(item for item in app.screen.query_one(PlanPane).steps if item.step_id == step_id)


def detail(app: Any) -> str:
    return str(app.screen.query_one("#plan-detail", Static).render())


async def open_desk(pilot: Any, leak: str) -> None:
    await settle(pilot, lambda: leak in [row.no for row in pilot.app.screen.query_one("#queue").rows])
    await select_incident(pilot, leak)
    await settle(pilot, lambda: bool(pilot.app.screen.query_one(PlanPane).steps))


async def test_c_opens_the_post_and_settles_the_step_once(demo_ledger: Path | str, leak: str) -> None:
    app = make_app(demo_ledger, "值班员 李娜")
    async with app.run_test(size=SIZE) as pilot:
        await open_desk(pilot, leak)
        await pilot.press("c")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("enter")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"张队", "tab", *"上风向停车场", "ctrl+s")
        await settle(pilot, lambda: step_state(app, "command_post") == "done")
        await select_step(pilot, "command_post")
        words = detail(app)
        before = count(demo_ledger)
        settled_by = step(app, "command_post").settled_by
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, FormScreen)
    assert count(demo_ledger) == before
    post = [seq for seq, (kind, no, _facts) in enumerate(entries(demo_ledger), 1)
            if kind == "command_post_opened" and no == leak]
    assert settled_by == post[-1]
    assert "by 值班员 李娜 · command post opened: 张队, 上风向停车场" in words
    assert "command_post" not in words


async def test_u_proposes_the_reports_in_sequence_and_settles_their_steps(demo_ledger: Path | str, leak: str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await open_desk(pilot, leak)
        headings: list[str] = []
        for _report in range(2):
            await pilot.press("u")
            await settle(pilot, on_screen(app, UpwardScreen))
            headings.append(str(app.screen.query_one("#upward-due", Static).render()))
            drafted = app.screen.query_one(TextArea).text
            assert "临港东区华信化工" in drafted
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: not isinstance(app.screen, UpwardScreen))
            await settle(pilot, lambda: entries(demo_ledger)[-1][0] == "upward_report")
        await settle(pilot, lambda: step_state(app, "initial_report") == "done")
        await select_step(pilot, "initial_report")
        before = count(demo_ledger)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, UpwardScreen)
    assert count(demo_ledger) == before
    sent = [facts["kind"] for kind, no, facts in entries(demo_ledger) if kind == "upward_report" and no == leak]
    assert sent == ["initial", "follow_up"]
    assert headings[0].startswith("Next: initial report") and "due " in headings[0]
    assert headings[1].startswith("Next: follow-up report")


async def test_closing_the_post_and_the_final_report_tick_their_closing_items(demo_ledger: Path | str,
                                                                             leak: str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await open_desk(pilot, leak)
        await pilot.press("c", "enter")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"张队", "tab", *"上风向停车场", "ctrl+s")
        await settle(pilot, lambda: step_state(app, "command_post") == "done")
        await pilot.press("c")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("down", "enter")
        closing = {item.title: item.step_id for item in app.screen.query_one(PlanPane).steps
                   if item.section == "closing"}
        await settle(pilot, lambda: step_state(app, closing["现场指挥部已撤销，资料已归档"]) == "done")
        await pilot.press("u")
        await settle(pilot, on_screen(app, UpwardScreen))
        app.screen.query_one("#upward-kind", Select).value = "final"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: step_state(app, closing["终报已报送"]) == "done")
    kinds = [kind for kind, no, _facts in entries(demo_ledger) if no == leak]
    assert kinds[-2:] == ["command_post_closed", "upward_report"]
    assert "step_state" not in kinds and "closing_ticked" not in kinds


async def test_the_closing_checklist_is_ticked_on_one_screen(demo_ledger: Path | str, leak: str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await open_desk(pilot, leak)
        await select_step(pilot, "closing-1")
        await pilot.press("enter")
        await settle(pilot, on_screen(app, TickScreen))
        rows = {row.key: row for row in app.screen.rows}
        await pilot.press("space", "down", "space", "ctrl+s")
        await settle(pilot, lambda: step_state(app, "closing-1") == step_state(app, "closing-2") == "done")
    manual = [key for key, row in rows.items() if not row.locked]
    decided = [row.cells[1].plain for row in rows.values() if row.locked]
    assert manual[:2] == ["closing-1", "closing-2"]
    assert any("ticks itself when the post is closed" in words for words in decided)
    assert any("ticks itself when the final report is sent" in words for words in decided)
    ticked = [facts for kind, no, facts in entries(demo_ledger) if no == leak and kind == "closing_ticked"]
    assert len(ticked) == 1 and set(ticked[0]["steps"]) == {"closing-1", "closing-2"}


async def test_notify_records_who_was_notified_and_settles_the_step(demo_ledger: Path | str, leak: str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await open_desk(pilot, leak)
        await select_step(pilot, "notify_safety")
        await pilot.press("enter")
        await settle(pilot, on_screen(app, TickScreen))
        title = app.screen.title_text
        codes = [row.key for row in app.screen.rows]
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: step_state(app, "notify_safety") == "done")
    assert title == "Notify: Notify emergency management (safety supervision) to guide the enterprise on site"
    notified = [facts for kind, no, facts in entries(demo_ledger) if no == leak and kind == "units_notified"]
    assert len(notified) == 1 and sorted(notified[0]["units"]) == sorted(codes)


async def test_d_recommends_for_the_incident_in_words(demo_ledger: Path | str, leak: str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await open_desk(pilot, leak)
        await pilot.press("d")
        await settle(pilot, on_screen(app, DispatchScreen))
        said = str(app.screen.query_one("#dispatch-said", Static).render())
        table = app.screen.query_one("#dispatch-list", DataTable)
        rows = [[cell.plain for cell in table.get_row_at(index)] for index in range(table.row_count)]
        chosen = sorted(app.screen.chosen)
        await pilot.press("down", "space", "ctrl+s")
        await settle(pilot, lambda: not isinstance(app.screen, DispatchScreen))
        await settle(pilot, lambda: len(dispatched(demo_ledger, leak)) == len(chosen) - 1)
    recommended = [row for row in rows if row[3].startswith("recommended · ")]
    assert [row[1] for row in recommended] == [row[1] for row in rows[:len(recommended)]]
    assert sorted(row[1] for row in recommended) == chosen and all(row[0] == "[x]" for row in recommended)
    assert all(re.search(r"^recommended · \d+\.\d km away · available · for “", row[3]) for row in recommended)
    assert rows[len(recommended)][3] == "— other available resources —"
    assert all(row[0] == "[ ]" for row in rows[len(recommended) + 1:])
    assert said.startswith("Preselected: Fire engine ×2 (")
    assert sorted(dispatched(demo_ledger, leak)) == [code for code in chosen if code != rows[1][1]]


def dispatched(ledger: Path, incident_no: str) -> list[str]:
    """The resources the ledger records as dispatched to the incident, one after another as the desk orders them."""
    return [facts["resource"] for kind, no, facts in entries(ledger)
            if kind == "resource_dispatched" and no == incident_no]
