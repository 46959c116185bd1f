"""Activating a plan turns its level into a checklist; regrades, approvals and rounds move it on."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session

from model import actions, clock, ledger
from model.checklist import step_views
from model.errors import DomainError
from model.plans import PLANS_DIR, Plan, load_plan
from model.tables import Incident, StepState
from tests.model.conftest import OPERATOR, entries, last_entry, report

LEAK_PLAN = PLANS_DIR / "hazardous_chemical_leak.yaml"


@pytest.fixture
def plan() -> Plan:
    return load_plan(LEAK_PLAN)


@pytest.fixture
def graded(session: Session, frozen_clock: datetime) -> Incident:
    row = actions.receive_report(session=session, operator=OPERATOR, report=report(type="hazardous_chemical_leak"))
    actions.verify(session=session, operator=OPERATOR, incident_no=row.no)
    return actions.grade(session=session, operator=OPERATOR, incident_no=row.no, level="III")


def views(session: Session, no: str, now: datetime | None = None) -> dict[str, Any]:
    return {view.step_id: view for view in step_views(session, no, now or clock.now())}


def test_activation_creates_the_level_checklist_with_due_times(session: Session, graded: Incident, plan: Plan,
                                                               frozen_clock: datetime) -> None:
    before = len(entries(session))
    activation = actions.activate_plan(session=session, operator=OPERATOR, incident_no=graded.no, plan=plan)
    assert len(entries(session)) == before + 1
    entry, payload = last_entry(session)
    assert entry.kind == "plan_activated" and payload["facts"]["hash"] == activation.content_hash
    assert (activation.plan_id, activation.plan_version, activation.level) == (plan.id, plan.version, "III")
    assert activation.plan_text == LEAK_PLAN.read_text(encoding="utf-8")
    incident = session.get(Incident, graded.no)
    assert incident is not None and incident.state == "active" and incident.activated_at == frozen_clock
    shown = views(session, graded.no)
    expected = {item.step.id: item for item in plan.steps_for("III")}
    assert set(expected) < set(shown)
    for step_id, item in expected.items():
        minutes = item.step.deadline_minutes if item.step.deadline_minutes is not None else item.step.every_minutes
        assert shown[step_id].due_at == frozen_clock + timedelta(minutes=minutes or 0), step_id
        assert shown[step_id].level == item.level and shown[step_id].effects == item.step.effects()
    assert not any(item.step.id in shown for item in plan.steps_for("II") if item.level == "II")
    closing = [view for view in shown.values() if view.effects.get("closing")]
    assert [view.text for view in closing][:-1] == plan.closing.checklist
    assert ledger.verify(session).ok


def test_activation_is_refused_before_verification_or_grading_and_only_once(session: Session, plan: Plan,
                                                                         frozen_clock: datetime) -> None:
    row = actions.receive_report(session=session, operator=OPERATOR, report=report())
    with pytest.raises(DomainError, match=f"incident {row.no} is received: a plan is activated for a verified"):
        actions.activate_plan(session=session, operator=OPERATOR, incident_no=row.no, plan=plan)
    actions.verify(session=session, operator=OPERATOR, incident_no=row.no)
    before = entries(session)
    with pytest.raises(DomainError, match=f"incident {row.no} has no level yet: grade it"):
        actions.activate_plan(session=session, operator=OPERATOR, incident_no=row.no, plan=plan)
    assert entries(session) == before
    actions.grade(session=session, operator=OPERATOR, incident_no=row.no, level="IV")
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=row.no, plan=plan)
    with pytest.raises(DomainError, match="already runs plan hazardous_chemical_leak"):
        actions.activate_plan(session=session, operator=OPERATOR, incident_no=row.no, plan=plan)


def test_raising_iii_to_ii_merges_the_checklist_from_the_stored_plan(session: Session, graded: Incident,
                                                                     plan: Plan, frozen_clock: datetime,
                                                                     tmp_path: Path, chinese: None) -> None:
    working_copy = tmp_path / "leak.yaml"
    working_copy.write_text(LEAK_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=graded.no, plan=load_plan(working_copy))
    actions.record_step_state(session=session, operator=OPERATOR, incident_no=graded.no, step_id="verify_leak",
                              state="done")
    working_copy.write_text(LEAK_PLAN.read_text(encoding="utf-8").replace("报请市应急管理局", "改过的文字"),
                            encoding="utf-8")
    raised_at = frozen_clock + timedelta(minutes=20)
    before = len(entries(session))
    with clock.frozen(raised_at):
        actions.regrade(session=session, operator=OPERATOR, incident_no=graded.no, level="II", reason="有人死亡")
    assert len(entries(session)) == before + 1
    payload = last_entry(session)[1]
    added = [item for item in plan.steps_for("II") if item.level == "II"]
    assert payload["facts"]["steps_added"] == [item.step.id for item in added]
    shown = views(session, graded.no, raised_at)
    assert shown["verify_leak"].state == "done"
    assert shown["call_experts"].due_at == frozen_clock + timedelta(minutes=20)
    for item in added:
        assert shown[item.step.id].due_at == raised_at + timedelta(minutes=item.step.deadline_minutes or 0)
        assert shown[item.step.id].level == "II"
    assert shown["request_city"].text.startswith("报请市应急管理局")
    ordered = [view.step_id for view in step_views(session, graded.no, raised_at)]
    assert ordered[:len(plan.steps_for("II"))] == [item.step.id for item in plan.steps_for("II")]
    with clock.frozen(raised_at + timedelta(minutes=1)):
        actions.regrade(session=session, operator=OPERATOR, incident_no=graded.no, level="III", reason="已控制")
    assert "steps_added" not in last_entry(session)[1]["facts"]
    assert ledger.verify(session).ok


def test_blocked_steps_name_what_they_wait_for_until_approved(session: Session, graded: Incident, plan: Plan,
                                                              frozen_clock: datetime) -> None:
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=graded.no, plan=plan)
    shown = views(session, graded.no)
    assert (shown["start_level_iii"].state, shown["start_level_iii"].reason) == (
        "blocked", "waits for approval by 管委会")
    post_title = "“Open the on-site command post in a safe area upwind and name the commander”"
    assert shown["evacuate"].reason == f"waits for {post_title}"
    assert shown["yellow_warning"].reason == (
        "waits for approval by 管委会, “With the administrative committee's approval, start the level III response”")
    before = entries(session)
    with pytest.raises(DomainError, match=f"“Once the command post is open, evacuate residents downwind and arrange "
                                          f"transport” is blocked: it waits for {post_title}"):
        actions.record_step_state(session=session, operator=OPERATOR, incident_no=graded.no, step_id="evacuate",
                                  state="done")
    assert entries(session) == before
    actions.record_approval(session=session, operator=OPERATOR, incident_no=graded.no, authority="管委会",
                            approved_by="张主任", channel="phone", step_id="start_level_iii", decision="refused")
    assert views(session, graded.no)["start_level_iii"].reason == "waits for approval by 管委会 (refused by 张主任)"
    actions.record_approval(session=session, operator=OPERATOR, incident_no=graded.no, authority="管委会",
                            approved_by="张主任", channel="phone", step_id="start_level_iii")
    approved = views(session, graded.no)["start_level_iii"]
    assert (approved.state, approved.settled_by) == ("done", entries(session)[-1].seq)
    assert views(session, graded.no)["yellow_warning"].reason == "waits for approval by 管委会"
    later = views(session, graded.no, frozen_clock + timedelta(minutes=4))
    assert later["verify_leak"].state == "overdue" and later["send_fire"].state == "pending"


def test_recurring_step_rearms_after_each_completion(session: Session, graded: Incident, plan: Plan,
                                                     frozen_clock: datetime) -> None:
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=graded.no, plan=plan)
    first_due = views(session, graded.no)["follow_up_report"].due_at
    assert first_due == frozen_clock + timedelta(minutes=60)
    done_at = frozen_clock + timedelta(minutes=55)
    row = actions.record_step_state(session=session, operator=OPERATOR, incident_no=graded.no,
                                    step_id="follow_up_report", state="done", happened_at=done_at)
    assert (row.state, row.round, row.completed_at) == ("pending", 2, done_at)
    assert row.due_at == done_at + timedelta(minutes=60)
    assert views(session, graded.no, done_at + timedelta(minutes=61))["follow_up_report"].state == "overdue"
    with pytest.raises(DomainError, match="skipping “Send the committee a follow-up report on progress "
                                          "every 60 minutes” needs a reason"):
        actions.record_step_state(session=session, operator=OPERATOR, incident_no=graded.no,
                                  step_id="follow_up_report", state="skipped", reason=" ")
    actions.record_step_state(session=session, operator=OPERATOR, incident_no=graded.no,
                              step_id="follow_up_report", state="skipped", reason="已转市级续报")
    view = views(session, graded.no)["follow_up_report"]
    assert (view.state, view.reason) == ("skipped", "已转市级续报")


def _skip_level_steps(session: Session, no: str) -> None:
    for row in session.execute(select(StepState).where(StepState.incident_no == no,  # type: ignore[arg-type]
                                                       StepState.state == "pending",  # type: ignore[arg-type]
                                                       ~StepState.step_id.startswith("closing-"))).scalars().all():  # type: ignore[attr-defined]
        actions.record_step_state(session=session, operator=OPERATOR, incident_no=no, step_id=row.step_id,
                                  state="skipped", reason="演练不涉及")


def _settle_closing(session: Session, no: str) -> None:
    for row in session.execute(select(StepState).where(StepState.incident_no == no,  # type: ignore[arg-type]
                                                       StepState.step_id.startswith("closing-"),  # type: ignore[attr-defined]
                                                       StepState.step_id != "closing-approval")).scalars().all():
        actions.record_step_state(session=session, operator=OPERATOR, incident_no=no, step_id=row.step_id,
                                  state="done")


def test_ending_needs_the_closing_checklist_and_the_approval_to_end(session: Session, graded: Incident,
                                                                   plan: Plan) -> None:
    no = graded.no
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=no, plan=plan)
    with pytest.raises(DomainError, match=f"incident {no} cannot end: these steps are neither done nor skipped "
                                          "with a reason: “Verify the substance"):
        actions.end_incident(session=session, operator=OPERATOR, incident_no=no)
    _skip_level_steps(session, no)
    with pytest.raises(DomainError, match=f"incident {no} cannot end: the closing checklist still has “泄漏源已切断”"):
        actions.end_incident(session=session, operator=OPERATOR, incident_no=no)
    _settle_closing(session, no)
    with pytest.raises(DomainError, match=f"incident {no} cannot end: 管委会 has not approved the end"):
        actions.end_incident(session=session, operator=OPERATOR, incident_no=no)
    actions.record_approval(session=session, operator=OPERATOR, incident_no=no, authority="管委会",
                            approved_by="张主任", channel="phone", step_id="closing-approval")
    ended = actions.end_incident(session=session, operator=OPERATOR, incident_no=no)
    assert ended.state == "ended"
    assert views(session, no)["closing-approval"].state == "done"
    assert ledger.verify(session).ok


def test_a_step_reads_in_english_where_the_plan_gives_english(session: Session, graded: Incident, plan: Plan) -> None:
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=graded.no, plan=plan)
    stored = session.execute(select(StepState).where(StepState.step_id == "verify_leak")).scalar_one()
    assert stored.text.startswith("核实泄漏物质")
    assert views(session, graded.no)["verify_leak"].text.startswith("Verify the substance")


def test_a_step_reads_in_chinese_at_a_chinese_desk(session: Session, graded: Incident, plan: Plan,
                                                    chinese: None) -> None:
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=graded.no, plan=plan)
    assert views(session, graded.no)["verify_leak"].text.startswith("核实泄漏物质")
