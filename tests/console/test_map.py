"""The map screen by keys: what stands where on the district, zoom and pan, the selection shared with the queue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from console.app import make_app
from console.panes import IncidentQueue
from console.panes.unit_roster import STATUS_STYLE
from console.screens.main import MainScreen
from console.screens.map import MapScreen
from console.widgets.district_map import INCIDENT_MARK, RESOURCE_MARK, DistrictMapView
from model import actions, clock
from model.db import ledger_url, open_ledger, write_session
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, on_screen, queue_numbers, settle

LEAK, DRILL, CRASH, FIRE = "20261128-0001", "20261128-0005", "20261128-0003", "20261128-0004"
"""The demo's open incidents, in the queue's order (the drill has no coordinates)."""


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


def drawn(app: Any) -> bool:
    screen = app.screen
    return (isinstance(screen, MapScreen) and screen.features is not None
            and screen.query_one(DistrictMapView).view is not None)


async def open_map(pilot: Pilot[None]) -> MapScreen:
    await settle(pilot, lambda: len(queue_numbers(pilot.app)) == 4)
    await pilot.press("M")
    await settle(pilot, lambda: drawn(pilot.app))
    screen = pilot.app.screen
    assert isinstance(screen, MapScreen)
    return screen


def cell(canvas: DistrictMapView, position: tuple[float, float]) -> tuple[int, int]:
    x, y = canvas.cell_of(position)
    return int(x // 1), int(y // 1)


async def test_incidents_and_resources_stand_at_their_coordinates(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        canvas = screen.query_one(DistrictMapView)
        features = screen.features
        assert features is not None and screen.selected == LEAK, "the map opens on the queue's incident"
        incidents = {incident.no: incident for incident in features.incidents}
        assert incidents[DRILL].position is None
        for no in (LEAK, CRASH, FIRE):
            position = incidents[no].position
            assert position is not None
            char, style = canvas.get_pixel(*cell(canvas, position))
            assert char == INCIDENT_MARK, no
            assert ("reverse" in style) == (no == LEAK), "only the selected incident is marked in reverse"
        at_own_cell = 0
        for resource in features.resources:
            assert resource.position is not None
            char, style = canvas.get_pixel(*cell(canvas, resource.position))
            if char == RESOURCE_MARK:
                others = {other.status for other in features.resources if other.position is not None
                          and cell(canvas, other.position) == cell(canvas, resource.position)}
                assert style in {STATUS_STYLE[status] for status in others}
                at_own_cell += 1
        assert at_own_cell >= 60, "most of the 86 resources show at their own cell; others share or lie under a label"
        out_of_service = next(resource for resource in features.resources if resource.code == "SL-PU05")
        assert out_of_service.position is not None
        assert canvas.get_pixel(*cell(canvas, out_of_service.position))[1] == STATUS_STYLE["out_of_service"]


async def test_the_selection_follows_the_queue_and_moves_it(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        await pilot.press("down", "down")
        await settle(pilot, lambda: app.screen.query_one(IncidentQueue).selected == CRASH)
        await pilot.press("M")
        await settle(pilot, lambda: drawn(app))
        screen = app.screen
        assert isinstance(screen, MapScreen) and screen.selected == CRASH
        await pilot.press("tab")
        assert screen.selected == FIRE
        assert "20261128-0004" in str(screen.query_one("#map-detail").render())
        await pilot.press("tab", "tab")
        assert screen.selected == DRILL, "round the list: leak, then the drill"
        await pilot.press("shift+tab")
        assert screen.selected == LEAK
        await pilot.press("escape")
        await settle(pilot, on_screen(app, MainScreen))
        assert app.screen.query_one(IncidentQueue).selected == LEAK


async def test_zoom_and_pan_by_keys(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        canvas = screen.query_one(DistrictMapView)
        whole = canvas.view
        assert whole is not None
        await pilot.press("plus", "plus")
        assert canvas.view is not None and canvas.view.span == pytest.approx(whole.span / 1.25 ** 2)
        await pilot.press("right", "up")
        assert canvas.view.lon > whole.lon and canvas.view.lat > whole.lat
        await pilot.press("minus", "0")
        assert canvas.view == whole
        await pilot.press("tab", "tab", "enter")
        crash = next(incident for incident in screen.features.incidents if incident.no == CRASH)  # type: ignore[union-attr]
        assert crash.position is not None and (canvas.view.lon, canvas.view.lat) == crash.position


async def test_the_map_reads_the_ledger_again_when_it_advances(demo_ledger: Path | str) -> None:
    """Another desk sends an engine to the fire: the map shows it dispatched once the desk's follower
    says the ledger moved (LedgerAdvanced to the screen on top); nothing else reads the map again."""
    app = make_app(demo_ledger, "值班员 王磊")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        engine = open_ledger(ledger_url(demo_ledger))
        with write_session(engine) as session:
            actions.dispatch_resource(session=session, operator="值班员 李娜", incident_no=FIRE,
                                      resource_code="XF-FI02")
        engine.dispose()
        await settle(pilot, lambda: any(resource.code == "XF-FI02" and resource.status == "dispatched"
                                        for resource in screen.features.resources))  # type: ignore[union-attr]
        canvas = screen.query_one(DistrictMapView)
        sent = next(resource for resource in screen.features.resources if resource.code == "XF-FI02")  # type: ignore[union-attr]
        assert sent.position is not None
        assert canvas.get_pixel(*cell(canvas, sent.position)) == (RESOURCE_MARK, STATUS_STYLE["dispatched"])


def test_map_snapshot(demo_ledger: Path | str, snap_compare: Any) -> None:
    """The demo district: outline, wetland and chemical park, roads and place names; the III leak in
    reverse with its number and type and a command post beside it, the crash (IV) and the ungraded fire
    with their last digits, 86 resources coloured by status, the rainstorm warning's circle; the legend,
    the incident list (the drill without a position) and the leak's resources and command post."""

    async def run_before(pilot: Pilot[None]) -> None:
        await open_map(pilot)
        await pilot.pause()

    assert snap_compare(make_app(demo_ledger, "值班员 王磊"), terminal_size=SIZE, run_before=run_before)
