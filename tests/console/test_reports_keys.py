"""Ctrl+R writes the shift report from the console, and says why on screen when it cannot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

import console.reports
from console.app import LinkDeskApp, make_app
from model import clock
from model.text import language
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, passing, queue_numbers, settle


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with clock.frozen(FROZEN_AT):
        yield


@pytest.fixture(autouse=True)
def reports_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "reports"
    monkeypatch.setattr(console.reports, "reports_dir", lambda: folder)
    return folder


async def written(pilot: Pilot[None], until: Callable[[], bool]) -> None:
    """Wait for the report worker, which may take many seconds on a busy machine (fonts, pages)."""
    for _ in range(600):
        await passing(pilot)
        await pilot.pause(0.1)
        if until():
            return
    raise AssertionError("the console never said what the test waits for")


def said(app: LinkDeskApp, words: str) -> Callable[[], bool]:
    return lambda: any(words in f"{note.title} {note.message}" for note in app._notifications)


async def test_ctrl_r_at_an_english_desk_writes_the_demo_shift(demo_ledger: Path | str, reports_folder: Path) -> None:
    """It said "writing the shift report…" and then nothing: the PDF failed on its column widths."""
    assert language() == "en"
    app = make_app(demo_ledger, "officer")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: bool(queue_numbers(app)))
        await pilot.press("ctrl+r")
        await written(pilot, said(app, "shift report written to"))
    assert [path.suffix for path in reports_folder.iterdir()] == [".pdf"]


async def test_a_report_that_cannot_be_written_says_why_in_one_line(demo_ledger: Path | str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> Path:
        raise OSError("No space left on device\nTraceback (most recent call last):")

    monkeypatch.setattr(console.reports, "write_shift_report", full_disk)
    app = make_app(demo_ledger, "officer")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: bool(queue_numbers(app)))
        await pilot.press("ctrl+r")
        await written(pilot, said(app, "No space left on device"))
        note = next(note for note in app._notifications if "No space" in note.message)
        assert note.title == "No report" and note.message == "OSError: No space left on device"
        assert app.is_running
