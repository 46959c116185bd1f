"""Running `linkdesk`: in-process on a temporary ledger, or as a child process as a user would."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session
from typer.testing import CliRunner, Result

from console.cli import app
from model.tables import LedgerEntry

Run = Callable[..., Result]

UNIT_HEADER = ["code", "name", "kind", "tier", "duty_phone", "address", "lat", "lon", "contact"]
UNIT_ROWS = [
    ["XF", "南大港消防救援大队", "fire", "1", "0317-5366119", "兴港路3号", "38.5262", "117.379", "赵志强"],
    ["GA", "南大港公安分局", "公安", "1", "0317-5366110", "迎宾路8号", "", "", ""],
]
RESOURCE_HEADER = ["code", "unit", "type", "name", "status", "lat", "lon", "capacity"]
RESOURCE_ROWS = [
    ["XF-FI01", "XF", "fire_engine", "水罐消防车1号", "", "38.4976", "117.38932", "8吨"],
    ["XF-BT01", "XF", "冲锋舟", "冲锋舟1号", "停用", "", "", ""],
    ["GA-PA01", "GA", "巡逻车", "巡逻车1号", "available", "", "", ""],
]


@pytest.fixture
def run(ledger: Path | str) -> Run:
    """`linkdesk --db LEDGER --operator 值班员 ARGS…` on this test's fresh ledger (either backend), with
    stdout and stderr apart."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, ["--db", str(ledger), "--operator", "值班员", *args])

    return invoke


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path.write_bytes(csv_bytes(header, rows, encoding))
    return path


def json_out(result: Result) -> dict[str, object]:
    body: dict[str, object] = json.loads(result.stdout)
    return body


def entry_count(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.execute(select(LedgerEntry.seq)).all())


@pytest.fixture
def units(run: Run, tmp_path: Path) -> None:
    """Two units on the roster, imported the way a center starts."""
    result = run("import", "units", str(write_csv(tmp_path / "units.csv", UNIT_HEADER, UNIT_ROWS)))
    assert result.exit_code == 0, result.output + result.stderr


PROJECT = Path(__file__).resolve().parents[2]


def linkdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m console ARGS` with a clean, predictable environment."""
    environment = {**os.environ, "LINKDESK_OPERATOR": "tester", **(env or {})}
    return subprocess.run([sys.executable, "-m", "console", *args], capture_output=True, text=True,
                          cwd=PROJECT, env=environment, timeout=120)
