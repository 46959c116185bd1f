"""A shift with known times: three real incidents and a drill, every interval chosen so the
figures can be worked by hand in the tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from syrupy.assertion import SnapshotAssertion
from syrupy.location import PyTestLocation

from model import actions, clock, ledger
from model.db import write_session
from model.ledger import Change
from model.schemas import ReportIn, ResourceIn, UnitIn
from model.tables import PlanActivation, StepState
from tests.conftest import BACKENDS, SEATED  # noqa: F401  (SEATED: the console tests' operators)

OPERATOR = "值班员 甲"
SHIFT_START = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
"""08:00 in Asia/Shanghai."""
HANDOVER = SHIFT_START + timedelta(hours=4)
PRINTED = SHIFT_START + timedelta(hours=5)


def at(minutes: float) -> datetime:
    return SHIFT_START + timedelta(minutes=minutes)


def _steps(session: Session, incident_no: str) -> None:
    """Plan steps as the plan layer writes them: one activation, four steps, one ledger entry."""
    activation = PlanActivation(id=ledger.next_id(session, PlanActivation), incident_no=incident_no, plan_id="fire",
                                plan_version="1", content_hash="0" * 64, level="III", activated_at=at(12))
    steps = [
        StepState(id=index + 1, activation_id=activation.id, incident_no=incident_no, step_id=step_id, level="III",
                  position=index, text=text, responsible=who, due_at=at(due), approval_by=approval)
        for index, (step_id, text, who, due, approval) in enumerate((
            ("cordon", "设置警戒区", "公安", 60, ""),
            ("evacuate", "疏散周边居民", "公安", 300, "管委会"),
            ("warning", "发布黄色预警", "应急联动中心", 320, "管委会"),
            ("verify", "核实被困人数", "应急联动中心", 20, ""),
        ))
    ]
    ledger.append(session, kind="plan_activated", operator=OPERATOR, incident_no=incident_no, happened_at=at(12),
                  facts={"plan": "fire"}, changes=[Change.new(activation), *(Change.new(step) for step in steps)])
    session.commit()


def _send(session: Session, incident_no: str, code: str, dispatched: float, ack: float | None,
          on_scene: float | None = None) -> None:
    actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=incident_no, resource_code=code,
                              happened_at=at(dispatched))
    if ack is not None:
        actions.set_resource_status(session=session, operator=OPERATOR, resource_code=code, status="acknowledged",
                                    happened_at=at(ack))
    if on_scene is not None:
        actions.set_resource_status(session=session, operator=OPERATOR, resource_code=code, status="en_route",
                                    happened_at=at(on_scene - 1))
        actions.set_resource_status(session=session, operator=OPERATOR, resource_code=code, status="on_scene",
                                    happened_at=at(on_scene))


@pytest.fixture
def seeded_shift(engine: Engine) -> Iterator[Engine]:
    """Receive→first dispatch 1.5, 2 and 5 min; dispatch→ack 0.5, 1, 1.5, 0.75 min; dispatch→on scene 10, 5 min."""
    with clock.frozen(PRINTED), write_session(engine) as s:
        actions.register_unit(session=s, operator=OPERATOR, unit=UnitIn(code="XF", name="消防大队", kind="fire", tier=1,
                                                                         duty_phone="119"))
        for number in range(1, 6):
            actions.register_resource(session=s, operator=OPERATOR, resource=ResourceIn(
                code=f"E{number}", unit_code="XF", type="fire_engine", name=f"水罐车{number}号"))
        actions.start_shift(session=s, operator=OPERATOR, name="白班", officers=[OPERATOR, "值班员 乙"],
                            happened_at=SHIFT_START)
        fire = actions.receive_report(session=s, operator=OPERATOR, received_at=at(10), report=ReportIn(
            channel="119", type="fire", address="港城路1号仓库", description="仓库起火，浓烟很大"))
        actions.verify(session=s, operator=OPERATOR, incident_no=fire.no, happened_at=at(11))
        actions.grade(session=s, operator=OPERATOR, incident_no=fire.no, level="III", happened_at=at(11))
        _send(s, fire.no, "E1", 11.5, 12, 21.5)
        crash = actions.receive_report(session=s, operator=OPERATOR, received_at=at(30), report=ReportIn(
            channel="110", type="traffic_accident", address="津汕高速出口", description="两车追尾"))
        actions.verify(session=s, operator=OPERATOR, incident_no=crash.no, happened_at=at(31))
        actions.grade(session=s, operator=OPERATOR, incident_no=crash.no, level="IV", happened_at=at(31))
        _send(s, crash.no, "E2", 32, 33, 37)
        _send(s, crash.no, "E3", 33, 34.5)
        smoke = actions.receive_report(session=s, operator=OPERATOR, received_at=at(50), report=ReportIn(
            channel="119", type="fire", address="农场三分场", description="平房冒烟"))
        _send(s, smoke.no, "E4", 55, 55.75)
        actions.receive_report(session=s, operator=OPERATOR, received_at=at(60), report=ReportIn(
            channel="system", type="flood", address="湿地北堤", description="防汛演练：北堤管涌", is_drill=True))
        actions.set_resource_status(session=s, operator=OPERATOR, resource_code="E5", status="out_of_service",
                                    reason="水泵检修", happened_at=at(20))
        _steps(s, fire.no)
        actions.record_step_state(session=s, operator=OPERATOR, incident_no=fire.no, step_id="verify", state="done",
                                  happened_at=at(18))
        actions.record_approval(session=s, operator=OPERATOR, incident_no=fire.no, step_id="warning",
                                authority="管委会", approved_by="张主任", channel="phone", happened_at=at(40))
        actions.hand_over_shift(session=s, operator=OPERATOR, notes="北堤需继续巡查；E5 水泵待修",
                                handed_to="值班员 丙", happened_at=HANDOVER)
    yield engine


class BackendBlindLocation(PyTestLocation):
    """A snapshot's name without the backend the test ran on: the desk looks the same on either."""

    def __post_init__(self) -> None:
        super().__post_init__()
        name, bracket, ids = self.testname.partition("[")
        if bracket:
            kept = [part for part in ids.rstrip("]").split("-") if part not in BACKENDS]
            self.testname = f"{name}[{'-'.join(kept)}]" if kept else name


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion, request: pytest.FixtureRequest) -> SnapshotAssertion:
    """syrupy's fixture, naming one SVG for both backends (tests/console/__snapshots__)."""
    snapshot.test_location = BackendBlindLocation(request.node)
    return snapshot
