"""SVG snapshots of the main screen and the intake form, in English, at a frozen time and a fixed size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from console.app import make_app
from console.panes import PlanPane, UnitRoster
from console.screens.form import FormScreen
from model import clock
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, queue_numbers, settle


@pytest.fixture(autouse=True)
def english_at_a_frozen_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


async def filled(pilot: Pilot[None]) -> None:
    """Wait until the queue, the leak's checklist and the roster are on the screen."""
    app = pilot.app
    await settle(pilot, lambda: len(queue_numbers(app)) == 4 and bool(app.screen.query_one(PlanPane).steps)
                 and bool(app.screen.query_one(UnitRoster).rows))


def test_main_screen(demo_ledger: Path | str, snap_compare: Any) -> None:
    """The demo desk: four incidents (the III leak first, the drill marked, an overdue count in red),
    the leak's plan with done, overdue and blocked steps and countdowns, the roster with statuses and
    two late acknowledgements in red, and the status bar at 10:00:00 with shift 白班 and one warning."""
    assert snap_compare(make_app(demo_ledger, "值班员 王磊"), terminal_size=SIZE, run_before=filled)


def test_intake_form(demo_ledger: Path | str, snap_compare: Any) -> None:
    """The intake form over the desk, every field of a report at once in three columns (the event; the
    channel, time received and caller; the figures, losses, action taken and drill box): the type field
    focused with its label marked, channel preset to phone, the time received offered, no coordinates,
    every field labelled in English, required ones starred."""

    async def open_form(pilot: Pilot[None]) -> None:
        await filled(pilot)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        await pilot.pause()

    assert snap_compare(make_app(demo_ledger, "值班员 王磊"), terminal_size=SIZE, run_before=open_form)
