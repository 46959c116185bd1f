"""`linkdesk incident …`: a chemical leak with two injured, worked from report to archive by commands.

What a drill script or another system relies on: each command records through the action layer,
`show --json` tells the checklist's truth at every stage (each settled step points at the entry
that settled it), and a refusal is one line on stderr, exit 1, with the ledger unchanged.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session
from typer.testing import Result

from model import demo
from model.tables import LedgerEntry
from tests.cli.conftest import Run, entry_count

RECEIVE = ["incident", "receive", "--channel", "119", "--type", "危险化学品泄漏",
           "--address", "南大港化工园区纬三路 鑫源化工储罐区", "--description", "液氯储罐阀门泄漏，2名工人不适",
           "--injured", "2", "--caller", "张工", "--phone", "13800001111", "--caller-unit", "鑫源化工",
           "--happened-at", "2026-11-28 09:50", "--json"]


@pytest.fixture
def roster(engine: Engine) -> None:
    """The sample roster (units, resources, experts, stocks), registered the way the demo does."""
    demo.load_roster(engine)


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def refused(result: Result) -> str:
    """The one line a refusal leaves on stderr."""
    assert result.exit_code == 1, result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def sheet(run: Run, no: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(ok(run("incident", "show", no, "--json")))
    return body


def entry_kinds(engine: Engine) -> dict[int, str]:
    with Session(engine) as session:
        return {seq: kind for seq, kind in session.execute(select(LedgerEntry.seq, LedgerEntry.kind))}


def settled(engine: Engine, body: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    """Each step's state and the kind of the entry that settled it."""
    kinds = entry_kinds(engine)
    return {step["id"]: (step["state"], kinds[step["settled_by"]] if step["settled_by"] else None)
            for step in body["steps"]}


def received(run: Run) -> str:
    no: str = json.loads(ok(run(*RECEIVE)))["no"]
    return no


def test_refusals_are_one_line_and_leave_the_ledger_alone(run: Run, engine: Engine, roster: None,
                                                          frozen_clock: datetime) -> None:
    no = received(run)
    before = entry_count(engine)
    assert refused(run("incident", "show", "20261128-0099")) == "linkdesk: incident 20261128-0099 does not exist"
    assert refused(run("incident", "verify", "20261128-0099")) == "linkdesk: incident 20261128-0099 does not exist"
    assert "unknown level 'V'" in refused(run("incident", "grade", no, "--level", "V"))
    assert "--happened-at" in refused(run(*RECEIVE[:-1], "--happened-at", "yesterday"))
    assert "--injured" in refused(run(*RECEIVE[:-1], "--injured", "-1"))
    assert entry_count(engine) == before
