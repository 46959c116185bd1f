"""`linkdesk warnings …` run through the real entry point: what a monitoring script sees."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import xmlschema

from console.cli import main
from model import cap, clock

Run = Callable[..., tuple[int, str, str]]
NS = {"cap": cap.CAP_NAMESPACE}
ISSUE = ["warnings", "issue", "--level", "red", "--type", "暴雨", "--area", "南大港全区",
         "--text", "预计未来3小时降雨量将达100毫米以上"]


@pytest.fixture
def linkdesk(ledger: Path | str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
             frozen_clock: datetime) -> Run:
    """Run `linkdesk --db LEDGER ARGS…` in-process; give back exit code, stdout and stderr."""
    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["linkdesk", "--db", str(ledger), *args])
        try:
            main()
            code: Any = 0
        except SystemExit as done:
            code = done.code
        captured = capsys.readouterr()
        return int(code or 0), captured.out, captured.err
    return run


def ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 0, err
    return out


def listed(linkdesk: Run) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(ok(linkdesk("warnings", "list", "--json")))
    return records


def test_issue_update_lift_export_valid_chain(linkdesk: Run, tmp_path: Path,
                                              cap_schema: xmlschema.XMLSchema) -> None:
    warning_id = ok(linkdesk(*ISSUE, "--expires", "2026-11-28 16:00", "--text-en", "Heavy rain")).strip()
    assert warning_id.isdigit()
    exports = [ok(linkdesk("warnings", "export", warning_id))]
    with clock.frozen(clock.now() + timedelta(minutes=20)):
        assert "revision 2" in ok(linkdesk("warnings", "update", warning_id, "--level", "orange",
                                           "--geometry", "circle:38.45,117.32 5"))
    exports.append(ok(linkdesk("warnings", "export", warning_id)))
    with clock.frozen(clock.now() + timedelta(hours=1)):
        ok(linkdesk("warnings", "lift", warning_id, "--reason", "降雨减弱"))
    target = tmp_path / "cancel.xml"
    assert "Cancel" in ok(linkdesk("warnings", "export", warning_id, "-o", str(target)))
    exports.append(target.read_text(encoding="utf-8"))

    for document in exports:
        cap_schema.validate(document)
    alerts = [ET.fromstring(document.encode("utf-8")) for document in exports]
    assert [alert.findtext("cap:msgType", namespaces=NS) for alert in alerts] == ["Alert", "Update", "Cancel"]
    assert [alert.findtext("cap:sent", namespaces=NS) for alert in alerts] == [
        "2026-11-28T10:00:00+08:00", "2026-11-28T10:20:00+08:00", "2026-11-28T11:00:00+08:00"]
    first_id = alerts[0].findtext("cap:identifier", namespaces=NS)
    assert f",{first_id},2026-11-28T10:00:00+08:00" in (alerts[2].findtext("cap:references", namespaces=NS) or "")
    update_info = alerts[1].find("cap:info", NS)
    assert update_info is not None
    assert update_info.findtext("cap:severity", namespaces=NS) == "Severe"
    assert update_info.findtext("cap:expires", namespaces=NS) == "2026-11-28T16:00:00+08:00"
    assert update_info.findtext("cap:area/cap:circle", namespaces=NS) == "38.45,117.32 5.0"
    assert len(alerts[1].findall("cap:info", NS)) == 2


def test_lifting_twice_is_refused_in_one_line(linkdesk: Run) -> None:
    warning_id = ok(linkdesk(*ISSUE)).strip()
    ok(linkdesk("warnings", "lift", warning_id))
    code, out, err = linkdesk("warnings", "lift", warning_id)
    assert code == 1 and out == ""
    assert err == f"linkdesk: warning {warning_id} was already lifted at 28 Nov 2026 10:00\n"


def test_expired_warning_is_listed_after_those_in_force(linkdesk: Run, frozen_clock: datetime) -> None:
    short = ok(linkdesk(*ISSUE, "--level", "blue", "--expires", "2026-11-28 11:00")).strip()
    lasting = ok(linkdesk(*ISSUE, "--level", "yellow")).strip()
    assert {record["id"]: record["status"] for record in listed(linkdesk)} == {
        int(short): "in_force", int(lasting): "in_force"}
    with clock.frozen(frozen_clock + timedelta(hours=2)):
        records = listed(linkdesk)
    assert [(record["id"], record["status"]) for record in records] == [
        (int(lasting), "in_force"), (int(short), "expired")]
    assert records[1]["expires_at"] == "2026-11-28T11:00:00+08:00"
    assert records[1]["level"] == "blue" and records[1]["text_zh"].startswith("预计")


def test_drill_is_exported_as_exercise(linkdesk: Run, cap_schema: xmlschema.XMLSchema) -> None:
    warning_id = ok(linkdesk(*ISSUE, "--drill")).strip()
    document = ok(linkdesk("warnings", "export", warning_id))
    cap_schema.validate(document)
    assert ET.fromstring(document.encode("utf-8")).findtext("cap:status", namespaces=NS) == "Exercise"
    assert listed(linkdesk)[0]["is_drill"] is True


@pytest.mark.parametrize(("extra", "named"), [
    (["--level", "purple"], "--level: unknown warning colour 'purple'"),
    (["--expires", "tomorrow"], "--expires: cannot read the time 'tomorrow'"),
    (["--expires", "2026-11-28 09:00"], "must expire after it takes effect"),
    (["--geometry", "polygon:1,2 3,4"], "--geometry: a polygon needs at least 4 points"),
    (["--incident", "20261128-0099"], "incident 20261128-0099 does not exist"),
])
def test_bad_input_names_the_option_and_records_nothing(linkdesk: Run, extra: list[str], named: str) -> None:
    code, out, err = linkdesk(*ISSUE, *extra)
    assert code == 1 and out == ""
    assert named in err and err.count("\n") == 1 and "Traceback" not in err
    assert listed(linkdesk) == []


def test_unknown_warning_is_refused(linkdesk: Run) -> None:
    for command in (["export", "7"], ["lift", "7"], ["update", "7", "--level", "red"]):
        code, _out, err = linkdesk("warnings", *command)
        assert (code, err) == (1, "linkdesk: warning 7 does not exist\n")
