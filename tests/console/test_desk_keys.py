"""The real console driven by keys through the Pilot: keys in, ledger entries out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from textual.widgets import DataTable, Input

from console.app import LinkDeskApp, make_app
from console.panes import IncidentQueue, UnitRoster
from console.screens.form import FormScreen
from console.screens.main import MainScreen
from model import actions, clock
from model.db import ledger_url, open_ledger, read_session, write_session
from model.schemas import ReportIn
from model.tables import Incident
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, entry_kinds, on_screen, queue_numbers, settle
from tests.ledger_rows import write_lock_held


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


@pytest.fixture
def one_report(ledger: Path | str) -> str:
    """A ledger holding a single fresh report of a fire."""
    engine = open_ledger(ledger_url(ledger))
    with write_session(engine) as session:
        incident = actions.receive_report(session=session, operator="值班员", report=ReportIn(
            channel="119", type="fire", address="港城路1号", description="仓库起火"))
    engine.dispose()
    return incident.no


def ledger_incidents(path: Path | str) -> list[Incident]:
    engine = open_ledger(ledger_url(path))
    with read_session(engine) as session:
        return list(session.execute(select(Incident).order_by(Incident.no)).scalars())


async def test_intake_form_records_a_report_shown_literally(ledger: Path | str, one_report: str) -> None:
    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: one_report in queue_numbers(app))
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"traffic_accident")
        await pilot.press("tab")
        await pilot.press(*"[bold red]津汕高速[/]")
        await pilot.press("tab")
        await pilot.press(*"[/] two cars")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: len(queue_numbers(app)) == 2)
        queue = app.screen.query_one(IncidentQueue)
        new = next(row for row in queue.rows if row.no != one_report)
        assert new.address == "[bold red]津汕高速[/]"
        table = queue.query_one(DataTable)
        assert table.get_cell(new.no, "place").plain == "[bold red]津汕高速[/]"
    stored = [row for row in ledger_incidents(ledger) if row.no != one_report]
    assert stored[0].type == "traffic_accident" and stored[0].description == "[/] two cars"
    assert entry_kinds(ledger)[-1] == "report_received"


async def test_verify_and_grade_by_keys(ledger: Path | str, one_report: str) -> None:
    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: one_report in queue_numbers(app))
        await pilot.press("v")
        await settle(pilot, lambda: type(app.screen).__name__ == "ChooseScreen")
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen.query_one(IncidentQueue).rows[0].state == "verified")
        await pilot.press("g")
        await settle(pilot, lambda: type(app.screen).__name__ == "GradeScreen")
        await pilot.press("up", "enter")  # IV proposed for a report with no figures; the officer grades III
        await settle(pilot, lambda: app.screen.query_one(IncidentQueue).rows[0].level == "III")
    assert entry_kinds(ledger)[-2:] == ["incident_verified", "incident_graded"]


async def test_escape_keeps_the_draft(ledger: Path | str, one_report: str) -> None:
    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: one_report in queue_numbers(app))
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"fire", "tab", *"纬五路")
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        assert app.screen.query_one("#field-address", Input).value == "纬五路"
    assert len(ledger_incidents(ledger)) == 1


async def test_failed_write_says_so_and_keeps_the_input(ledger: Path | str, one_report: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINKDESK_BUSY_TIMEOUT_MS", "100")
    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: one_report in queue_numbers(app))
        with write_lock_held(ledger):
            await pilot.press("n")
            await settle(pilot, on_screen(app, FormScreen))
            await pilot.press(*"fire", "tab", *"纬五路")
            await pilot.press("ctrl+s")
            await settle(pilot, lambda: on_screen(app, FormScreen)()
                         and "nothing was recorded" in str(app.screen.query_one("#form-error").render()))
            assert app.screen.query_one("#field-address", Input).value == "纬五路"
    assert len(ledger_incidents(ledger)) == 1


async def test_overdue_step_and_late_acknowledgement_ring_once(ledger: Path | str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from model import demo

    engine = open_ledger(ledger_url(ledger))
    demo.seed(engine)
    with write_session(engine) as session:  # at a seat, so the seat prompt does not stand over the desk
        actions.sign_in(session=session, operator="值班员", seat="duty")
    engine.dispose()
    rings: list[int] = []
    monkeypatch.setattr(LinkDeskApp, "bell", lambda self: rings.append(1))
    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: bool(queue_numbers(app)) and bool(app.screen.rung))
        screen = app.screen
        assert isinstance(screen, MainScreen)
        focused = app.focused
        for _ in range(3):
            screen.tick()
        assert len(rings) == 1
        assert app.focused is focused
        assert screen.query_one(UnitRoster).alarmed == {"GA-PA01", "WJ-AM02"}
        assert any(row.overdue_steps for row in screen.query_one(IncidentQueue).rows)


async def test_warnings_issue_and_lift_by_keys(ledger: Path | str, one_report: str) -> None:
    from console.screens.choose import ChooseScreen
    from console.screens.listing import ListingScreen

    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: one_report in queue_numbers(app))
        await pilot.press("w")
        await settle(pilot, lambda: isinstance(app.screen, ListingScreen))
        await pilot.press("ctrl+s")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press("enter", "down", "down", "enter", "tab")
        await pilot.press(*"rainstorm", "tab", *"全区", "tab", *"暴雨[红色]", "ctrl+s")
        await settle(pilot, lambda: "warning_issued" in entry_kinds(ledger))
        await settle(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("w")
        await settle(pilot, lambda: isinstance(app.screen, ListingScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ChooseScreen))
        await pilot.press("down", "enter")
        await settle(pilot, lambda: "warning_lifted" in entry_kinds(ledger))
    engine = open_ledger(ledger_url(ledger))
    with read_session(engine) as session:
        from model.tables import WarningNotice

        notice = session.execute(select(WarningNotice)).scalars().one()
    assert (notice.colour, notice.text_zh, notice.state) == ("orange", "暴雨[红色]", "lifted")


async def test_regrade_asks_level_and_reason(ledger: Path | str, one_report: str) -> None:
    engine = open_ledger(ledger_url(ledger))
    with write_session(engine) as session:
        actions.grade(session=session, operator="值班员", incident_no=one_report, level="III")
    engine.dispose()
    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: one_report in queue_numbers(app))
        await pilot.press("g")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press("enter", "down", "down", "enter", "tab", *"扩散", "ctrl+s")
        await settle(pilot, lambda: app.screen.query_one(IncidentQueue).rows[0].level == "II")
    assert entry_kinds(ledger)[-1] == "incident_regraded"


async def test_working_a_dispatch_step_orders_the_recommended_resources(ledger: Path | str) -> None:
    from model import demo
    from model.tables import Assignment, StepState

    engine = open_ledger(ledger_url(ledger))
    demo.seed(engine)
    with write_session(engine) as session:  # at a seat, so the seat prompt does not stand over the desk
        actions.sign_in(session=session, operator="值班员", seat="duty")
    engine.dispose()
    app = make_app(ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: bool(queue_numbers(app)) and bool(app.screen.query_one("#plan-table").row_count))
        leak = queue_numbers(app)[0]
        steps = app.screen.query_one("#plan").steps
        target = next(step for step in steps if step.effects.get("dispatch") and step.state != "done"
                      and step.state != "blocked")
        table = app.screen.query_one("#plan-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(target.step_id))
        await pilot.press("enter")
        await settle(pilot, lambda: type(app.screen).__name__ == "DispatchScreen")
        chosen = sorted(app.screen.chosen)
        assert chosen
        before = len(entry_kinds(ledger))
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: len(entry_kinds(ledger)) == before + len(chosen))
    assert entry_kinds(ledger)[before:] == ["resource_dispatched"] * len(chosen), \
        "the last dispatch settles the step"
    with read_session(open_ledger(ledger_url(ledger))) as session:
        ordered = session.execute(select(Assignment.resource_code).where(
            Assignment.incident_no == leak, Assignment.step_id == target.step_id)).scalars().all()
        settled = session.execute(select(StepState).where(
            StepState.incident_no == leak, StepState.step_id == target.step_id)).scalar_one()
    assert sorted(ordered) == chosen
    assert (settled.state, settled.settled_by) == ("done", before + len(chosen))
