"""Reports upward come in sequence with their due times, and are drafted from the record."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from model import actions, demo, upward
from model.plans import PLANS_DIR, load_plan
from tests.model.conftest import OPERATOR, report

LEAK_PLAN = PLANS_DIR / "hazardous_chemical_leak.yaml"


def _leak(engine: Engine, session: Session, level: str) -> str:
    demo.load_roster(engine)
    row = actions.receive_report(session=session, operator=OPERATOR, report=report(
        type="hazardous_chemical_leak", injured=2, address="化工园区纬三路", description="液氯泄漏"))
    actions.verify(session=session, operator=OPERATOR, incident_no=row.no, method="call_back")
    actions.grade(session=session, operator=OPERATOR, incident_no=row.no, level=level)
    return row.no


def test_the_first_report_is_due_by_the_configured_deadline_of_the_level(
        engine: Engine, session: Session, frozen_clock: datetime) -> None:
    no = _leak(engine, session, "II")
    due = upward.next_report(session, no, frozen_clock)
    assert due is not None
    assert (due.kind, due.title, due.due_at, due.written_due_at) == (
        "initial", "initial report", frozen_clock + timedelta(minutes=30), frozen_clock + timedelta(minutes=60))
    late = upward.next_report(session, no, frozen_clock + timedelta(minutes=31))
    assert late is not None and late.overdue
    assert [item.incident_no for item in upward.reports_due(session, frozen_clock)] == [no]


def test_follow_ups_are_numbered_and_the_plan_gives_their_due_time(
        engine: Engine, session: Session, frozen_clock: datetime, chinese: None) -> None:
    no = _leak(engine, session, "III")
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=no, plan=load_plan(LEAK_PLAN))
    first = upward.next_report(session, no, frozen_clock)
    assert first is not None and first.due_at == frozen_clock + timedelta(minutes=30), "the plan's initial_report step"
    actions.report_upward(session=session, operator=OPERATOR, incident_no=no, kind="initial", recipient="管委会",
                          channel="phone", text="首报")
    second = upward.next_report(session, no, frozen_clock)
    assert second is not None and (second.kind, second.title) == ("follow_up", "续报一")
    assert second.due_at == frozen_clock + timedelta(minutes=60), "the plan's recurring follow-up step"
    actions.report_upward(session=session, operator=OPERATOR, incident_no=no, kind="follow_up", recipient="管委会",
                          channel="phone", text="续报")
    third = upward.next_report(session, no, frozen_clock)
    assert third is not None and third.title == "续报二"
    assert [item.title for item in upward.sent(session, no)] == ["首报", "续报一"]


def test_the_draft_tells_the_record_in_the_desks_language(
        engine: Engine, session: Session, frozen_clock: datetime, chinese: None) -> None:
    no = _leak(engine, session, "III")
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=no, plan=load_plan(LEAK_PLAN))
    actions.open_command_post(session=session, operator=OPERATOR, incident_no=no, commander="刘强",
                              location="纬三路上风向", phone="13800005555")
    text = upward.draft(session, no, "initial", frozen_clock, reporter="李娜")
    for expected in ("首报", "化工园区纬三路", "液氯泄漏", "死亡0人，受伤2人", "III 较大", "刘强", "13800005555",
                     "在上风向安全区域开设现场指挥部", "下一步工作", "报告人：李娜"):
        assert expected in text, expected
    assert "command_post" not in text and "hazardous_chemical_leak" not in text
