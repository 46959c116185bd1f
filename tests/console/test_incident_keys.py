"""Incident workflows by keys on the demo ledger: false alarm, merge, notes, upward report, command post,
the incident screen's timeline and the search over closed incidents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, Select

from console.app import LinkDeskApp, make_app
from console.screens.choose import ChooseScreen
from console.screens.form import FormScreen
from console.screens.incident import IncidentScreen
from console.screens.listing import ListingScreen
from console.screens.upward import UpwardScreen
from model import actions, clock
from model.db import ledger_url, open_ledger, write_session
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, entries, on_screen, queue_numbers, select_incident, settle
from tests.ledger_rows import rows


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


def incident_of_type(app: LinkDeskApp, incident_type: str) -> str:
    from console.panes import IncidentQueue

    return next(row.no for row in app.screen.query_one(IncidentQueue).rows if row.type == incident_type)


async def test_false_alarm_needs_a_reason_and_leaves_the_queue(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        fire = incident_of_type(app, "fire")
        await select_incident(pilot, fire)
        await pilot.press("f")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press("ctrl+s")
        assert "required" in str(app.screen.query_one("#form-error").render())
        await pilot.press(*"烧秸秆", "ctrl+s")
        await settle(pilot, lambda: fire not in queue_numbers(app))
    assert entries(demo_ledger)[-1] == ("incident_false_alarm", fire, {"reason": "烧秸秆"})


async def test_merge_folds_the_highlighted_incident_into_the_chosen_one(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        fire, leak = incident_of_type(app, "fire"), incident_of_type(app, "hazardous_chemical_leak")
        await select_incident(pilot, fire)
        await pilot.press("m")
        await settle(pilot, on_screen(app, ChooseScreen))
        assert app.screen.options[0][0] == leak
        await pilot.press("enter")
        await settle(pilot, lambda: fire not in queue_numbers(app))
    kind, number, facts = entries(demo_ledger)[-1]
    assert (kind, number, facts["into"]) == ("incident_merged", fire, leak)


async def test_note_and_unit_feedback_go_on_the_timeline(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        leak = queue_numbers(app)[0]
        await pilot.press("o")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"风向转北", "ctrl+s")
        await settle(pilot, lambda: entries(demo_ledger)[-1][0] == "note")
        await settle(pilot, lambda: not on_screen(app, FormScreen)())
        await pilot.press("o")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"堵漏完成", "tab", *"XF", "ctrl+s")
        await settle(pilot, lambda: entries(demo_ledger)[-1][0] == "unit_feedback")
    assert entries(demo_ledger)[-2:] == [("note", leak, {"text": "风向转北", "unit": None}),
                                         ("unit_feedback", leak, {"text": "堵漏完成", "unit": "XF"})]


async def test_upward_report_and_closing_the_command_post(demo_ledger: Path | str) -> None:
    """`u` proposes the report due next with its draft; the officer edits it and records it once."""
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        leak = queue_numbers(app)[0]
        await pilot.press("u")
        await settle(pilot, on_screen(app, UpwardScreen))
        kind = app.screen.query_one("#upward-kind", Select).value
        await pilot.press(*"已堵漏", "ctrl+s")
        await settle(pilot, lambda: entries(demo_ledger)[-1][0] == "upward_report")
        await settle(pilot, lambda: not on_screen(app, UpwardScreen)())
        await pilot.press("c")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("down", "enter")
        await settle(pilot, lambda: entries(demo_ledger)[-1][0] == "command_post_closed")
    upward_kind, number, facts = entries(demo_ledger)[-2]
    assert (upward_kind, number, facts["kind"], facts["recipient"], facts["channel"]) == (
        "upward_report", leak, kind, "管委会值班室", "phone")
    assert facts["text"].startswith("已堵漏") and "南大港化工园" in facts["text"]


async def test_opening_a_command_post_by_c(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        crash = incident_of_type(app, "traffic_accident")
        await select_incident(pilot, crash)
        await pilot.press("c")
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("enter")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"交警李队", "tab", *"出口收费站", "ctrl+s")
        await settle(pilot, lambda: entries(demo_ledger)[-1][0] == "command_post_opened")
    assert entries(demo_ledger)[-1] == (
        "command_post_opened", crash, {"commander": "交警李队", "location": "出口收费站", "phone": ""})


async def test_incident_screen_shows_the_timeline_from_the_ledger(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        leak = queue_numbers(app)[0]
        await pilot.press("i")
        await settle(pilot, lambda: on_screen(app, IncidentScreen)() and bool(app.screen.lines))
        seqs = [line.seq for line in app.screen.lines]
        head = str(app.screen.query_one("#incident-head").render())
        await pilot.press("escape")
        await settle(pilot, lambda: not on_screen(app, IncidentScreen)())
    recorded = [seq for (seq,) in rows(demo_ledger, "SELECT seq FROM ledger_entry WHERE incident_no = :no ORDER BY seq",
                                       {"no": leak})]
    assert seqs == recorded
    assert "鑫源化工储罐区" in head and "液氯储罐阀门泄漏" in head

async def test_search_finds_a_closed_incident_and_opens_it(demo_ledger: Path | str, chinese: None) -> None:
    engine = open_ledger(ledger_url(demo_ledger))
    with write_session(engine) as session:
        from sqlalchemy import select

        from model.tables import Incident

        false_alarm = session.execute(select(Incident.no).where(Incident.state == "false_alarm")).scalar_one()
        actions.close_incident(session=session, operator="值班员", incident_no=false_alarm)
    engine.dispose()
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        assert false_alarm not in queue_numbers(app)
        await pilot.press("slash")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"加油站", "ctrl+s")
        await settle(pilot, on_screen(app, ListingScreen))
        listing = app.screen.query_one(DataTable)
        assert listing.row_count == 1
        assert listing.get_row_at(0)[0].plain == false_alarm
        assert listing.get_row_at(0)[-1].plain == "已归档"
        await pilot.press("enter")
        await settle(pilot, lambda: on_screen(app, IncidentScreen)() and len(app.screen.lines) == 3)
