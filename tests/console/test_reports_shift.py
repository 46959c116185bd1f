"""The shift report's figures, lists and files, on a ledger whose every time is known."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from rich.cells import cell_len
from sqlalchemy import Engine

from console.reports import write_shift_report
from console.reports.figures import Durations
from console.reports.labels import Labels
from console.reports.pdf import render_pdf
from console.reports.shift_layout import shift_document
from console.reports.text import render_text
from model import actions, clock
from model.config import load_config
from model.db import read_session, write_session
from model.shift_report import ShiftReport, gather_shift, resolve_period
from tests.console.conftest import HANDOVER, PRINTED, SHIFT_START
from tests.console.pdf_text import pdf_text as whole_pdf_text


def shift_report(engine: Engine, *, include_drills: bool = False) -> ShiftReport:
    with clock.frozen(PRINTED), read_session(engine) as session:
        return gather_shift(session, resolve_period(session, shift_id=1), include_drills=include_drills)


def pdf_text(data: bytes) -> str:
    """The text of every page; pypdf decodes fpdf2's two-byte ToUnicode map with a NUL before each
    character, which pdftotext does not, so NULs are dropped."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages).replace("\x00", "")


def test_figures_are_exact_and_leave_the_drill_out(seeded_shift: Engine) -> None:
    report = shift_report(seeded_shift)
    assert (report.period.start, report.period.end) == (SHIFT_START, HANDOVER)
    assert report.officers == ("值班员 甲", "值班员 乙") and report.handed_to == "值班员 丙"
    assert dict(report.reports_by_channel) == {"119": 2, "110": 1}
    assert dict(report.reports_by_type) == {"fire": 2, "traffic_accident": 1}
    assert dict(report.incidents_by_level) == {"III": 1, "IV": 1, None: 1}
    assert report.dispatches == 4 and report.drills_left_out == 1
    # receive→first dispatch: 90, 120, 300 s. Median 120; nearest rank ceil(0.9*3)=3rd → 300.
    assert report.receive_to_dispatch == Durations(3, 120, 300)
    # dispatch→ack: 30, 45, 60, 90 s. Median (45+60)/2 = 52.5; ceil(0.9*4)=4th → 90.
    assert report.dispatch_to_acknowledged == Durations(4, 52.5, 90)
    # dispatch→on scene: 300, 600 s. Median 450; ceil(0.9*2)=2nd → 600.
    assert report.dispatch_to_on_scene == Durations(2, 450, 600)
    assert [count for _, count in report.reports_per_hour] == [3, 0, 0, 0]


def test_include_drills_counts_them_and_the_table_always_marks_them(seeded_shift: Engine) -> None:
    report = shift_report(seeded_shift, include_drills=True)
    assert dict(report.reports_by_channel)["system"] == 1 and report.drills_left_out == 0
    drills = [line for line in shift_report(seeded_shift).incidents if line.is_drill]
    assert [line.description for line in drills] == ["防汛演练：北堤管涌"]
    assert "【演练】" in render_text(shift_document(shift_report(seeded_shift), Labels("zh")))


def test_open_work_at_the_handover(seeded_shift: Engine) -> None:
    report = shift_report(seeded_shift)
    assert [(line.step_id, line.overdue) for line in report.pending_steps] == [
        ("cordon", True), ("evacuate", False)], "the approval settled the step that only waited for it"
    assert [line.step_id for line in report.awaited_approvals] == ["evacuate"]
    assert [(line.code, line.reason) for line in report.out_of_service] == [("E5", "水泵检修")]
    assert report.handover_notes == ("北堤需继续巡查；E5 水泵待修",)


def test_a_later_change_does_not_rewrite_a_past_shift(seeded_shift: Engine) -> None:
    with clock.frozen(PRINTED), write_session(seeded_shift) as session:
        actions.set_resource_status(session=session, operator="x", resource_code="E5", status="available",
                                    happened_at=PRINTED)
        actions.record_step_state(session=session, operator="x", incident_no="20261128-0001", step_id="cordon",
                                  state="done", happened_at=PRINTED)
    report = shift_report(seeded_shift)
    assert [line.code for line in report.out_of_service] == ["E5"]
    assert "cordon" in [line.step_id for line in report.pending_steps]


def test_pdf_carries_the_chinese_incident_text_and_the_counts(seeded_shift: Engine) -> None:
    text = pdf_text(render_pdf(shift_document(shift_report(seeded_shift), Labels("zh"))))
    assert "仓库起火，浓烟很大" in text and "港城路1号仓库" in text
    assert "接报总数：3" in text.replace(" ", "") and "调派次数：4" in text.replace(" ", "")
    assert "第 1 页 / 共" in text and "交班人（签字）" in text and "接班人（签字）" in text


def test_an_empty_shift_gives_a_valid_report_that_says_so(engine: Engine, tmp_path: Path) -> None:
    with clock.frozen(SHIFT_START + timedelta(hours=1)):
        with write_session(engine) as session:
            actions.start_shift(session=session, operator="甲", name="夜班", officers=["甲"], happened_at=SHIFT_START)
        path = write_shift_report(engine, output=tmp_path / "empty.pdf")
    text = pdf_text(path.read_bytes())
    assert "本班次无接报、无事件处置记录" in text and "接报总数：0" in text.replace(" ", "")


def test_text_columns_line_up_with_chinese(seeded_shift: Engine) -> None:
    lines = render_text(shift_document(shift_report(seeded_shift), Labels("zh"))).splitlines()
    header = next(index for index, line in enumerate(lines) if line.startswith("按事件类型"))
    rows = [lines[header], lines[header + 2], lines[header + 3]]
    assert [row.split()[0] for row in rows] == ["按事件类型", "火灾", "交通事故"]
    count_starts = {cell_len(row[:row.rstrip().rindex(" ") + 1]) for row in rows}
    assert len(count_starts) == 1, rows


def test_written_files_in_every_format(seeded_shift: Engine, tmp_path: Path) -> None:
    with clock.frozen(PRINTED):
        html = write_shift_report(seeded_shift, fmt="html", output=tmp_path / "r.html").read_text(encoding="utf-8")
        english = write_shift_report(seeded_shift, fmt="txt", output=tmp_path / "r.txt",
                                     lang="en").read_text(encoding="utf-8")
    assert "@page" in html and "仓库起火，浓烟很大" in html and "<script" not in html
    assert "Shift handover report" in english and "Reports received" in english


def test_an_english_report_gives_the_plans_english_step_texts(demo_ledger: Path | str) -> None:
    """The chemical leak plan gives its steps in English too: an English report prints those, a
    Chinese one the Chinese; a step its plan gives only in Chinese keeps it in either."""
    from model.db import ledger_url, open_ledger
    from tests.conftest import FROZEN_AT

    engine = open_ledger(ledger_url(demo_ledger))
    with clock.frozen(FROZEN_AT), read_session(engine) as session:
        period = resolve_period(session)
        english = {(line.incident_no, line.step_id): line.text
                   for line in gather_shift(session, period, lang="en").pending_steps}
        chinese = {(line.incident_no, line.step_id): line.text
                   for line in gather_shift(session, period, lang="zh").pending_steps}
    engine.dispose()
    leak = next(number for number, step in english if step == "notify_safety")
    assert english[(leak, "notify_safety")].startswith("Notify emergency management")
    assert chinese[(leak, "notify_safety")] == "通知应急管理（安监）部门到场指导企业处置"
    assert english[(leak, "closing-1")] == chinese[(leak, "closing-1")] == "泄漏源已切断"


ROLES = {"call_taker": "接警员", "dispatcher": "调度员", "duty_officer": "值班员", "shift_leader": "带班领导",
         "hazmat_watch": "危化品专项值守员", "flood_watch": "防汛抗旱值守员", "liaison": "联络员",
         "press_officer": "新闻发布员"}
"""A center's roles, some long: every officer holds all of them (no roster listed)."""
SEATED = ("欧阳娜娜（市应急管理局借调至南大港管理区应急联动中心，负责危险化学品与防汛抗旱专项工作）",
          "司马长风（南大港管理区应急联动中心）", "root")


@pytest.fixture
def seated_with_many_roles(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """Three officers at three seats, each holding eight roles, one with a name that takes most of a line."""
    center = tmp_path / "center.yaml"
    center.write_text("roles:\n" + "".join(f"  - {{code: {code}, zh: {zh}, en: {code}}}\n"
                                          for code, zh in ROLES.items()), encoding="utf-8")
    monkeypatch.setenv("LINKDESK_CONFIG", str(center))
    load_config.cache_clear()
    with clock.frozen(SHIFT_START + timedelta(hours=1)), write_session(engine) as session:
        actions.start_shift(session=session, operator=SEATED[0], name="白班", officers=list(SEATED),
                            happened_at=SHIFT_START)
        for officer, seat in zip(SEATED, ("duty", "dispatch", "leader"), strict=True):
            actions.sign_in(session=session, operator=officer, seat=seat,
                            happened_at=SHIFT_START + timedelta(minutes=5))
    yield engine
    monkeypatch.delenv("LINKDESK_CONFIG")
    load_config.cache_clear()


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_the_roles_cell_breaks_between_role_names_never_inside_one(seated_with_many_roles: Engine, tmp_path: Path,
                                                                    fmt: str) -> None:
    """Eight roles do not fit the Roles column on one line: the cell takes more lines, each breaking after a
    、, so every role name of every sign-in reads whole on the page (带班领导, never 带班领 then 导)."""
    with clock.frozen(SHIFT_START + timedelta(hours=2)):
        path = write_shift_report(seated_with_many_roles, fmt=fmt, output=tmp_path / f"shift.{fmt}", lang="zh",
                                  shift_id=1)
    text = path.read_text(encoding="utf-8") if fmt == "txt" else whole_pdf_text(path)
    seats = text[text.index("席位签到"):text.index("统计数字")]
    for name in ROLES.values():
        assert seats.count(name) == len(SEATED), (name, seats)
    role_lines = [line for line in seats.splitlines() if "、" in line]
    assert len(role_lines) > len(SEATED), "the roles took more than a line each: the test wraps them"


def test_the_html_report_keeps_each_role_name_on_one_line(seated_with_many_roles: Engine, tmp_path: Path) -> None:
    """In HTML the browser lays out the cell: each role name is held together, the line may break after its 、."""
    with clock.frozen(SHIFT_START + timedelta(hours=2)):
        html = write_shift_report(seated_with_many_roles, fmt="html", output=tmp_path / "shift.html", lang="zh",
                                  shift_id=1).read_text(encoding="utf-8")
    assert "、<wbr>".join(f'<span class="name">{name}</span>' for name in ROLES.values()) in html
    assert ".name { white-space: nowrap; }" in html


OFFICERS = ("值班员 王磊（南大港管理区应急联动中心）", "欧阳娜娜（市应急管理局借调）", "司马长风（防汛抗旱专项值守）",
            "Wang Lei (Nandagang Linkage Center)", "Ouyang Nana (seconded from the city)",
            "Sima Changfeng (flood watch)")
"""Officers whose names, joined, take three lines or more: Chinese, and English names with spaces in them."""


@pytest.mark.parametrize(("fmt", "lang"), [("txt", "zh"), ("txt", "en"), ("pdf", "zh"), ("pdf", "en")])
def test_the_officers_on_duty_break_between_names_never_inside_one(engine: Engine, tmp_path: Path, fmt: str,
                                                                   lang: str) -> None:
    """The officers on duty do not fit one line: the line breaks after a name and its 、 (or comma), so every
    name reads whole on one line of the page, the one the officer signs for (值班员 王磊, never 值班员 then 王磊)."""
    with clock.frozen(SHIFT_START + timedelta(hours=1)):
        with write_session(engine) as session:
            actions.start_shift(session=session, operator=OFFICERS[0], name="白班", officers=list(OFFICERS),
                                happened_at=SHIFT_START)
        path = write_shift_report(engine, fmt=fmt, output=tmp_path / f"shift.{fmt}", lang=lang, shift_id=1)
    text = path.read_text(encoding="utf-8") if fmt == "txt" else whole_pdf_text(path)
    labels = Labels(lang)
    duty = text[text.index(labels("officers")):text.index(labels("handed_to"))]
    lines = [line.strip() for line in duty.splitlines() if line.strip()]
    assert len(lines) > 1, "the names took more than a line: the test wraps them"
    for name in OFFICERS:
        assert any(name in line for line in lines), (name, lines)


def test_the_html_report_keeps_each_officer_name_on_one_line(engine: Engine, tmp_path: Path) -> None:
    """In HTML each officer's name is held together; the line may break after its 、."""
    with clock.frozen(SHIFT_START + timedelta(hours=1)):
        with write_session(engine) as session:
            actions.start_shift(session=session, operator=OFFICERS[0], name="白班", officers=list(OFFICERS),
                                happened_at=SHIFT_START)
        html = write_shift_report(engine, fmt="html", output=tmp_path / "shift.html", lang="zh",
                                  shift_id=1).read_text(encoding="utf-8")
    assert "、<wbr>".join(f'<span class="name">{name}</span>' for name in OFFICERS) in html
