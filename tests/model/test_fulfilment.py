"""The checklist tells the truth: the work a step asks for settles it, by the entry that did the work.

The table is tested both ways: every step kind of every shipped plan has work that settles it,
and every piece of work, recorded from anywhere (no step named), settles the step that asks for it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from model import actions, clock, demo, ledger
from model.checklist import step_views
from model.errors import DomainError
from model.fulfilment import FULFILMENT, closing_item_kind, kind_of, step_kind
from model.plans import PLANS_DIR, load_plan, load_plans
from model.schemas import WarningIn
from model.tables import Expert, LedgerEntry, StepState, Unit
from tests.model.conftest import OPERATOR, report

LEAK_PLAN = PLANS_DIR / "hazardous_chemical_leak.yaml"


@pytest.fixture
def leak(engine: Engine, session: Session, frozen_clock: datetime) -> str:
    """A level III chemical leak with its plan running, on the sample roster."""
    demo.load_roster(engine)
    row = actions.receive_report(session=session, operator=OPERATOR, report=report(
        type="hazardous_chemical_leak", injured=2, lat=38.54, lon=117.41))
    actions.verify(session=session, operator=OPERATOR, incident_no=row.no, method="call_back")
    actions.grade(session=session, operator=OPERATOR, incident_no=row.no, level="III")
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=row.no, plan=load_plan(LEAK_PLAN))
    return row.no


def steps(session: Session, no: str) -> dict[str, Any]:
    return {view.step_id: view for view in step_views(session, no, clock.now())}


def newest(session: Session) -> LedgerEntry:
    entry = session.execute(select(LedgerEntry).order_by(LedgerEntry.seq.desc()).limit(1)).scalar_one()  # type: ignore[attr-defined]
    return entry


def settled_by_newest(session: Session, no: str, *step_ids: str) -> None:
    entry = newest(session)
    shown = steps(session, no)
    for step_id in step_ids:
        assert (shown[step_id].state, shown[step_id].settled_by) == ("done", entry.seq), step_id
    assert set(json.loads(entry.payload)["facts"]["steps"]) >= set(step_ids)


def test_every_step_kind_of_every_plan_has_work_that_settles_it() -> None:
    from model import actions as package

    for plan in load_plans():
        kinds = {step_kind(planned.step.id, planned.step.text, planned.step.effects(), planned.step.approval_by or "")
                 for planned in plan.ordered_steps()}
        kinds |= {closing_item_kind(text) for text in plan.closing.checklist}
        for kind in kinds:
            rule = FULFILMENT[kind]
            for name in rule.actions:
                assert callable(getattr(package, name)), (plan.id, kind, name)
    assert {closing_item_kind("现场指挥部已撤销，资料已归档"), closing_item_kind("终报已报送"),
            closing_item_kind("各联动单位已撤离现场"), closing_item_kind("泄漏源已切断")} == {
        "command_post_closed", "final_report_sent", "units_withdrawn", "manual"}


def test_opening_the_command_post_anywhere_settles_its_step(session: Session, leak: str) -> None:
    actions.open_command_post(session=session, operator=OPERATOR, incident_no=leak, commander="刘强", location="上风向")
    settled_by_newest(session, leak, "command_post")
    assert steps(session, leak)["evacuate"].state != "blocked"
    before = newest(session).seq
    with pytest.raises(DomainError, match="is already done"):
        actions.record_step_state(session=session, operator=OPERATOR, incident_no=leak, step_id="command_post",
                                  state="done")
    assert newest(session).seq == before
    actions.close_command_post(session=session, operator=OPERATOR, incident_no=leak)
    closing = {view.kind: view for view in steps(session, leak).values() if view.section == "closing"}
    assert closing["command_post_closed"].settled_by == newest(session).seq


def test_reports_upward_settle_the_step_of_their_kind_one_report_one_step(session: Session, leak: str) -> None:
    actions.report_upward(session=session, operator=OPERATOR, incident_no=leak, kind="initial", recipient="管委会",
                          channel="phone", text="首报")
    settled_by_newest(session, leak, "initial_report")
    actions.report_upward(session=session, operator=OPERATOR, incident_no=leak, kind="follow_up", recipient="管委会",
                          channel="phone", text="续报一")
    follow = steps(session, leak)["follow_up_report"]
    assert (follow.round, follow.settled_by) == (2, newest(session).seq)
    assert json.loads(newest(session).payload)["facts"]["number"] == 1
    actions.report_upward(session=session, operator=OPERATOR, incident_no=leak, kind="final", recipient="管委会",
                          channel="phone", text="终报")
    closing = {view.kind: view for view in steps(session, leak).values() if view.section == "closing"}
    assert closing["final_report_sent"].settled_by == newest(session).seq
    with pytest.raises(DomainError, match="already sent"):
        actions.report_upward(session=session, operator=OPERATOR, incident_no=leak, kind="final", recipient="管委会",
                              channel="phone", text="终报")


def test_an_approval_settles_a_step_that_only_waits_for_it(session: Session, leak: str) -> None:
    actions.record_approval(session=session, operator=OPERATOR, incident_no=leak, authority="管委会",
                            approved_by="王主任", channel="phone", step_id="start_level_iii", decision="refused")
    assert steps(session, leak)["start_level_iii"].state == "blocked"
    actions.record_approval(session=session, operator=OPERATOR, incident_no=leak, authority="管委会",
                            approved_by="王主任", channel="phone", step_id="start_level_iii")
    settled_by_newest(session, leak, "start_level_iii")
    actions.record_approval(session=session, operator=OPERATOR, incident_no=leak, authority="管委会",
                            approved_by="王主任", channel="phone", step_id="yellow_warning")
    assert steps(session, leak)["yellow_warning"].state == "pending", "approved, but the warning is still to issue"


def test_a_warning_for_the_incident_settles_the_step_asking_for_its_colour(session: Session, leak: str) -> None:
    actions.issue_warning(session=session, operator=OPERATOR, warning=WarningIn(
        colour="blue", type="chemical", area="园区", text_zh="蓝色", incident_no=leak))
    assert steps(session, leak)["yellow_warning"].state != "done"
    actions.issue_warning(session=session, operator=OPERATOR, warning=WarningIn(
        colour="yellow", type="chemical", area="园区", text_zh="关闭门窗", incident_no=leak))
    settled_by_newest(session, leak, "yellow_warning")


def test_notify_and_experts_settle_the_steps_whose_every_ask_is_covered(session: Session, leak: str) -> None:
    units = session.execute(select(Unit).where(Unit.kind.in_(["safety", "enterprise"]))).scalars().all()  # type: ignore[attr-defined]
    safety = [unit.code for unit in units if unit.kind == "safety"]
    actions.notify_units(session=session, operator=OPERATOR, incident_no=leak, unit_codes=safety)
    assert steps(session, leak)["notify_safety"].state != "done", "the enterprise is not notified yet"
    actions.notify_units(session=session, operator=OPERATOR, incident_no=leak, unit_codes=[unit.code for unit in units])
    settled_by_newest(session, leak, "notify_safety")
    fields = ["chemical", "environment", "medical"]
    experts = session.execute(select(Expert).where(Expert.field.in_(fields))).scalars().all()  # type: ignore[attr-defined]
    actions.call_experts(session=session, operator=OPERATOR, incident_no=leak, expert_ids=[e.id for e in experts])
    settled_by_newest(session, leak, "call_experts")


def test_dispatch_settles_a_step_once_its_wanted_counts_are_met(session: Session, leak: str) -> None:
    from model.tables import Resource

    def available(resource_type: str) -> list[str]:
        return list(session.execute(select(Resource.code).where(
            Resource.type == resource_type, Resource.status == "available").order_by(Resource.code)).scalars())

    engines, hazmat = available("fire_engine"), available("hazmat_team")
    actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=leak, resource_code=engines[0])
    actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=leak, resource_code=engines[1],
                              step_id="send_fire")
    assert steps(session, leak)["send_fire"].state != "done", "the hazmat team is still wanted"
    assignment = actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=leak,
                                           resource_code=hazmat[0])
    assert assignment.step_id == "send_fire", "a dispatch from anywhere serves the step that wants it"
    settled_by_newest(session, leak, "send_fire")


def test_every_unit_withdrawn_ticks_itself_and_ending_names_open_steps(session: Session, leak: str) -> None:
    from model.tables import Resource

    code = session.execute(select(Resource.code).where(Resource.type == "ambulance")).scalars().first()
    assert code is not None
    actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=leak, resource_code=code)
    actions.set_resource_status(session=session, operator=OPERATOR, resource_code=code, status="returning")
    closing = {view.kind: view for view in steps(session, leak).values() if view.section == "closing"}
    assert closing["units_withdrawn"].settled_by == newest(session).seq
    before = newest(session).seq
    with pytest.raises(DomainError, match="cannot end: these steps are neither done nor skipped with a reason: "
                                          "“Verify the substance"):
        actions.end_incident(session=session, operator=OPERATOR, incident_no=leak)
    assert newest(session).seq == before


def test_ticking_closing_items_writes_one_entry(session: Session, leak: str) -> None:
    rows = [row for row in session.execute(select(StepState).where(StepState.incident_no == leak)).scalars()  # type: ignore[arg-type]
            if row.step_id.startswith("closing-") and kind_of(row) == "manual"]
    before = newest(session).seq
    ticked = actions.tick_closing(session=session, operator=OPERATOR, incident_no=leak,
                                  step_ids=[row.step_id for row in rows])
    assert newest(session).seq == before + 1
    assert {row.state for row in ticked} == {"done"} and {row.settled_by for row in ticked} == {before + 1}
    with pytest.raises(DomainError, match="is not an item of the closing checklist"):
        actions.tick_closing(session=session, operator=OPERATOR, incident_no=leak, step_ids=["verify_leak"])


def test_work_recorded_before_the_plan_settles_the_step_on_activation(
        engine: Engine, session: Session, frozen_clock: datetime) -> None:
    demo.load_roster(engine)
    row = actions.receive_report(session=session, operator=OPERATOR, report=report(type="hazardous_chemical_leak"))
    actions.verify(session=session, operator=OPERATOR, incident_no=row.no, method="video")
    actions.grade(session=session, operator=OPERATOR, incident_no=row.no, level="IV")
    sent = actions.report_upward(session=session, operator=OPERATOR, incident_no=row.no, kind="initial",
                                 recipient="管委会", channel="phone", text="首报")
    first_report = newest(session).seq
    actions.open_command_post(session=session, operator=OPERATOR, incident_no=sent.no, commander="刘强",
                              location="东门")
    post_seq = newest(session).seq
    actions.activate_plan(session=session, operator=OPERATOR, incident_no=row.no, plan=load_plan(LEAK_PLAN))
    assert steps(session, row.no)["initial_report"].settled_by == first_report
    actions.regrade(session=session, operator=OPERATOR, incident_no=row.no, level="III", reason="需疏散")
    assert (steps(session, row.no)["command_post"].state, steps(session, row.no)["command_post"].settled_by) == (
        "done", post_seq)
    assert ledger.verify(session).ok


def test_record_step_state_names_its_own_entry_and_the_ledger_replays(session: Session, leak: str) -> None:
    actions.record_step_state(session=session, operator=OPERATOR, incident_no=leak, step_id="cut_power",
                              state="skipped", reason="企业已自行断电")
    shown = steps(session, leak)["cut_power"]
    assert (shown.state, shown.settled_by) == ("skipped", newest(session).seq)
    actions.record_step_state(session=session, operator=OPERATOR, incident_no=leak, step_id="cut_power",
                              state="pending")
    assert steps(session, leak)["cut_power"].settled_by is None
    assert ledger.verify(session).ok
