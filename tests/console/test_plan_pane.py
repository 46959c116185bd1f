"""The plan pane as the officer reads it: the plan's title at the current level, the closing checklist
apart, states in words, and the highlighted step spelled out whole on the detail line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from console.app import make_app
from console.panes import PlanPane, UnitRoster
from console.panes.plan_pane import STATE_WIDTH, state_cell
from model import actions, clock
from model.checklist import StepView
from model.db import ledger_url, open_ledger, write_session
from model.tables import Incident
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, queue_numbers, select_step, settle

STEP_IDS = re.compile(
    r"\b(send_fire|notify_safety|call_experts|command_post|initial_report|closing-\d+|closing-approval)\b")


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


def pane_text(app: Any) -> list[str]:
    """Every line of the plan pane's table as drawn, headings included."""
    table = app.screen.query_one("#plan-table", DataTable)
    return [" ".join(cell.plain for cell in table.get_row_at(index)) for index in range(table.row_count)]


def headings(app: Any) -> list[str]:
    """The section headings of the checklist, in the order drawn."""
    table = app.screen.query_one("#plan-table", DataTable)
    keys = [str(row.key.value) for row in table.ordered_rows]
    return [table.get_row(key)[0].plain for key in keys if key.startswith("section:")]


def detail(app: Any) -> str:
    return str(app.screen.query_one("#plan-detail", Static).render())


def regrade_the_leak(path: Path | str, level: str) -> None:
    engine = open_ledger(ledger_url(path))
    with write_session(engine) as session:
        leak = session.execute(select(Incident.no).where(Incident.type == "hazardous_chemical_leak",
                                                         Incident.state == "active")).scalar_one()
        actions.regrade(session=session, operator="值班员", incident_no=leak, level=level, reason="扩散")
    engine.dispose()


async def test_title_says_the_current_level_and_the_closing_checklist_stands_apart(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        plan = app.screen.query_one(PlanPane)
        await settle(pilot, lambda: bool(plan.steps))
        before = plan.border_title
    regrade_the_leak(demo_ledger, "II")
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        plan = app.screen.query_one(PlanPane)
        await settle(pilot, lambda: "request_city" in {step.step_id for step in plan.steps})
        after = plan.border_title
        lines, sections = pane_text(app), headings(app)
    assert before == "Hazardous chemical leak at a chemical enterprise · level III (Larger)"
    assert after == "Hazardous chemical leak at a chemical enterprise · level II (Major)"
    assert sections == ["Steps of level IV (General)", "Steps of level III (Larger)", "Steps of level II (Major)",
                        "Closing checklist"]
    closing = lines[lines.index(next(line for line in lines if line.startswith("Closing checklist"))) + 1:]
    assert closing[0].startswith("泄漏源已切断") and closing[-1].startswith("approval to end the emergency")
    assert not any(STEP_IDS.search(line) for line in lines)


async def test_detail_line_spells_out_the_highlighted_step(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        plan = app.screen.query_one(PlanPane)
        await settle(pilot, lambda: bool(plan.steps) and bool(app.screen.query_one(UnitRoster).rows))
        await select_step(pilot, "call_experts")
        overdue = detail(app)
        await select_step(pilot, "send_fire")
        done = detail(app)
        row = next(line for line in pane_text(app) if line.startswith("Dispatch fire"))
    assert overdue.startswith("Call the chemical, environmental and medical experts to the scene or to a remote "
                              "consultation\n")
    assert "responsible: Linkage center · due " in overdue and re.search(r"overdue, \d+m late$", overdue)
    assert re.search(r"done \d\d:\d\d by 值班员 王磊", done)
    assert re.search(r"done \d\d:\d\d 值班员 王磊$", row.strip())


async def test_plan_pane_at_a_chinese_desk(demo_ledger: Path | str, chinese: None) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        plan = app.screen.query_one(PlanPane)
        await settle(pilot, lambda: bool(plan.steps))
        await select_step(pilot, "call_experts")
        title, sections, words = plan.border_title, headings(app), detail(app)
    assert title == "化工企业危险化学品泄漏事故专项应急预案 · III级（较大）"
    assert sections == [
        "IV级（一般）处置步骤", "III级（较大）处置步骤", "应急结束条件清单"]
    assert "责任单位：应急联动中心 · " in words and re.search(r"超时，已超\d+分$", words)


async def at_step(app: Any, pilot: Pilot[None], step_id: str) -> DataTable[Any]:
    """The plan pane's table once the desk has loaded and the step is highlighted."""
    plan = app.screen.query_one(PlanPane)
    await settle(pilot, lambda: bool(plan.steps) and bool(app.screen.query_one(UnitRoster).rows))
    await select_step(pilot, step_id)
    return plan.query_one("#plan-table", DataTable)


def drawn(table: DataTable[Any]) -> list[str]:
    """The table's lines as painted (cut to their columns), heading included."""
    return [table.render_line(y).text for y in range(table.row_count + 1)]


@pytest.mark.parametrize(("size", "columns"), [((120, 40), ["text", "state"]), (SIZE, ["text", "who", "state"])])
async def test_the_step_column_gets_the_width_at_120_columns(demo_ledger: Path | str, size: tuple[int, int],
                                                             columns: list[str]) -> None:
    """At 120 columns the Who column is left out so the step's words get 28 cells and more (they had 20, and
    the state ran past the pane's edge); the detail line still names who is responsible. At 160 every column
    is there. Either way the table fits its pane: nothing scrolls sideways, no state is cut."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=size) as pilot:
        table = await at_step(app, pilot, "call_experts")
        assert [str(key.value) for key in table.columns] == columns
        widths = {str(key.value): column.width for key, column in table.columns.items()}
        assert widths["text"] >= 28
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= table.content_size.width
        assert table.max_scroll_x == 0
        painted = drawn(table)
        assert any("Set up a cordon and traffic" in line for line in painted), painted
        assert any(re.search(r"overdue, \d+m late", line) for line in painted), painted
        assert "responsible: Linkage center" in detail(app)


@pytest.mark.parametrize(("size", "state"), [(SIZE, r"done \d\d:\d\d 值班员 王磊"), ((120, 40), r"done 值班员 王磊")])
async def test_the_state_column_draws_the_whole_name_of_who_did_the_step(demo_ledger: Path | str,
                                                                        size: tuple[int, int], state: str) -> None:
    """Who did a step is what the officer answers for: the drawn State cell shows the whole name (值班员 王磊,
    not 值班员, which reads as a whole name). At 160 columns with the time; at 120 the time gives way to the
    name, and the detail line says both."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=size) as pilot:
        table = await at_step(app, pilot, "send_fire")
        painted = drawn(table)
        done = detail(app)
    line = next(line for line in painted if line.lstrip().startswith("Dispatch fire"))
    assert re.search(state + " *$", line), painted
    assert re.search(r"done \d\d:\d\d by 值班员 王磊", done)


async def test_at_a_chinese_desk_the_time_gives_way_to_the_whole_name(demo_ledger: Path | str, chinese: None) -> None:
    """已完成 09:27 值班员 王磊 is 24 cells, one more than the State column may take at 160 columns while the step
    keeps its 28: the time gives way (the detail line says it), the name stays whole, and the column is no
    wider than the words it draws."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        table = await at_step(app, pilot, "send_fire")
        painted = drawn(table)
        state_width = table.columns[next(key for key in table.columns if key.value == "state")].width
        done = detail(app)
    assert any(line.rstrip().endswith("已完成 值班员 王磊") for line in painted), painted
    assert state_width == max(STATE_WIDTH, cell_len("已完成 值班员 王磊")), "no wider than the words it draws"
    assert re.search(r"已完成（\d\d:\d\d，值班员 王磊）", done), done


def test_a_name_too_long_for_the_state_cell_is_cut_with_an_ellipsis() -> None:
    """A cut name says it is cut: the time gives way first, then the name ends in "…"."""
    step = StepView("send_fire", "IV", 1, "Dispatch", "fire", None, "done", "", "", {}, None, 1,
                    FROZEN_AT, "值班员 欧阳娜娜（市应急管理局借调）")
    assert state_cell(step, FROZEN_AT, 60).plain.endswith(" 值班员 欧阳娜娜（市应急管理局借调）")
    assert state_cell(step, FROZEN_AT, 40).plain == "done 值班员 欧阳娜娜（市应急管理局借调）"
    cut = state_cell(step, FROZEN_AT, 19)
    assert cut.plain.startswith("done 值班员 ") and cut.plain.endswith("…") and cut.cell_len <= 19


def test_plan_pane_snapshot(demo_ledger: Path | str, snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The leak's plan pane, English: title with level III (Larger), the IV and III sections and the closing
    checklist apart, done steps with time and operator, overdue ones in red with minutes late, blocked
    ones in yellow, and the detail line spelling out the highlighted overdue step (the expert call)."""
    monkeypatch.setenv("LINKDESK_LANG", "en")

    async def on_experts(pilot: Pilot[None]) -> None:
        app = pilot.app
        await settle(pilot, lambda: len(queue_numbers(app)) == 4 and bool(app.screen.query_one(PlanPane).steps)
                     and bool(app.screen.query_one(UnitRoster).rows))
        await select_step(pilot, "call_experts")

    assert snap_compare(make_app(demo_ledger, "值班员 王磊"), terminal_size=SIZE, run_before=on_experts)
