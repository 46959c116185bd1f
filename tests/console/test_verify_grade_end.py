"""Verify says how the report was checked, grade proposes a level, end names what is still open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.app import LinkDeskApp, make_app
from console.panes import IncidentQueue, PlanPane
from console.screens.choose import ChooseScreen
from console.screens.form import FormScreen
from console.screens.main import MainScreen
from model import clock
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, entries, on_screen, queue_numbers, select_incident, settle


@pytest.fixture(autouse=True)
def english_at_a_frozen_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


def the_fire(app: LinkDeskApp) -> str:
    """The demo's fresh fire report: received, ungraded, no figures."""
    return next(row.no for row in app.screen.query_one(IncidentQueue).rows if row.state == "received")


def state_of(app: LinkDeskApp, number: str) -> tuple[str, str | None]:
    row = next(row for row in app.screen.query_one(IncidentQueue).rows if row.no == number)
    return row.state, row.level


async def test_verify_asks_how_the_report_was_checked(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        fire = the_fire(app)
        await select_incident(pilot, fire)
        await pilot.press("v")
        await settle(pilot, on_screen(app, ChooseScreen))
        offered = [label for _code, label in app.screen.options]
        assert "Called the caller back" in offered and "Seen on video" in offered
        await pilot.press("down", "enter")
        await settle(pilot, lambda: state_of(app, fire)[0] == "verified")
    _kind, number, facts = entries(demo_ledger, "incident_verified")[-1]
    assert (number, facts["method"]) == (fire, "unit_on_duty")


async def test_end_is_refused_naming_the_open_steps_by_title(demo_ledger: Path | str) -> None:
    """The fire, graded IV with its plan activated and nothing done: `e` is refused, and the reason names
    every open step by its title, whole, in the reopened form; nothing is recorded."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        fire = the_fire(app)
        await select_incident(pilot, fire)
        await pilot.press("v")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: state_of(app, fire)[0] == "verified")
        await pilot.press("g")
        await settle(pilot, lambda: not on_screen(app, MainScreen)())
        await pilot.press("enter")
        await settle(pilot, lambda: state_of(app, fire) == ("verified", "IV"))
        await pilot.press("a")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("enter")
        plan = app.screen.query_one(PlanPane)
        await settle(pilot, lambda: plan.incident_no == fire and bool(plan.steps))
        titles = [step.title for step in plan.steps if step.section == "level" and step.state != "done"]
        before = len(entries(demo_ledger))
        await pilot.press("e")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"已处置完毕", "ctrl+s")
        await settle(pilot, lambda: on_screen(app, FormScreen)()
                     and bool(str(app.screen.query_one("#form-error").render())))
        reason = str(app.screen.query_one("#form-error").render())
        assert titles and all(title in reason for title in titles)
        assert not any(step.step_id in reason for step in plan.steps)
    assert len(entries(demo_ledger)) == before


async def test_grade_highlights_the_proposed_level_and_records_it(demo_ledger: Path | str) -> None:
    """A leak reported with 12 injured: the grade dialog opens on III (the configured thresholds give it),
    says why in one line, and one Enter records III."""
    from textual.widgets import OptionList

    from console.screens.grade import GradeScreen

    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        before = set(queue_numbers(app))
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        form = app.screen
        await pilot.press(*"Hazardous", "tab", *"港城大道30号东侧", "tab", *"氨气泄漏")
        form.query_one("#field-injured").focus()
        await pilot.press(*"12", "ctrl+s")
        await settle(pilot, lambda: len(queue_numbers(app)) == 5)
        (leak,) = set(queue_numbers(app)) - before
        await select_incident(pilot, leak)
        await pilot.press("v")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: state_of(app, leak)[0] == "verified")
        await pilot.press("g")
        await settle(pilot, on_screen(app, GradeScreen))
        options = app.screen.query_one(OptionList)
        highlighted = options.get_option_at_index(options.highlighted or 0).id
        reason = str(app.screen.query_one("#grade-reason").render())
        await pilot.press("enter")
        await settle(pilot, lambda: state_of(app, leak) == ("verified", "III"))
    assert highlighted == "III"
    assert "12" in reason and "\n" not in reason.strip()
    _kind, number, facts = entries(demo_ledger, "incident_graded")[-1]
    assert (number, facts["level"]) == (leak, "III")


async def test_an_ungraded_report_without_figures_is_proposed_iv(demo_ledger: Path | str) -> None:
    from textual.widgets import OptionList

    from console.screens.grade import GradeScreen

    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        await select_incident(pilot, the_fire(app))
        await pilot.press("g")
        await settle(pilot, on_screen(app, GradeScreen))
        options = app.screen.query_one(OptionList)
        assert options.get_option_at_index(options.highlighted or 0).id == "IV"


async def test_a_regrade_keeps_the_plan_title_and_the_deadlines_in_step(demo_ledger: Path | str) -> None:
    """The III leak raised to II: the plan pane's title says II, and the steps level II adds count down."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        leak = queue_numbers(app)[0]
        plan = app.screen.query_one(PlanPane)
        await settle(pilot, lambda: plan.incident_no == leak and bool(plan.steps))
        assert "III" in str(plan.border_title)
        await pilot.press("g")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press("enter", "down", "down", "enter", "tab", *"扩散至厂外", "ctrl+s")
        await settle(pilot, lambda: state_of(app, leak) == ("active", "II") and any(
            step.level == "II" for step in plan.steps))
        title = str(plan.border_title)
        added = {step.step_id for step in plan.steps if step.level == "II" and step.state == "pending"}
        screen = app.screen
        assert isinstance(screen, MainScreen)
        counting = {step for number, step, _due in screen.deadlines if number == leak}
    assert " II" in title and "III" not in title
    assert added and added <= counting
