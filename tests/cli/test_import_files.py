"""Reading the files a desk receives: every encoding, both header languages, CSV, XLSX, JSONL,
and a clear refusal of whatever is not a table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, select
from sqlmodel import Session

from model.tables import Resource, Unit
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

ZH_UNIT_HEADER = ["编码", "名称", "类别", "梯队", "值班电话", "地址", "纬度", "经度", "联系人"]


def stored_units(engine: Engine) -> dict[str, Unit]:
    with Session(engine) as session:
        return {row.code: row for row in session.execute(select(Unit)).scalars()}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
@pytest.mark.parametrize("header", [UNIT_HEADER, ZH_UNIT_HEADER], ids=["english", "chinese"])
def test_csv_in_each_encoding_and_header_language_is_detected_and_read(
        run: Run, engine: Engine, tmp_path: Path, encoding: str, header: list[str]) -> None:
    path = write_csv(tmp_path / "units.csv", header, UNIT_ROWS, encoding)
    result = run("import", "units", str(path), "--json")
    assert result.exit_code == 0, result.output + result.stderr
    assert json_out(result)["inserted"] == 2
    units = stored_units(engine)
    assert units["XF"].name == "南大港消防救援大队" and units["XF"].lat == 38.5262
    assert units["GA"].kind == "police" and units["GA"].lat is None


def test_encoding_option_overrides_detection(run: Run, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "units.csv", ZH_UNIT_HEADER, UNIT_ROWS, "gbk")
    refused = run("import", "units", str(path), "--encoding", "utf-8")
    assert refused.exit_code == 1
    assert "cannot be read as utf-8" in refused.stderr
    assert run("import", "units", str(path), "--encoding", "gbk").exit_code == 0


def test_xlsx_with_chinese_headers_and_numeric_cells(run: Run, engine: Engine, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(ZH_UNIT_HEADER)
    sheet.append(["XF", "消防救援大队", "消防", 1, 5366119, None, 38.5262, 117.379, None])
    workbook.save(tmp_path / "units.xlsx")
    result = run("import", "units", str(tmp_path / "units.xlsx"))
    assert result.exit_code == 0, result.output + result.stderr
    unit = stored_units(engine)["XF"]
    assert (unit.kind, unit.tier, unit.duty_phone, unit.address) == ("fire", 1, "5366119", "")


def test_jsonl_is_detected_from_the_content_whatever_the_extension(run: Run, engine: Engine,
                                                                   tmp_path: Path) -> None:
    line = {"code": "GA", "name": "公安分局", "kind": "police", "tier": 1, "duty_phone": "110", "lat": None}
    path = tmp_path / "units.data"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n\n", encoding="utf-8")
    result = run("import", "units", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert json_out(result)["format"] == "jsonl"
    assert stored_units(engine)["GA"].name == "公安分局"


def test_jsonl_with_chinese_keys(run: Run, engine: Engine, tmp_path: Path) -> None:
    line = {"编码": "XF", "名称": "消防救援大队", "类别": "消防", "梯队": 1, "值班电话": "119", "纬度": 38.5}
    path = tmp_path / "units.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("import", "units", str(path)).exit_code == 0
    assert stored_units(engine)["XF"].lat == 38.5


def test_format_option_reads_a_csv_with_an_unusual_extension(run: Run, units: None, engine: Engine,
                                                              tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.xlsx", RESOURCE_HEADER, RESOURCE_ROWS)
    assert run("import", "resources", str(path)).exit_code == 1
    result = run("import", "resources", str(path), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    with Session(engine) as session:
        assert session.get(Resource, "XF-BT01").status == "out_of_service"  # type: ignore[union-attr]


@pytest.mark.parametrize(("content", "name", "expected"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv", "binary data"),
    (b"", "empty.csv", "is empty"),
    (b"PK\x03\x04not really a zip", "roster.xlsx", "is not an XLSX workbook"),
    (b'{"code": "XF"}\n[1, 2, 3]\n', "rows.jsonl", "line 2 is not a JSON object"),
    (b"Dear duty officer, please find the roster attached.\n", "letter.txt", "unknown column"),
])
def test_a_file_that_is_not_a_table_is_one_clear_line(run: Run, engine: Engine, tmp_path: Path, content: bytes,
                                                     name: str, expected: str) -> None:
    (tmp_path / name).write_bytes(content)
    before = entry_count(engine)
    result = run("import", "units", str(tmp_path / name))
    assert result.exit_code == 1
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output + result.stderr
    assert entry_count(engine) == before


def test_unknown_column_lists_the_expected_ones(run: Run, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "units.csv", [*UNIT_HEADER, "fax"], [[*UNIT_ROWS[0], "5366000"]])
    result = run("import", "units", str(path))
    assert result.exit_code == 1
    assert "unknown column 'fax'" in result.stderr
    assert "duty_phone 值班电话 (required)" in result.stderr and "contact 联系人" in result.stderr


def test_missing_required_column_is_named(run: Run, tmp_path: Path) -> None:
    header = [column for column in UNIT_HEADER if column != "duty_phone"]
    rows = [[cell for column, cell in zip(UNIT_HEADER, row, strict=True) if column != "duty_phone"]
            for row in UNIT_ROWS]
    result = run("import", "units", str(write_csv(tmp_path / "units.csv", header, rows)))
    assert result.exit_code == 1
    assert "missing required column duty_phone 值班电话" in result.stderr
