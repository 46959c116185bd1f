"""`linkdesk plans check|list|schema` as a plan author uses them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from console.cli import app, main

BAD = Path(__file__).resolve().parent.parent / "data" / "plans"
runner = CliRunner()


def test_check_passes_on_the_shipped_plans() -> None:
    result = runner.invoke(app, ["plans", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: 9 plan file(s) checked")


def test_check_reports_every_error_in_every_file_and_exits_1() -> None:
    result = runner.invoke(app, ["plans", "check", str(BAD), str(BAD / "valid.yaml")])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 8
    assert f"{BAD / 'negative_deadline.yaml'}:18:27: levels.IV.steps[1].deadline_minutes: " in result.stdout
    assert f"{BAD / 'syntax_error.yaml'}:17:20: (plan): YAML syntax" in result.stdout
    assert result.stderr.strip() == "8 error(s) in 8 of 9 plan file(s)"


def test_check_of_a_missing_path_says_so_in_one_line() -> None:
    result = runner.invoke(app, ["plans", "check", "no/such/plan.yaml"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "linkdesk: no such plan file or folder: no/such/plan.yaml"


def test_list_shows_id_title_types_and_levels_in_the_language_of_the_desk() -> None:
    result = runner.invoke(app, ["plans", "list"])
    assert result.exit_code == 0, result.output
    leak = next(line for line in result.output.splitlines() if line.startswith("hazardous_chemical_leak"))
    assert "Hazardous chemical leak at a chemical enterprise" in leak and "IV/III/II" in leak


def test_list_in_chinese_shows_the_chinese_title_and_type_names(chinese: None) -> None:
    result = runner.invoke(app, ["plans", "list"])
    assert result.exit_code == 0, result.output
    leak = next(line for line in result.output.splitlines() if line.startswith("hazardous_chemical_leak"))
    assert "化工企业危险化学品泄漏事故专项应急预案" in leak and "危险化学品泄漏" in leak and "IV/III/II" in leak
    assert len(result.output.splitlines()) == 9


def test_schema_is_json_that_describes_the_plan_format() -> None:
    result = runner.invoke(app, ["plans", "schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    assert schema["title"] == "Plan" and "Step" in schema["$defs"]
    assert schema["$defs"]["Step"]["properties"]["deadline_minutes"]["minimum"] == 0


def test_the_linkdesk_script_exits_1_on_a_broken_plan(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["linkdesk", "plans", "check", str(BAD / "negative_deadline.yaml")])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    assert "negative_deadline.yaml:18:27: levels.IV.steps[1].deadline_minutes" in capsys.readouterr().out
