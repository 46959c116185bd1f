"""The incident screen (i): the report as received, then the timeline as sentences wrapped to the screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from textual.pilot import Pilot

from console.app import make_app
from console.screens.incident import IncidentScreen
from model import actions, clock
from model.db import ledger_url, open_ledger, write_session
from model.tables import Incident
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, on_screen, queue_numbers, settle

RAW = re.compile(r'[{}]|"\w+":|\b[a-z]+_[a-z_]+\b')
"""What must never show on the screen: JSON, or a code such as `send_fire` or `hazardous_chemical_leak`."""


@pytest.fixture(autouse=True)
def english_at_a_frozen_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


async def open_leak(pilot: Pilot[None]) -> None:
    app = pilot.app
    await settle(pilot, lambda: len(queue_numbers(app)) == 4)
    await pilot.press("i")
    await settle(pilot, lambda: on_screen(app, IncidentScreen)() and bool(app.screen.lines))


def approve_the_level_iii_response(ledger: Path | str) -> None:
    """The 管委会's director approves the leak's level III response by phone, as the officer would record it with p."""
    engine = open_ledger(ledger_url(ledger))
    with write_session(engine) as session:
        leak = session.execute(
            select(Incident.no).where(Incident.state == "active", Incident.level == "III")).scalar_one()
        actions.record_approval(session=session, operator="值班员 李娜", incident_no=leak, step_id="start_level_iii",
                                authority="管委会", approved_by="王主任", channel="phone")
    engine.dispose()


async def test_the_timeline_reads_as_sentences_with_every_fact(demo_ledger: Path | str) -> None:
    """Who approved, by what channel, and the command post's phone are in the sentences; no JSON, no codes."""
    approve_the_level_iii_response(demo_ledger)
    app = make_app(demo_ledger, "值班员")
    async with app.run_test(size=SIZE) as pilot:
        await open_leak(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentScreen)
        sentences = [line.sentence for line in screen.lines]
        head = str(screen.query_one("#incident-head").render())
    approval = next(sentence for sentence in sentences if "王主任" in sentence)
    assert "管委会" in approval and "phone" in approval and "level III" in approval
    assert any("command post" in sentence.lower() and re.search(r"\d{5,}", sentence) for sentence in sentences)
    for sentence in sentences:
        assert not RAW.search(sentence), sentence
    assert "Hazardous chemical leak" in head and not RAW.search(head)


def test_incident_timeline_snapshot(demo_ledger: Path | str, snap_compare: Any) -> None:
    """The demo leak's incident screen: the head with number, level III, type and state, the place in bold
    and every field of the report labelled; below, the day and then one line per entry, time, officer and a
    sentence wrapped under itself (the 管委会's approval by phone, the command post with its phone)."""
    approve_the_level_iii_response(demo_ledger)
    assert snap_compare(make_app(demo_ledger, "值班员 王磊"), terminal_size=SIZE, run_before=open_leak)
