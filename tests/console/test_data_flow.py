"""One data flow: another desk's write shows without a key, this desk's writes are recorded in the
order submitted, a refused write reopens its form with the reason, and what the panes show is
always what a fresh read of the ledger gives."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from console import follower as follower_module
from console.app import LinkDeskApp, make_app
from console.panes import IncidentQueue, StatusBar, UnitRoster
from console.screens.form import FormScreen
from console.writer import WriteOrder
from model import actions, clock
from model.db import ledger_url, open_ledger, read_session, write_session
from model.queries import desk_figures, desk_incident_rows, roster_rows
from model.schemas import ReportIn
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, count, entries, on_screen, queue_numbers, select_incident, settle


@pytest.fixture(autouse=True)
def english_at_a_frozen_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


def as_read_afresh(app: LinkDeskApp, path: Path) -> bool:
    """The queue and the roster on screen equal a fresh read of the ledger."""
    engine = open_ledger(ledger_url(path))
    try:
        with read_session(engine) as session:
            queue, roster = desk_incident_rows(session, clock.now()), roster_rows(session)
    finally:
        engine.dispose()
    return (app.screen.query_one(IncidentQueue).rows == queue
            and app.screen.query_one(UnitRoster).rows == roster)


def other_desk_reports(path: Path | str, address: str, resource_code: str) -> str:
    """A second desk, with its own engine on the same file, takes a report (run in a thread)."""
    engine = open_ledger(ledger_url(path))
    try:
        with write_session(engine) as session:
            incident = actions.receive_report(session=session, operator="值班员 乙", report=ReportIn(
                channel="phone", type="fire", address=address, description="另一席位接报"))
        with write_session(engine) as session:
            actions.dispatch_resource(session=session, operator="值班员 乙", incident_no=incident.no,
                                      resource_code=resource_code)
        return incident.no
    finally:
        engine.dispose()


async def test_another_desks_report_shows_in_the_queue_without_a_key(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 甲")
    async with app.run_test(size=SIZE) as pilot:
        # The first rows paint before the roster is read: wait for both.
        await settle(pilot, lambda: len(queue_numbers(app)) == 4
                     and any(row.status == "available" for row in app.screen.query_one(UnitRoster).rows))
        code = next(row.code for row in app.screen.query_one(UnitRoster).rows if row.status == "available")
        made: list[str] = []
        writer = threading.Thread(target=lambda: made.append(other_desk_reports(demo_ledger, "东港路8号", code)))
        writer.start()
        writer.join()
        await settle(pilot, lambda: made[0] in queue_numbers(app)
                     and any(row.incident_no == made[0] for row in app.screen.query_one(UnitRoster).rows))
        assert as_read_afresh(app, demo_ledger)


async def test_writes_submitted_in_a_row_are_recorded_in_that_order(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 甲")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        number = queue_numbers(app)[0]
        texts = [f"第{index}次回访" for index in range(12)]
        for text in texts:
            app.main.submit(WriteOrder(text, actions.add_note, {"incident_no": number, "text": text}))
        await settle(pilot, lambda: len(entries(demo_ledger, "note")) >= len(texts))
        assert [facts["text"] for _kind, _no, facts in entries(demo_ledger, "note")][-len(texts):] == texts
        assert as_read_afresh(app, demo_ledger)


async def test_a_refused_write_reopens_its_form_with_the_reason(demo_ledger: Path | str) -> None:
    """Ending a report nobody has verified yet is refused: the form comes back with why and what was typed."""
    app = make_app(demo_ledger, "值班员 甲")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        fresh = next(row.no for row in app.screen.query_one(IncidentQueue).rows if row.state == "received")
        before = count(demo_ledger)
        await select_incident(pilot, fresh)
        await pilot.press("e")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"再次结束", "ctrl+s")
        await settle(pilot, lambda: on_screen(app, FormScreen)()
                     and bool(str(app.screen.query_one("#form-error").render())))
        assert "再次结束" in str(app.screen.query_one("#field-summary").value)
    assert count(demo_ledger) == before


async def test_a_saved_report_shows_its_figures_and_plan_with_its_row(demo_ledger: Path | str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's own echo brings, with its row, the status bar's open count and the new incident's
    plan pane: the follower's read-back (held here until the row is shown) finds nothing to correct."""
    monkeypatch.setattr(follower_module, "OWED_SECONDS", 3600.0)
    app = make_app(demo_ledger, "值班员 甲")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        assert app.follower is not None
        wake = app.follower.wake
        monkeypatch.setattr(app.follower, "wake", lambda: None)
        before = set(queue_numbers(app))
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"fire", "tab", *"南湖路3号", "ctrl+s")
        for _ in range(200):
            await pilot.pause(0.05)
            if app.screen is app.main and set(queue_numbers(app)) - before:
                break
        new = (set(queue_numbers(app)) - before).pop()
        engine = open_ledger(ledger_url(demo_ledger))
        try:
            with read_session(engine) as session:
                open_count = desk_figures(session, clock.now()).open_incidents
        finally:
            engine.dispose()
        bar = app.main.query_one(StatusBar)
        assert bar.shown_line is not None and f"open {open_count} " in bar.shown_line.plain
        assert app.main.plan.incident_no == new
        wake()
        await settle(pilot, lambda: True)
        assert as_read_afresh(app, demo_ledger)
        assert bar.shown_line is not None and f"open {open_count} " in bar.shown_line.plain
        assert app.main.plan.incident_no == new
