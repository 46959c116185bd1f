"""Files that used to go silently wrong: each is refused naming the row, or read exactly as written.

Every refusal is one line per bad row (row, column, reason) on stdout, one line on stderr, exit 1,
and the ledger as it was. Fixtures are made here, in the encodings and shapes offices send.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, select
from sqlmodel import Session
from typer.testing import Result

from model.tables import Incident, Resource, Unit
from tests.cli.conftest import (
    RESOURCE_HEADER,
    RESOURCE_ROWS,
    UNIT_HEADER,
    UNIT_ROWS,
    Run,
    entry_count,
    json_out,
    write_csv,
)
from tests.cli.test_import_rows import INCIDENT_HEADER, INCIDENT_ROWS

TRADITIONAL_ROWS = [
    ["TP", "臺北市政府消防局", "fire", "1", "02-27297668", "臺北市信義區松仁路1號", "", "", "張國華"],
    ["KH", "高雄市政府警察局", "police", "1", "07-2154342", "高雄市苓雅區四維三路2號", "", "", "陳建國"],
]
JAPANESE_ROWS = [
    ["TK", "東京消防庁", "fire", "1", "03-3212-2111", "千代田区大手町一丁目3番5号", "", "", "山田太郎"],
    ["KS", "警視庁", "police", "1", "03-3581-4321", "千代田区霞が関二丁目1番1号", "", "", "佐藤花子"],
]


def stored_units(engine: Engine) -> dict[str, Unit]:
    with Session(engine) as session:
        return {row.code: row for row in session.execute(select(Unit)).scalars()}


def assert_refused(result: Result, engine: Engine, before: int) -> None:
    """Exit 1, one line on stderr, no traceback, the ledger as it was."""
    assert result.exit_code == 1, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert entry_count(engine) == before


@pytest.mark.parametrize(("rows", "encoding", "named"), [
    (TRADITIONAL_ROWS, "big5", "big5"),
    (JAPANESE_ROWS, "shift_jis", "cp932"),
], ids=["big5", "shift-jis"])
def test_a_csv_in_neither_utf8_nor_gb18030_is_refused_naming_its_likely_encoding(
        run: Run, engine: Engine, tmp_path: Path, rows: list[list[str]], encoding: str, named: str) -> None:
    path = write_csv(tmp_path / "units.csv", UNIT_HEADER, rows, encoding)
    before = entry_count(engine)
    result = run("import", "units", str(path))
    assert_refused(result, engine, before)
    assert "neither UTF-8 nor GB18030" in result.stderr
    assert f"--encoding {named}" in result.stderr
    assert stored_units(engine) == {}


@pytest.mark.parametrize(("rows", "encoding"), [(TRADITIONAL_ROWS, "big5"), (JAPANESE_ROWS, "shift_jis")],
                         ids=["big5", "shift-jis"])
def test_a_named_encoding_reads_the_file_exactly(run: Run, engine: Engine, tmp_path: Path,
                                                 rows: list[list[str]], encoding: str) -> None:
    path = write_csv(tmp_path / "units.csv", UNIT_HEADER, rows, encoding)
    result = run("import", "units", str(path), "--encoding", encoding)
    assert result.exit_code == 0, result.stdout + result.stderr
    units = stored_units(engine)
    assert {code: (unit.name, unit.address, unit.contact) for code, unit in units.items()} == {
        row[0]: (row[1], row[5], row[8]) for row in rows}


def test_an_unclosed_quote_is_refused_at_the_row_it_opens(run: Run, engine: Engine, tmp_path: Path) -> None:
    lines = [",".join(UNIT_HEADER), ",".join(UNIT_ROWS[0]),
             'GA,"南大港公安分局,公安,1,0317-5366110,迎宾路8号,,,',
             "JT,南大港交通运输局,交通,2,0317-5366122,,,,",
             "YY,南大港医院,医疗,1,0317-5366120,,,,"]
    path = tmp_path / "units.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = entry_count(engine)
    result = run("import", "units", str(path))
    assert_refused(result, engine, before)
    assert "row 3, name 名称: a quoted cell opens on this row and never closes" in result.stdout
    assert stored_units(engine) == {}


def test_text_after_a_closing_quote_is_refused_and_the_other_rows_still_checked(
        run: Run, engine: Engine, tmp_path: Path) -> None:
    lines = [",".join(UNIT_HEADER), 'XF,"消防"大队,fire,1,119,,,,', "GA,公安分局,警察,1,110,,,,"]
    path = tmp_path / "units.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", "units", str(path))
    assert_refused(result, engine, entry_count(engine))
    assert "row 2, name 名称: a quoted cell goes on after its closing quote" in result.stdout
    assert "row 3, kind 类别: unknown unit kind '警察'" in result.stdout


def test_ragged_csv_rows_are_each_named(run: Run, engine: Engine, tmp_path: Path) -> None:
    lines = [",".join(UNIT_HEADER), ",".join(UNIT_ROWS[0]), "GA,南大港公安分局,公安,1,110",
             "JT,交通运输局,交通,2,122,,,,,extra"]
    path = tmp_path / "units.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = entry_count(engine)
    code_and_body = run("import", "units", str(path), "--json")
    assert_refused(code_and_body, engine, before)
    errors = json_out(code_and_body)["errors"]
    assert [(error["row"], error["column"]) for error in errors] == [  # type: ignore[index]
        (3, "address 地址"), (4, "column 10 (no header)")]
    assert "the row ends after 5 cells but the header has 9" in errors[0]["reason"]  # type: ignore[index]


def test_xlsx_cells_beyond_the_header_are_refused_as_in_csv(run: Run, engine: Engine, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(UNIT_HEADER)
    sheet.append(UNIT_ROWS[0])
    sheet.append([*UNIT_ROWS[1], None, "夜间值班 0317-5366999"])
    workbook.save(tmp_path / "units.xlsx")
    before = entry_count(engine)
    result = run("import", "units", str(tmp_path / "units.xlsx"))
    assert_refused(result, engine, before)
    assert "row 3, column 11 (no header): the row has 11 cells but the header has 9" in result.stdout
    assert stored_units(engine) == {}


def test_a_csv_title_row_above_the_header_is_skipped_and_the_header_row_named(
        run: Run, engine: Engine, tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["南大港应急联动中心 联动单位名录", *[""] * 8])
    writer.writerow(["制表：值班室", "", "", "", "", "", "", "", "2026-11-28"])
    writer.writerow([])
    writer.writerow(UNIT_HEADER)
    writer.writerows(UNIT_ROWS)
    path = tmp_path / "units.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = run("import", "units", str(path))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "column headers taken from row 4; the 2 rows above it are not data and were skipped" in result.stdout
    assert set(stored_units(engine)) == {"XF", "GA"}
    assert json_out(run("import", "units", str(path), "--json"))["header_row"] == 4


def test_an_xlsx_with_a_merged_title_above_the_header(run: Run, engine: Engine, units: None,
                                                      tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["南大港应急联动中心 救援力量一览表"])
    sheet.merge_cells("A1:H1")
    sheet.append(["编码", "所属单位", "类型", "名称", "状态", "纬度", "经度", "能力"])
    for row in RESOURCE_ROWS:
        sheet.append(row)
    path = tmp_path / "resources.xlsx"
    workbook.save(path)
    result = run("import", "resources", str(path), "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (json_out(result)["header_row"], json_out(result)["inserted"]) == (2, 3)
    with Session(engine) as session:
        assert {row.code for row in session.execute(select(Resource)).scalars()} == {"XF-FI01", "XF-BT01", "GA-PA01"}


def test_a_file_whose_header_has_a_stray_column_names_that_row(run: Run, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "units.csv", ["值班表", "", ""], [[*UNIT_HEADER, "fax"], [*UNIT_ROWS[0], "5366000"]])
    result = run("import", "units", str(path))
    assert result.exit_code == 1
    assert "unknown column 'fax' (column 10) (row 2)" in result.stderr


def test_a_date_only_received_time_is_refused_in_csv(run: Run, engine: Engine, tmp_path: Path) -> None:
    rows = [row[:] for row in INCIDENT_ROWS]
    rows[0][0] = "2026-11-27"
    before = entry_count(engine)
    result = run("import", "incidents", str(write_csv(tmp_path / "i.csv", INCIDENT_HEADER, rows)))
    assert_refused(result, engine, before)
    assert "row 2, received_at 接报时间: '2026-11-27' is a day without a time" in result.stdout


def test_a_date_formatted_xlsx_cell_is_refused_and_a_date_time_cell_read(run: Run, engine: Engine,
                                                                         tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(INCIDENT_HEADER)
    sheet.append([date(2026, 11, 27), *INCIDENT_ROWS[0][1:]])
    sheet.append([datetime(2026, 11, 27, 9, 30), *INCIDENT_ROWS[1][1:]])
    sheet["A2"].number_format = "yyyy-mm-dd"
    sheet["A3"].number_format = "yyyy-mm-dd hh:mm"
    workbook.save(tmp_path / "incidents.xlsx")
    result = run("import", "incidents", str(tmp_path / "incidents.xlsx"), "--json")
    assert result.exit_code == 1
    errors = json_out(result)["errors"]
    assert [(error["row"], error["column"]) for error in errors] == [(2, "received_at 接报时间")]  # type: ignore[index]
    sheet.delete_rows(2)
    workbook.save(tmp_path / "incidents.xlsx")
    assert run("import", "incidents", str(tmp_path / "incidents.xlsx")).exit_code == 0
    with Session(engine) as session:
        incident = session.execute(select(Incident)).scalars().one()
    assert incident.no == "20261127-0001" and incident.received_at.hour == 1  # 09:30 in Asia/Shanghai


def test_a_refused_import_shows_nothing_as_inserted(run: Run, engine: Engine, units: None, tmp_path: Path) -> None:
    rows = [*RESOURCE_ROWS, ["XF-X1", "XF", "坦克", "x", "", "", "", ""]]
    path = write_csv(tmp_path / "resources.csv", RESOURCE_HEADER, rows)
    result = run("import", "resources", str(path), "--json")
    assert result.exit_code == 1
    summary = json_out(result)
    assert (summary["rows"], summary["inserted"], summary["updated"], summary["unchanged"]) == (4, 0, 0, 0)
    table = run("import", "resources", str(path))
    counts = next(line for line in table.stdout.splitlines() if line.count("│") >= 5)
    assert [cell.strip() for cell in counts.strip("│ ").split("│")] == ["4", "0", "0", "0", "1"]


def test_outside_text_in_a_refusal_is_shown_not_acted_on(run: Run, engine: Engine, units: None,
                                                        tmp_path: Path) -> None:
    rows = [["XF-X1", "XF\x1b[2J\x1b[H", "boat", "冲锋舟", "", "", "", ""]]
    result = run("import", "resources", str(write_csv(tmp_path / "r.csv", RESOURCE_HEADER, rows)))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "unit XF␛[2J␛[H is not on the roster" in result.stdout
