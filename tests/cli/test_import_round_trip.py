"""What export writes, import reads back unchanged, in every format and for every kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from console.cli import app
from tests.cli.conftest import RESOURCE_HEADER, RESOURCE_ROWS, Run, json_out, write_csv
from tests.cli.test_import_rows import INCIDENT_HEADER, INCIDENT_ROWS

KINDS = ("units", "resources", "experts", "materials", "incidents")


@pytest.fixture
def full_ledger(run: Run, units: None, tmp_path: Path) -> None:
    files = {
        "resources": write_csv(tmp_path / "r.csv", RESOURCE_HEADER, RESOURCE_ROWS),
        "experts": write_csv(tmp_path / "e.csv", ["name", "field", "phone", "unit", "title"],
                             [["田国华", "chemical", "13903170101", "XF", "高级工程师"],
                              ["韩雪", "medical", "139", "", ""]]),
        "materials": write_csv(tmp_path / "m.csv", ["item", "unit", "quantity", "location"],
                               [["沙袋", "GA", "500", ""], ["呼吸器", "XF", "12.5", "库房, 二层"]]),
        "incidents": write_csv(tmp_path / "i.csv", INCIDENT_HEADER, INCIDENT_ROWS),
    }
    for kind, path in files.items():
        result = run("import", kind, str(path))
        assert result.exit_code == 0, result.output + result.stderr


@pytest.mark.parametrize("format", ["csv", "xlsx", "jsonl"])
def test_export_then_import_changes_nothing(run: Run, full_ledger: None, tmp_path: Path, format: str) -> None:
    for kind in KINDS:
        path = tmp_path / f"{kind}.{format}"
        exported = run("export", kind, "--format", format, "-o", str(path))
        assert exported.exit_code == 0, exported.stderr
        result = run("import", kind, str(path), "--json")
        assert result.exit_code == 0, result.stdout + result.stderr
        summary = json_out(result)
        assert (summary["inserted"], summary["updated"], summary["ledger_seq"]) == (0, 0, None), kind
        assert summary["unchanged"] == summary["rows"] > 0


@pytest.mark.parametrize("format", ["csv", "jsonl"])
def test_an_export_imported_into_a_new_ledger_exports_the_same(run: Run, full_ledger: None, tmp_path: Path,
                                                                format: str) -> None:
    fresh = CliRunner()
    other = ["--db", str(tmp_path / "other.db")]
    for kind in KINDS:
        first = run("export", kind, "--format", format)
        assert first.exit_code == 0, first.stderr
        path = tmp_path / f"{kind}.{format}"
        path.write_text(first.stdout, encoding="utf-8")
        imported = fresh.invoke(app, [*other, "import", kind, str(path)])
        assert imported.exit_code == 0, imported.stdout + imported.stderr
        again = fresh.invoke(app, [*other, "export", kind, "--format", format])
        assert again.stdout == first.stdout, kind
    assert fresh.invoke(app, [*other, "ledger", "verify"]).exit_code == 0


def test_xlsx_export_needs_a_file(run: Run) -> None:
    result = run("export", "units", "--format", "xlsx")
    assert result.exit_code == 1
    assert "needs a file" in result.stderr
