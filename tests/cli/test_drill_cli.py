"""`linkdesk drill …` and the two reports, as a user runs them: check, a short real-clock run, list,
the drill report in PDF/HTML/TXT in Chinese and English with hostile text from the scenario, and
the demo month's assessment listing every unit."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from model.demo import DATA_DIR
from tests.cli.conftest import Run
from tests.console.pdf_text import pages_text

HOSTILE = """\
id: hostile
title_zh: "演练\\u202e标题[bold red]x[/]"
title_en: "Drill \\x1b[2J title"
duration: 20
injects:
  - key: fire
    at: 0
    kind: report
    channel: "119"
    type: fire
    address: "港城路\\u202e1号 [link=http://x]y[/link]"
    description: "起火\\x07 <script>alert(1)</script>"
  - {at: 2, kind: escalation, incident: fire, requested_by: "<b>指挥部</b>", level: III,
     text: "请求\\x1b]0;owned\\x07提级"}
expect:
  - {action: verify, incident: fire, within: 3, title: "核实\\u202e <i>火情</i>"}
  - {action: report_upward, incident: fire, report: initial, within: 10}
"""


@pytest.fixture
def demo_db(ledger: Path | str, demo_ledger: Path | str) -> Path | str:
    """The demo on this test's ledger, the one `run` works on (either backend; `linkdesk demo` itself
    seeds only a file of its own, tests/cli/test_ledger_cli.py): `ledger` comes first, and the demo
    is copied over it, to the same file or into the same database."""
    assert str(demo_ledger) == str(ledger)
    return demo_ledger


def test_drill_check_passes_the_samples_and_names_errors(run: Run, tmp_path: Path) -> None:
    result = run("drill", "check")
    assert result.exit_code == 0 and "2 scenario file(s) checked" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(HOSTILE.replace('channel: "119"', 'channel: "999"'), encoding="utf-8")
    result = run("drill", "check", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:9:14: injects[0].channel: unknown channel '999'" in result.stdout
    assert "1 error(s) in 1 of 1 scenario file(s)" in result.stderr
    assert run("drill", "check", str(tmp_path / "none.yaml")).exit_code == 1


def test_a_hostile_scenario_runs_and_its_report_prints_in_both_languages(run: Run, demo_db: Path,
                                                                          tmp_path: Path) -> None:
    scenario = tmp_path / "hostile.yaml"
    scenario.write_text(HOSTILE, encoding="utf-8")
    result = run("drill", "run", str(scenario), "--speed", "12000")
    assert result.exit_code == 0, result.output + result.stderr
    assert "\x1b" not in result.stdout and "inject 2: request to escalate" in result.stdout
    drill_id = result.stdout.split("drill ", 1)[1].split(" ", 1)[0]
    listed = run("drill", "list")
    assert drill_id in listed.stdout and "finished" in listed.stdout and "\u202e" not in listed.stdout
    for lang in ("zh", "en"):
        for fmt in ("pdf", "html", "txt"):
            out = tmp_path / f"drill-{lang}.{fmt}"
            done = run("report", "drill", drill_id, "--format", fmt, "--lang", lang, "-o", str(out))
            assert done.exit_code == 0, done.output + done.stderr
    text = (tmp_path / "drill-zh.txt").read_text(encoding="utf-8")
    assert "演练评估报告" in text and "得分 0（满分 100）" in text and "⟨U+202E⟩" in text
    assert "\x1b" not in text and "\u202e" not in text and "未完成" in text
    english = (tmp_path / "drill-en.txt").read_text(encoding="utf-8")
    assert "Drill assessment report" in english and "Drill ␛[2J title" in english
    html = (tmp_path / "drill-zh.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;i&gt;火情&lt;/i&gt;" in html
    pdf = "\n".join(pages_text(tmp_path / "drill-zh.pdf"))
    assert "演练评估报告" in pdf and "时间轴" in pdf and "<U+202E>" in pdf
    assert "Drill timeline" in "\n".join(pages_text(tmp_path / "drill-en.pdf"))


def test_the_demo_months_assessment_lists_every_unit(run: Run, demo_db: Path, tmp_path: Path) -> None:
    units = [row["name"] for row in csv.DictReader((DATA_DIR / "units.csv").open(encoding="utf-8"))]
    for lang in ("zh", "en"):
        out = tmp_path / f"assessment-{lang}.pdf"
        result = run("report", "assessment", "--month", "2026-11", "--lang", lang, "-o", str(out))
        assert result.exit_code == 0, result.output + result.stderr
    pdf = "\n".join(pages_text(tmp_path / "assessment-zh.pdf"))
    assert "2026-11 月度考核" in pdf and "各单位接收指令数" in pdf
    assert all(name in pdf.replace("\n", "") for name in units), [name for name in units if name not in pdf]
    text_out = tmp_path / "assessment.txt"
    assert run("report", "assessment", "--month", "2026-11", "--format", "txt", "-o", str(text_out)).exit_code == 0
    text = text_out.read_text(encoding="utf-8")
    assert "Real incidents received：           4" in text or "Real incidents received" in text
    refused = run("report", "assessment", "--month", "November")
    assert refused.exit_code == 1 and "'November' is not a month" in str(refused.exception)
