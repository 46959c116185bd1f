"""Each action writes exactly one ledger entry with its state change; each refusal writes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session

from model import actions, clock
from model.errors import DomainError
from model.schemas import ExpertIn, MaterialIn, ReportIn, WarningIn
from model.tables import Assignment, Incident, Resource, StepState, WarningNotice
from tests.model.conftest import OPERATOR, entries, last_entry, report


def one_new_entry(session: Session, before: int, kind: str, incident_no: str | None = None) -> dict[str, Any]:
    rows = entries(session)
    assert len(rows) == before + 1, [entry.kind for entry in rows[before:]]
    entry, payload = last_entry(session)
    assert entry.kind == kind
    assert entry.operator == OPERATOR
    assert entry.incident_no == incident_no
    return payload


def test_receive_report_numbers_by_local_day_and_records_the_report(session: Session, roster: None,
                                                                    frozen_clock: Any) -> None:
    before = len(entries(session))
    first = actions.receive_report(session=session, operator=OPERATOR, report=report(channel="119转警", type="火灾"))
    payload = one_new_entry(session, before, "report_received", first.no)
    second = actions.receive_report(session=session, operator=OPERATOR, report=report())
    assert (first.no, second.no) == ("20261128-0001", "20261128-0002")
    assert first.channel == "119" and first.type == "fire"
    assert first.state == "received" and first.received_at == frozen_clock
    assert payload["facts"]["report"]["description"] == "仓库起火"
    assert {change["table"] for change in payload["changes"]} == {"incident", "report"}


def test_late_entry_keeps_both_times(session: Session, roster: None, frozen_clock: Any) -> None:
    earlier = frozen_clock - timedelta(minutes=20)
    row = actions.receive_report(session=session, operator=OPERATOR, report=report(), received_at=earlier)
    entry, _ = last_entry(session)
    assert row.received_at == earlier
    assert entry.happened_at == earlier and entry.entered_at == frozen_clock


def test_verify_grade_regrade(session: Session, open_incident: Incident) -> None:
    no = open_incident.no
    before = len(entries(session))
    assert actions.verify(session=session, operator=OPERATOR, incident_no=no).state == "verified"
    one_new_entry(session, before, "incident_verified", no)
    assert actions.grade(session=session, operator=OPERATOR, incident_no=no, level="III").level == "III"
    payload = one_new_entry(session, before + 1, "incident_graded", no)
    assert payload["facts"]["level"] == "III"
    raised = actions.regrade(session=session, operator=OPERATOR, incident_no=no, level="II", reason="蔓延")
    payload = one_new_entry(session, before + 2, "incident_regraded", no)
    assert raised.level == "II" and payload["facts"] == {"from": "III", "to": "II", "reason": "蔓延"}


@pytest.mark.parametrize(("call", "message"), [
    (lambda s, no: actions.grade(session=s, operator=OPERATOR, incident_no=no, level="V"), "unknown level 'V'"),
    (lambda s, no: actions.regrade(session=s, operator=OPERATOR, incident_no=no, level="II", reason="x"),
     "has no level yet"),
    (lambda s, no: actions.mark_false_alarm(session=s, operator=OPERATOR, incident_no=no, reason=" "),
     "needs a reason"),
    (lambda s, no: actions.end_incident(session=s, operator=OPERATOR, incident_no=no), "cannot become ended"),
    (lambda s, no: actions.close_incident(session=s, operator=OPERATOR, incident_no=no), "cannot become closed"),
    (lambda s, no: actions.merge_into(session=s, operator=OPERATOR, incident_no=no, target_no=no), "into itself"),
    (lambda s, no: actions.verify(session=s, operator=OPERATOR, incident_no="20990101-0001"), "does not exist"),
    (lambda s, no: actions.add_note(session=s, operator=OPERATOR, incident_no=no, text=""), "cannot be empty"),
    (lambda s, no: actions.record_step_state(session=s, operator=OPERATOR, incident_no=no, step_id="x", state="done"),
     "has no step x"),
    (lambda s, no: actions.close_command_post(session=s, operator=OPERATOR, incident_no=no), "no open command post"),
    (lambda s, no: actions.set_resource_status(session=s, operator=OPERATOR, resource_code="XF-E12", status="on_scene"),
     "cannot go to on scene"),
    (lambda s, no: actions.set_resource_status(session=s, operator=OPERATOR, resource_code="XF-E12",
                                               status="out_of_service"), "needs a reason"),
    (lambda s, no: actions.hand_over_shift(session=s, operator=OPERATOR, notes="", handed_to="李"), "no shift is open"),
    (lambda s, no: actions.lift_warning(session=s, operator=OPERATOR, warning_id=9), "warning 9 does not exist"),
    (lambda s, no: actions.receive_report(session=s, operator=OPERATOR, report=ReportIn(
        channel="119", type="fire", address="港城路1号", caller_name="张\x00三")),
     r"^caller_name holds a NUL character \(U\+0000\)"),
])
def test_refusals_name_the_reason_and_write_nothing(session: Session, open_incident: Incident, call: Any,
                                                    message: str) -> None:
    before = entries(session)
    with pytest.raises(DomainError, match=message):
        call(session, open_incident.no)
    assert entries(session) == before
    assert session.get(Incident, open_incident.no).state == "received"  # type: ignore[union-attr]


def test_false_alarm_then_close(session: Session, open_incident: Incident) -> None:
    no = open_incident.no
    actions.mark_false_alarm(session=session, operator=OPERATOR, incident_no=no, reason="回电确认无火情")
    payload = last_entry(session)[1]
    assert payload["facts"]["reason"] == "回电确认无火情"
    assert actions.close_incident(session=session, operator=OPERATOR, incident_no=no).state == "closed"


def test_merge_moves_reports_and_marks_duplicate(session: Session, open_incident: Incident) -> None:
    second = actions.receive_report(session=session, operator=OPERATOR, report=report(caller_name="路人"))
    before = len(entries(session))
    target = actions.merge_into(session=session, operator=OPERATOR, incident_no=second.no, target_no=open_incident.no)
    one_new_entry(session, before, "incident_merged", second.no)
    merged = session.get(Incident, second.no)
    assert merged is not None and merged.state == "merged" and merged.merged_into == open_incident.no
    assert target.no == open_incident.no
    with pytest.raises(DomainError, match="merged"):
        actions.verify(session=session, operator=OPERATOR, incident_no=second.no)


def test_resource_round_trip_records_every_time(session: Session, open_incident: Incident) -> None:
    no = open_incident.no
    before = len(entries(session))
    assignment = actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=no, resource_code="XF-E12")
    payload = one_new_entry(session, before, "resource_dispatched", no)
    assert payload["facts"]["resource"] == "XF-E12"
    for status in ("acknowledged", "en_route", "on_scene", "returning", "available"):
        actions.set_resource_status(session=session, operator=OPERATOR, resource_code="XF-E12", status=status)
        assert last_entry(session)[0].kind == "resource_status"
    row = session.get(Assignment, assignment.id)
    assert row is not None and row.cleared_at is not None and row.on_scene_at is not None
    resource = session.get(Resource, "XF-E12")
    assert resource is not None and resource.status == "available" and resource.incident_no is None


def test_busy_resource_and_incident_with_resources_on_scene_are_refused(session: Session,
                                                                       open_incident: Incident) -> None:
    no = open_incident.no
    actions.verify(session=session, operator=OPERATOR, incident_no=no)
    actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=no, resource_code="XF-E12")
    for status in ("acknowledged", "en_route", "on_scene"):
        actions.set_resource_status(session=session, operator=OPERATOR, resource_code="XF-E12", status=status)
    second = actions.receive_report(session=session, operator=OPERATOR, report=report(address="别处"))
    with pytest.raises(DomainError, match=f"resource XF-E12 is on scene at incident {no}; "
                                          "only an available resource can be dispatched"):
        actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=second.no, resource_code="XF-E12")
    with pytest.raises(DomainError, match=r"resource XF-E12 is on scene .*withdraw it first"):
        actions.end_incident(session=session, operator=OPERATOR, incident_no=no)
    actions.set_resource_status(session=session, operator=OPERATOR, resource_code="XF-E12", status="returning")
    actions.end_incident(session=session, operator=OPERATOR, incident_no=no, summary="明火扑灭")
    with pytest.raises(DomainError, match="XF-E12 is still returning"):
        actions.close_incident(session=session, operator=OPERATOR, incident_no=no)
    actions.set_resource_status(session=session, operator=OPERATOR, resource_code="XF-E12", status="available")
    assert actions.close_incident(session=session, operator=OPERATOR, incident_no=no).state == "closed"


def test_notes_approvals_and_command_post(session: Session, open_incident: Incident) -> None:
    no = open_incident.no
    before = len(entries(session))
    actions.add_note(session=session, operator=OPERATOR, incident_no=no, text="消防已到场", unit_code="XF")
    assert one_new_entry(session, before, "unit_feedback", no)["facts"] == {"text": "消防已到场", "unit": "XF"}
    approval = actions.record_approval(session=session, operator=OPERATOR, incident_no=no, authority="管委会",
                                       approved_by="张主任", channel="phone")
    assert approval.decision == "approved"
    one_new_entry(session, before + 1, "approval_recorded", no)
    post = actions.open_command_post(session=session, operator=OPERATOR, incident_no=no, commander="刘指挥",
                                     location="园区东门")
    with pytest.raises(DomainError, match="already has an open command post"):
        actions.open_command_post(session=session, operator=OPERATOR, incident_no=no, commander="x", location="y")
    closed = actions.close_command_post(session=session, operator=OPERATOR, incident_no=no)
    assert closed.id == post.id and closed.closed_at is not None


def test_step_state_done_and_skip_needs_reason(session: Session, open_incident: Incident, frozen_clock: Any) -> None:
    from model import ledger
    from model.ledger import Change
    from model.tables import PlanActivation

    activation = PlanActivation(id=1, incident_no=open_incident.no, plan_id="p", plan_version="1",
                                content_hash="h", level="IV", activated_at=frozen_clock)
    step = StepState(id=1, activation_id=1, incident_no=open_incident.no, step_id="verify", level="IV", position=1,
                     text="核实", responsible="center", due_at=frozen_clock)
    ledger.append(session, kind="plan_activated", operator=OPERATOR, facts={},
                  changes=[Change.new(activation), Change.new(step)])
    session.commit()
    with pytest.raises(DomainError, match="needs a reason"):
        actions.record_step_state(session=session, operator=OPERATOR, incident_no=open_incident.no,
                                  step_id="verify", state="skipped")
    done = actions.record_step_state(session=session, operator=OPERATOR, incident_no=open_incident.no,
                                     step_id="verify", state="done")
    assert done.state == "done" and done.completed_by == OPERATOR and done.completed_at == frozen_clock


def test_shifts_and_handover(session: Session, frozen_clock: Any) -> None:
    first = actions.start_shift(session=session, operator=OPERATOR, name="白班", officers=["王", "李"])
    with pytest.raises(DomainError, match="still open"):
        actions.start_shift(session=session, operator=OPERATOR, name="夜班", officers=["赵"])
    following = actions.hand_over_shift(session=session, operator=OPERATOR, notes="化工园区仍在监测",
                                        handed_to="赵", next_name="夜班", next_officers=["赵"])
    assert following.name == "夜班" and following.id != first.id
    entry, payload = last_entry(session)
    assert entry.kind == "shift_handed_over" and entry.shift_id == first.id
    assert payload["facts"]["handed_to"] == "赵"


def test_warnings_issue_update_lift(session: Session, frozen_clock: Any) -> None:
    from model.actions.warnings import in_force

    notice = WarningIn(colour="黄色预警（三级）", type="rainstorm", area="全区", text_zh="暴雨",
                       expires_at=frozen_clock + timedelta(hours=2))
    issued = actions.issue_warning(session=session, operator=OPERATOR, warning=notice)
    assert issued.colour == "yellow" and in_force(issued, clock.now())
    assert not in_force(issued, frozen_clock + timedelta(hours=3))
    updated = actions.update_warning(session=session, operator=OPERATOR, warning_id=issued.id,
                                     warning=notice.model_copy(update={"colour": "orange"}))
    assert updated.revision == 2 and updated.colour == "orange"
    lifted = actions.lift_warning(session=session, operator=OPERATOR, warning_id=issued.id)
    assert lifted.state == "lifted" and not in_force(lifted, clock.now())
    before = entries(session)
    with pytest.raises(DomainError, match=f"warning {issued.id} was already lifted"):
        actions.lift_warning(session=session, operator=OPERATOR, warning_id=issued.id)
    assert entries(session) == before
    row = session.get(WarningNotice, issued.id)
    assert row is not None and row.revision == 3


def test_roster_upserts_write_only_real_changes(session: Session, roster: None) -> None:
    expert = ExpertIn(name="田国华", field="chemical", phone="139")
    first = actions.register_expert(session=session, operator=OPERATOR, expert=expert)
    before = len(entries(session))
    again = actions.register_expert(session=session, operator=OPERATOR, expert=expert)
    assert again.id == first.id and len(entries(session)) == before
    stock = actions.set_material_stock(session=session, operator=OPERATOR,
                                       material=MaterialIn(item="沙袋", unit_code="XF", quantity=100))
    changed = actions.set_material_stock(session=session, operator=OPERATOR,
                                         material=MaterialIn(item="沙袋", unit_code="XF", quantity=80))
    assert changed.id == stock.id and changed.quantity == 80
    assert last_entry(session)[0].kind == "material_updated"


def test_upward_report_is_an_entry_on_the_timeline(session: Session, open_incident: Incident) -> None:
    before = len(entries(session))
    actions.report_upward(session=session, operator=OPERATOR, incident_no=open_incident.no, kind="initial",
                          recipient="区政府总值班室", channel="phone", text="港城路仓库起火，无人员伤亡")
    payload = one_new_entry(session, before, "upward_report", open_incident.no)
    assert payload["facts"]["recipient"] == "区政府总值班室"
    with pytest.raises(DomainError, match="initial, follow_up or final"):
        actions.report_upward(session=session, operator=OPERATOR, incident_no=open_incident.no, kind="second",
                              recipient="x", channel="phone", text="x")
