"""The scenario format: the samples pass; every kind of mistake is named at its file:line:column."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.drills import DRILLS_DIR, check_paths, check_text, load_scenario

GOOD = """\
id: small
title_zh: 小型演练
title_en: Small drill
duration: 30
injects:
  - key: fire
    at: 0
    kind: report
    channel: "119"
    type: fire
    address: 港城路1号
  - at: 5
    kind: feedback
    incident: fire
    unit: XF
    text: 到场
expect:
  - {action: verify, incident: fire, within: 3}
"""


def errors_of(text: str) -> list[str]:
    return [str(error) for error in check_text(text, "s.yaml")[1]]


def test_both_sample_scenarios_check_clean_and_read_in_chinese() -> None:
    files, errors = check_paths([DRILLS_DIR])
    assert len(files) == 2 and errors == []
    titles = {load_scenario(path).title_zh for path in files}
    assert titles == {"化工园区液氯储罐泄漏应急演练（III级升II级）", "暴雨预警及积水路段交通事故应急演练"}


def test_a_good_scenario_has_no_errors() -> None:
    assert errors_of(GOOD) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("    channel: \"119\"", "    channel: \"999\""), "s.yaml:9:14: injects[0].channel: unknown channel '999'"),
    (("    text: 到场", "    text: 到场\n    colour: red"), "s.yaml:17:5: injects[1].colour: unknown field"),
    (("    kind: feedback", "    kind: gossip"), "s.yaml:13:11: injects[1].kind: an inject's kind is one of report"),
    (("    incident: fire", "    incident: smoke"),
     "s.yaml:14:15: injects[1].incident: no report inject has the key 'smoke'"),
    (("  - at: 5", "  - at: 45"), "s.yaml:12:9: injects[1].at: the inject comes at minute 45, after the drill ends"),
    (("{action: verify, incident: fire, within: 3}", "{action: grade, incident: fire, within: 3}"),
     "s.yaml:18:5: expect[0]: a grade expectation names the level expected"),
    (("within: 3}", "within: 3, after: later}"), "s.yaml:18:56: expect[0].after: `after` is `start` or an inject key"),
    (("duration: 30", "duration: thirty"), "s.yaml:4:11: duration: Input should be a valid integer"),
    (("  - key: fire\n", "  - key: fire\n    key: fire\n"),
     "s.yaml:7:5: injects[0].key: duplicate key (first at line 6)"),
    (("expect:\n", "expect:\n  - {action: step, incident: fire, step: no_such_step, within: 5}\n"),
     "s.yaml:18:42: expect[0].step: unknown step of plan fire 'no_such_step'"),
])
def test_each_mistake_is_named_at_its_line_and_column(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    found = errors_of(GOOD.replace(old, new, 1))
    assert any(error.startswith(expected) for error in found), found


def test_a_broken_yaml_file_and_an_empty_one(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    _, errors = check_paths([tmp_path])
    shown = [str(error) for error in errors]
    assert shown[0].startswith(f"{tmp_path / 'broken.yaml'}:2:1: (scenario): YAML syntax")
    assert shown[1] == f"{tmp_path / 'empty.yaml'}:1:1: (scenario): the file is empty"
