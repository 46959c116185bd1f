"""All-or-nothing imports: every bad row named, nothing written on error, nothing twice."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from model.tables import Expert, Incident, LedgerEntry, MaterialStock, Report, Resource
from tests.cli.conftest import RESOURCE_HEADER, RESOURCE_ROWS, UNIT_HEADER, Run, entry_count, json_out, write_csv

INCIDENT_HEADER = ["接报时间", "来源", "类型", "地点", "描述", "报告人", "电话", "级别", "外部编号"]
INCIDENT_ROWS = [
    ["2026-11-27 08:15", "12345热线", "洪涝", "港城路与兴港路口", "路面积水30厘米", "李女士", "13800000001", "",
     "H-001"],
    ["2026-11-27T09:30:00+08:00", "110", "traffic_accident", "津汕高速出口", "两车追尾", "", "", "IV", ""],
]


def import_json(run: Run, kind: str, path: Path, *options: str) -> tuple[int, dict[str, Any]]:
    result = run("import", kind, str(path), "--json", *options)
    return result.exit_code, json_out(result)


def stored(engine: Engine, model: Any) -> list[Any]:
    with Session(engine) as session:
        return list(session.execute(select(model)).scalars())


@pytest.mark.parametrize(("row", "column", "reason"), [
    (["XF-X1", "XF", "坦克", "x", "", "", "", ""], "type 类型", "known: fire_engine 消防车"),
    (["XF-X1", "ZZ", "boat", "x", "", "", "", ""], "unit 所属单位", "unit ZZ is not on the roster"),
    (["XF-X1", "XF", "boat", "", "", "", "", ""], "name 名称", "is empty; a value is required"),
    (["XF-X1", "XF", "boat", "x", "", "北纬38", "", ""], "lat 纬度", "'北纬38'"),
    (["XF-X1", "XF", "boat", "x", "", "95", "", ""], "lat 纬度", "less than or equal to 90"),
    (["XF-X1", "XF", "boat", "x", "on_scene", "", "", ""], "status 状态", "may only set available or out_of_service"),
    (["XF-X1", "XF", "boat", "x", "broken", "", "", ""], "status 状态", "known: available 待命, out_of_service 停用"),
    (["XF-FI01", "XF", "boat", "x", "", "", "", ""], "", "XF-FI01 repeats row 2"),
])
def test_a_bad_last_row_is_named_and_leaves_the_ledger_untouched(
        run: Run, units: None, engine: Engine, tmp_path: Path, row: list[str], column: str, reason: str) -> None:
    before = entry_count(engine)
    path = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, [*RESOURCE_ROWS, row])
    code, summary = import_json(run, "resources", path)
    assert code == 1
    assert summary["ok"] is False and summary["ledger_seq"] is None
    assert summary["errors"] == [{"row": 5, "column": column, "reason": summary["errors"][0]["reason"]}]
    assert reason in summary["errors"][0]["reason"]
    assert entry_count(engine) == before
    assert stored(engine, Resource) == []


def test_every_bad_row_is_listed_with_row_column_and_reason(run: Run, units: None, tmp_path: Path) -> None:
    rows = [["XF-A", "XF", "坦克", "x", "", "", "", ""], RESOURCE_ROWS[0], ["XF-B", "QQ", "boat", "", "", "", "", ""]]
    result = run("import", "resources", str(write_csv(tmp_path / "r.csv", RESOURCE_HEADER, rows)))
    assert result.exit_code == 1
    assert "row 2, type 类型: unknown resource type '坦克'" in result.stdout
    assert "row 4, name 名称: is empty; a value is required" in result.stdout
    assert result.stderr.strip() == "linkdesk: 2 bad rows in r.csv: nothing was imported"


def test_unknown_unit_kind_lists_the_known_kinds(run: Run, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "units.csv", UNIT_HEADER, [["ZX", "中心", "指挥部", "1", "12345", "", "", "", ""]])
    code, summary = import_json(run, "units", path)
    assert code == 1
    assert "unknown unit kind '指挥部'" in summary["errors"][0]["reason"]
    assert "red_cross 红十字会" in summary["errors"][0]["reason"]


def test_reimporting_the_same_file_changes_nothing_and_says_so(run: Run, units: None, engine: Engine,
                                                                tmp_path: Path) -> None:
    path = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, RESOURCE_ROWS)
    code, first = import_json(run, "resources", path)
    assert code == 0 and first["inserted"] == 3
    entries = entry_count(engine)
    again = run("import", "resources", str(path))
    assert again.exit_code == 0
    assert "nothing changed" in again.stdout and "no entry written" in again.stdout
    assert entry_count(engine) == entries


def test_one_entry_per_import_records_operator_file_hash_and_counts(run: Run, units: None, engine: Engine,
                                                                     tmp_path: Path) -> None:
    path = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, RESOURCE_ROWS)
    assert run("import", "resources", str(path)).exit_code == 0
    changed = [row[:] for row in RESOURCE_ROWS]
    changed[0][3] = "水罐消防车一号"
    changed[1][4] = "待命"
    code, summary = import_json(run, "resources", write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, changed))
    assert code == 0
    assert (summary["inserted"], summary["updated"], summary["unchanged"]) == (0, 2, 1)
    with Session(engine) as session:
        entry = session.execute(select(LedgerEntry).order_by(LedgerEntry.seq.desc())).scalars().first()  # type: ignore[attr-defined]
        boat = session.get(Resource, "XF-BT01")
    assert entry is not None and boat is not None
    payload = json.loads(entry.payload)
    assert entry.seq == summary["ledger_seq"] and entry.kind == "resources_imported" and entry.operator == "值班员"
    assert payload["facts"]["file"] == "resources.csv" and payload["facts"]["sha256"] == summary["sha256"]
    assert (payload["facts"]["inserted"], payload["facts"]["updated"]) == (0, 2)
    assert len(payload["changes"]) == 2
    assert boat.status == "available"
    assert run("ledger", "verify").exit_code == 0


def test_dry_run_lists_what_would_change_and_writes_nothing(run: Run, units: None, engine: Engine,
                                                             tmp_path: Path) -> None:
    before = entry_count(engine)
    result = run("import", "resources", str(write_csv(tmp_path / "r.csv", RESOURCE_HEADER, RESOURCE_ROWS)), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "row 2: insert XF-FI01" in result.stdout and "dry run: nothing written" in result.stdout
    assert entry_count(engine) == before and stored(engine, Resource) == []


def test_a_dispatched_resource_keeps_its_status(run: Run, units: None, engine: Engine, tmp_path: Path) -> None:
    from model import actions
    from model.db import write_session
    from model.schemas import ReportIn

    assert run("import", "resources", str(write_csv(tmp_path / "r.csv", RESOURCE_HEADER, RESOURCE_ROWS))).exit_code == 0
    with write_session(engine) as session:
        incident = actions.receive_report(session=session, operator="值班员", report=ReportIn(
            channel="119", type="fire", address="仓库", description="起火"))
        actions.dispatch_resource(session=session, operator="值班员", incident_no=incident.no, resource_code="XF-FI01")
    out_of_service = [row[:] for row in RESOURCE_ROWS]
    out_of_service[0][4] = "停用"
    code, summary = import_json(run, "resources", write_csv(tmp_path / "r.csv", RESOURCE_HEADER, out_of_service))
    assert code == 1
    assert f"resource XF-FI01 is dispatched at incident {incident.no}" in summary["errors"][0]["reason"]


def test_incidents_are_received_at_the_files_time_and_match_by_external_id(
        run: Run, engine: Engine, tmp_path: Path, frozen_clock: datetime) -> None:
    path = write_csv(tmp_path / "hotline.csv", INCIDENT_HEADER, INCIDENT_ROWS)
    code, summary = import_json(run, "incidents", path)
    assert code == 0 and summary["inserted"] == 2
    incidents = {row.no: row for row in stored(engine, Incident)}
    assert set(incidents) == {"20261127-0001", "20261127-0002"}
    flood = incidents["20261127-0001"]
    assert flood.received_at == datetime(2026, 11, 27, 0, 15, tzinfo=UTC)
    assert (flood.channel, flood.type, flood.external_id, flood.caller_name) == ("12345", "flood", "H-001", "李女士")
    assert incidents["20261127-0002"].level == "IV"
    assert len(stored(engine, Report)) == 2
    with Session(engine) as session:
        entry = session.execute(select(LedgerEntry).order_by(LedgerEntry.seq.desc())).scalars().first()  # type: ignore[attr-defined]
    assert entry is not None and entry.entered_at == frozen_clock
    assert import_json(run, "incidents", path)[1]["unchanged"] == 2
    updated = [row[:] for row in INCIDENT_ROWS]
    updated[0][4] = "路面积水50厘米，车辆熄火"
    code, summary = import_json(run, "incidents", write_csv(tmp_path / "hotline.csv", INCIDENT_HEADER, updated))
    assert (code, summary["updated"], summary["inserted"]) == (0, 1, 0)
    assert run("ledger", "verify").exit_code == 0


@pytest.mark.parametrize(("index", "value", "column", "reason"), [
    (0, "昨天早上", "received_at 接报时间", "cannot read the time"),
    (1, "微信", "channel 来源", "known: 110 110转警"),
    (2, "外星人", "type 类型", "school 校园突发事件"),
    (7, "V", "level 级别", "unknown level 'V'"),
])
def test_bad_incident_rows_are_named(run: Run, engine: Engine, tmp_path: Path, index: int, value: str,
                                     column: str, reason: str) -> None:
    rows = [row[:] for row in INCIDENT_ROWS]
    rows[1][index] = value
    code, summary = import_json(run, "incidents", write_csv(tmp_path / "i.csv", INCIDENT_HEADER, rows))
    assert code == 1
    assert [(error["row"], error["column"]) for error in summary["errors"]] == [(3, column)]
    assert reason in summary["errors"][0]["reason"]
    assert stored(engine, Incident) == []


def test_an_incident_file_may_give_a_configured_short_type_name(run: Run, engine: Engine, tmp_path: Path) -> None:
    """A hotline file that writes the short names the queue shows (危化品泄漏, Road crash) imports those
    types: the same resolution the intake form uses."""
    rows = [row[:] for row in INCIDENT_ROWS]
    rows[0][2], rows[1][2] = "危化品泄漏", "Road crash"
    code, summary = import_json(run, "incidents", write_csv(tmp_path / "i.csv", INCIDENT_HEADER, rows))
    assert code == 0, summary
    assert sorted(row.type for row in stored(engine, Incident)) == ["hazardous_chemical_leak", "traffic_accident"]


def test_experts_and_materials_upsert_by_their_natural_keys(run: Run, units: None, engine: Engine,
                                                             tmp_path: Path) -> None:
    experts = write_csv(tmp_path / "experts.csv", ["姓名", "专业", "电话", "所属单位", "职称"],
                        [["田国华", "chemical", "13903170101", "XF", "高级工程师"],
                         ["韩雪", "environment", "13903170104", "", ""]])
    materials = write_csv(tmp_path / "materials.csv", ["物资", "所属单位", "数量", "存放地点"],
                          [["重型防化服", "XF", "24", "器材库"], ["重型防化服", "XF", "6", "一号车"]])
    assert import_json(run, "experts", experts)[1]["inserted"] == 2
    assert import_json(run, "materials", materials)[1]["inserted"] == 2
    restock = write_csv(tmp_path / "materials.csv", ["item", "unit", "quantity", "location"],
                        [["重型防化服", "XF", "30", "器材库"]])
    code, summary = import_json(run, "materials", restock)
    assert (code, summary["updated"]) == (0, 1)
    quantities = {row.location: row.quantity for row in stored(engine, MaterialStock)}
    assert quantities == {"器材库": 30.0, "一号车": 6.0}
    assert {(row.name, row.unit_code) for row in stored(engine, Expert)} == {("田国华", "XF"), ("韩雪", None)}
    assert run("ledger", "verify").exit_code == 0
