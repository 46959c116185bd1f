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
from model.tables import LedgerEntry, Resource
from tests.cli.conftest import Run, entry_count

RECEIVE = ["incident", "receive", "--channel", "119", "--type", "危险化学品泄漏",
           "--address", "南大港化工园区纬三路 鑫源化工储罐区", "--description", "液氯储罐阀门泄漏，2名工人不适",
           "--injured", "2", "--caller", "张工", "--phone", "13800001111", "--caller-unit", "鑫源化工",
           "--happened-at", "2026-11-28 09:50", "--json"]


@pytest.fixture
def roster(engine: Engine, frozen_clock: datetime) -> None:
    """The sample roster (units, resources, experts, stocks), registered the way the demo does, just before."""
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


def out_on(engine: Engine, no: str) -> list[str]:
    """Codes of the resources working the incident now."""
    with Session(engine) as session:
        return list(session.execute(select(Resource.code).where(Resource.incident_no == no)).scalars())


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


LEVEL_STEPS = ["verify_leak", "send_fire", "cordon", "ambulances", "notify_safety", "monitoring", "initial_report"]
CLOSING_ITEMS = [f"closing-{number}" for number in range(1, 9)]


def test_chemical_leak_from_report_to_archive(run: Run, engine: Engine, roster: None,
                                              frozen_clock: datetime) -> None:
    no = received(run)
    body = sheet(run, no)
    assert (body["no"], body["level"], body["state"], body["steps"]) == ("20261128-0001", None, "received", [])

    ok(run("incident", "verify", no, "--method", "回拨核实", "--note", "企业安全员回电确认"))
    assert sheet(run, no)["state"] == "verified"

    graded = ok(run("incident", "grade", no))
    assert "IV General (the proposed level: 0 dead, 2 injured" in graded
    assert sheet(run, no)["level"] == "IV"

    ok(run("incident", "activate", no))
    body = sheet(run, no)
    assert body["state"] == "active"
    assert [step["id"] for step in body["steps"]] == [*LEVEL_STEPS, *CLOSING_ITEMS, "closing-approval"]
    assert [step["section"] for step in body["steps"]] == ["level"] * 7 + ["closing"] * 9
    progress = settled(engine, body)
    assert set(progress.values()) == {("pending", None), ("blocked", None)}
    assert progress["closing-approval"] == ("blocked", None)

    ordered = ok(run("incident", "dispatch", no))
    assert ordered.startswith("Preselected: Fire engine ×2 (")
    sent = out_on(engine, no)
    assert len(sent) == 9 and all(f"({code}) dispatched to {no}" in ordered for code in sent)
    progress = settled(engine, sheet(run, no))
    for step_id in ("send_fire", "cordon", "ambulances", "monitoring"):
        assert progress[step_id] == ("done", "resource_dispatched")
    assert "nothing to dispatch" in refused(run("incident", "dispatch", no))

    ok(run("incident", "command-post", no, "--open", "--commander", "赵志强", "--place", "纬三路东口上风向",
           "--phone", "13903170001"))
    initial = ok(run("incident", "report-upward", no, "--to", "管委会值班室"))
    assert initial.startswith(f"{no}: initial report recorded, to 管委会值班室\n")
    assert "纬三路东口上风向" in initial
    assert settled(engine, sheet(run, no))["initial_report"] == ("done", "upward_report")
    assert ok(run("incident", "report-upward", no)).startswith(f"{no}: follow-up report 1 recorded, to 管委会值班室")

    ok(run("incident", "command-post", no, "--close"))
    assert settled(engine, sheet(run, no))["closing-8"] == ("done", "command_post_closed")

    ok(run("incident", "skip", no, "1", "--reason", "接报核实时已回拨企业安全员确认"))
    ok(run("incident", "notify", no, "AJ", "QY-HG"))
    progress = settled(engine, sheet(run, no))
    assert progress["verify_leak"] == ("skipped", "step_state")
    assert progress["notify_safety"] == ("done", "units_notified")

    for code in sent:
        ok(run("incident", "status", code, "available"))
    assert settled(engine, sheet(run, no))["closing-6"] == ("done", "resource_status")

    final = ok(run("incident", "report-upward", no))
    assert final.startswith(f"{no}: final report recorded, to 管委会值班室")
    assert settled(engine, sheet(run, no))["closing-7"] == ("done", "upward_report")

    ok(run("incident", "tick", no, "8", "9", "10", "11", "closing-5"))
    progress = settled(engine, sheet(run, no))
    assert {progress[f"closing-{number}"] for number in range(1, 6)} == {("done", "closing_ticked")}
    assert progress["closing-approval"] == ("blocked", None)

    before = entry_count(engine)
    assert "has not approved the end" in refused(run("incident", "end", no))
    assert entry_count(engine) == before

    ok(run("incident", "approve", no, "--authority", "管委会", "--by", "王主任", "--channel", "phone",
           "--step", "16"))
    assert settled(engine, sheet(run, no))["closing-approval"] == ("done", "approval_recorded")

    assert ok(run("incident", "end", no, "--summary", "泄漏已封堵，2名伤员送医")) == f"{no} ended\n"
    body = sheet(run, no)
    assert body["state"] == "ended"
    assert {step["state"] for step in body["steps"]} == {"done", "skipped"}
    assert all(step["settled_by"] is not None for step in body["steps"])
    assert ok(run("incident", "close", no)) == f"{no} closed\n"
    assert sheet(run, no)["state"] == "closed"
    assert ok(run("ledger", "verify")).startswith("OK: ")


def activated(run: Run, *receive: str) -> str:
    no: str = json.loads(ok(run(*(receive or RECEIVE))))["no"]
    ok(run("incident", "verify", no, "--method", "call_back"))
    ok(run("incident", "grade", no, "--level", "IV"))
    ok(run("incident", "activate", no))
    return no


def test_end_with_open_steps_names_them_by_title(run: Run, engine: Engine, roster: None,
                                                 frozen_clock: datetime) -> None:
    no = activated(run)
    ok(run("incident", "skip", no, "2", "--reason", "企业专职消防队已到场"))
    before = entry_count(engine)
    line = refused(run("incident", "end", no))
    assert line.startswith(f"linkdesk: incident {no} cannot end: "
                           "these steps are neither done nor skipped with a reason: "
                           "“Verify the substance, where and how much is leaking")
    assert "Dispatch fire and rescue crews" not in line
    assert "verify_leak" not in line and "initial_report" not in line and "notify_safety" not in line
    assert refused(run("incident", "skip", no, "99", "--reason", "x")) == f"linkdesk: incident {no} has no step 99"
    assert "needs a reason" in refused(run("incident", "skip", no, "cordon", "--reason", " "))
    assert entry_count(engine) == before


def test_the_chinese_desk_reads_titles_and_names_not_ids(run: Run, engine: Engine, roster: None,
                                                        frozen_clock: datetime, chinese: None) -> None:
    no = activated(run)
    ok(run("incident", "dispatch", no, "XF-FI01", "XF-FI02", "XF-HA01"))
    text = ok(run("incident", "show", no))
    assert f"{no} · 危险化学品泄漏 · 南大港化工园区纬三路 鑫源化工储罐区 · 处置中 · IV 一般" in text
    assert "[已完成] 调派消防救援力量携带堵漏器材到场处置" in text
    assert "[待办] 设置警戒区" in text and "[受阻] 应急结束审批" in text
    seq = sheet(run, no)["steps"][1]["settled_by"]
    assert f"由第 {seq} 条记录办结" in text
    for code in ("send_fire", "closing-", "pending", "blocked", "hazardous_chemical_leak", "active", "fire_engine"):
        assert code not in text
    assert refused(run("incident", "show", "20261128-0099")) == "linkdesk: 事件 20261128-0099 不存在"


def test_outside_text_is_printed_as_data(run: Run, roster: None, frozen_clock: datetime) -> None:
    hostile = RECEIVE.copy()
    hostile[hostile.index("--address") + 1] = "纬三路\x1b]0;pwned\x07\u202e储罐区"
    no = activated(run, *hostile)
    text = ok(run("incident", "show", no))
    assert "纬三路␛]0;pwned␇⟨U+202E⟩储罐区" in text
    assert "\x1b" not in text and "\u202e" not in text
    assert sheet(run, no)["address"] == "纬三路␛]0;pwned␇⟨U+202E⟩储罐区"
