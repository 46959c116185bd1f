"""The shift report's first page in Chinese, held as a snapshot: every word, time and column."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from syrupy.assertion import SnapshotAssertion

from console.reports import write_shift_report
from model import clock
from tests.console.conftest import PRINTED

FORM_FEED = "\f"


def test_first_page_of_the_shift_report_in_chinese(seeded_shift: Engine, tmp_path: Path,
                                                   snapshot: SnapshotAssertion) -> None:
    with clock.frozen(PRINTED):
        path = write_shift_report(seeded_shift, fmt="txt", output=tmp_path / "shift.txt", lang="zh", shift_id=1)
    first_page = path.read_text(encoding="utf-8").split(FORM_FEED)[0]
    assert "交接班报告" in first_page and "接报总数" in first_page
    assert first_page == snapshot


def test_the_chinese_report_does_not_follow_an_english_desk(seeded_shift: Engine, tmp_path: Path) -> None:
    with clock.frozen(PRINTED):
        path = write_shift_report(seeded_shift, fmt="txt", output=tmp_path / "shift.txt", lang="zh", shift_id=1)
    text = path.read_text(encoding="utf-8")
    assert "Shift handover report" not in text and " Nov " not in text
