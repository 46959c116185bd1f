"""The upward incident report, the CLI around both reports, printing, and shift patterns."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine
from typer.testing import CliRunner

from console.cli import app
from console.reports import printing
from console.reports.printing import NoPrinter, send_to_printer
from model import clock
from model.errors import DomainError
from model.shift_periods import pattern_period
from tests.console.conftest import PRINTED


def run(ledger: Path | str, *args: str) -> str:
    with clock.frozen(PRINTED):
        result = CliRunner().invoke(app, ["--db", str(ledger), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_incident_report_carries_times_units_steps_and_approvals(seeded_shift: Engine, ledger: Path | str,
                                                                  tmp_path: Path) -> None:
    output = tmp_path / "incident.txt"
    run(ledger, "report", "incident", "20261128-0001", "--format", "txt", "--lang", "zh", "-o", str(output))
    text = output.read_text(encoding="utf-8")
    assert "突发事件信息报告（续报）" in text and "仓库起火，浓烟很大" in text
    assert "E1 水罐车1号" in text and "张主任" in text and "疏散周边居民" in text
    assert "08:11" in text


def test_final_report_waits_for_the_end(seeded_shift: Engine, ledger: Path | str) -> None:
    with clock.frozen(PRINTED):
        result = CliRunner().invoke(
            app, ["--db", str(ledger), "report", "incident", "20261128-0001", "--kind", "final"])
    assert isinstance(result.exception, DomainError)
    assert "final report waits" in str(result.exception)


def test_shift_report_cli_writes_a_pdf_of_the_last_shift(
        seeded_shift: Engine, ledger: Path | str, tmp_path: Path) -> None:
    output = tmp_path / "shift.pdf"
    assert run(ledger, "report", "shift", "-o", str(output)).strip() == f"wrote {output}"
    pages = PdfReader(BytesIO(output.read_bytes())).pages
    assert "白班 #1" in pages[0].extract_text().replace("\x00", "")


def test_shift_report_by_local_times(seeded_shift: Engine, ledger: Path | str, tmp_path: Path) -> None:
    output = tmp_path / "morning.txt"
    run(ledger, "report", "shift", "--from", "2026-11-28 08:40", "--to", "2026-11-28 09:00",
        "--format", "txt", "--lang", "zh", "-o", str(output))
    text = output.read_text(encoding="utf-8")
    assert "接报总数：1" in text and "2026-11-28 08:40 — 2026-11-28 09:00" in text


def test_print_says_clearly_when_there_is_no_printer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)
    with pytest.raises(NoPrinter, match="no printer"):
        send_to_printer(tmp_path / "r.pdf")


@pytest.mark.parametrize(("local_hour", "name", "start_hour_utc"), [(9, "白班", 0), (21, "夜班", 12), (3, "夜班", 12)])
def test_pattern_period_finds_the_configured_shift(local_hour: int, name: str, start_hour_utc: int) -> None:
    moment = datetime(2026, 11, 28, (local_hour - 8) % 24, 0, tzinfo=UTC)
    period = pattern_period(moment)
    assert period.name == name and period.start.hour == start_hour_utc
    assert period.start <= moment < period.end and (period.end - period.start).total_seconds() == 12 * 3600
