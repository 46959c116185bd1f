"""The demo ledger: the sample roster from data/ and a handful of live incidents in every state.

Everything goes through the action layer, back-dated entries included (they record both the
time they happened and the time they were entered), so the demo ledger verifies like a real one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, Select, func, select
from sqlmodel import col

from model import actions, clock
from model.config import load_config
from model.db import read_session, write_session
from model.plans import load_plans, plan_for_type
from model.schemas import ExpertIn, MaterialIn, ReportIn, ResourceIn, UnitIn, WarningIn
from model.tables import Incident, LedgerEntry, Resource, Unit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
OPERATOR = "值班员 王磊"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{key: value for key, value in row.items() if value != ""} for row in csv.DictReader(handle)]


def load_roster(engine: Engine, data_dir: Path = DATA_DIR, operator: str = OPERATOR) -> None:
    """Register the sample units, resources, experts and material stocks, one action each."""
    with write_session(engine) as session:
        for row in _rows(data_dir / "units.csv"):
            actions.register_unit(session=session, operator=operator, unit=UnitIn.model_validate(row))
        for row in _rows(data_dir / "resources.csv"):
            row["unit_code"] = row.pop("unit")
            actions.register_resource(session=session, operator=operator, resource=ResourceIn.model_validate(row))
        for row in _rows(data_dir / "experts.csv"):
            row["unit_code"] = row.pop("unit", "")
            actions.register_expert(session=session, operator=operator, expert=ExpertIn.model_validate(row))
        for row in _rows(data_dir / "materials.csv"):
            row["unit_code"] = row.pop("unit")
            actions.set_material_stock(session=session, operator=operator, material=MaterialIn.model_validate(row))


def seed_incidents(engine: Engine, operator: str = OPERATOR) -> None:
    """Live incidents at different stages, received minutes to an hour ago.

    The chemical leak (III) and the crash (IV) run their plans: some steps done, some due, some
    overdue, and the level III response waiting for the 管委会's approval.
    """
    plans = load_plans()
    now = clock.now()

    def ago(minutes: float) -> datetime:
        return now - timedelta(minutes=minutes)

    with write_session(engine) as s:
        actions.start_shift(session=s, operator=operator, name="白班", officers=[operator, "值班员 李娜"],
                            happened_at=ago(180))
        seats = {seat.code for seat in load_config().seats}
        for officer, seat in ((operator, "duty"), ("值班员 李娜", "dispatch")):
            if not seats or seat in seats:  # the demo's officers at their seats, as a shift starts
                actions.sign_in(session=s, operator=officer, seat=seat, happened_at=ago(179))
        leak = actions.receive_report(session=s, operator=operator, received_at=ago(42), report=ReportIn(
            channel="119", type="hazardous_chemical_leak", address="南大港化工园区纬三路 鑫源化工储罐区",
            lat=38.5405, lon=117.4093, caller_name="张工", caller_unit="鑫源化工", caller_phone="13800001111",
            description="液氯储罐阀门泄漏，现场有刺激性气味，2名工人不适", injured=2, trend="泄漏持续"))
        actions.verify(session=s, operator=operator, incident_no=leak.no, method="call_back", note="企业安全员回电确认",
                       happened_at=ago(39))
        actions.grade(session=s, operator=operator, incident_no=leak.no, level="III", reason="有人员受伤，需疏散",
                      happened_at=ago(37))
        actions.activate_plan(session=s, operator=operator, incident_no=leak.no,
                              plan=plan_for_type(plans, "hazardous_chemical_leak"), happened_at=ago(36))
        duplicate = actions.receive_report(session=s, operator=operator, received_at=ago(36), report=ReportIn(
            channel="110", type="hazardous_chemical_leak", address="化工园区纬三路", caller_name="路人",
            caller_phone="13900002222", description="闻到很大的氯气味"))
        actions.merge_into(session=s, operator=operator, incident_no=duplicate.no, target_no=leak.no,
                           happened_at=ago(35))
        for code, step_id, statuses in (("XF-FI01", "send_fire", ("acknowledged", "en_route", "on_scene")),
                                        ("XF-HA01", "send_fire", ("acknowledged", "en_route")),
                                        ("WJ-AM01", "ambulances", ("acknowledged",)), ("GA-PA01", "cordon", ())):
            actions.dispatch_resource(session=s, operator=operator, incident_no=leak.no, resource_code=code,
                                      step_id=step_id, happened_at=ago(34))
            for offset, status in enumerate(statuses):
                actions.set_resource_status(session=s, operator=operator, resource_code=code, status=status,
                                            happened_at=ago(32 - 8 * offset))
        actions.add_note(session=s, operator=operator, incident_no=leak.no, unit_code="XF",
                         text="消防到场，正在关阀堵漏，下风向200米警戒", happened_at=ago(15))
        for step_id, minutes in (("verify_leak", 35), ("send_fire", 33), ("cordon", 30), ("ambulances", 29)):
            actions.record_step_state(session=s, operator=operator, incident_no=leak.no, step_id=step_id,
                                      state="done", happened_at=ago(minutes))
        actions.report_upward(session=s, operator=operator, incident_no=leak.no, kind="initial",
                              recipient="管委会值班室", channel="phone", happened_at=ago(20),
                              text="南大港化工园区鑫源化工液氯储罐阀门泄漏，2名工人不适，消防已到场堵漏，已设警戒。")
        actions.open_command_post(session=s, operator=operator, incident_no=leak.no, commander="管委会副主任 刘强",
                                  location="纬三路与经二路交口上风向", phone="13800005555", happened_at=ago(18))

        crash = actions.receive_report(session=s, operator=operator, received_at=ago(14), report=ReportIn(
            channel="122", type="traffic_accident", address="津汕高速南大港出口", lat=38.5012, lon=117.3601,
            description="两车追尾，一人被困", injured=1))
        actions.verify(session=s, operator=operator, incident_no=crash.no, method="unit_on_duty", happened_at=ago(12))
        actions.grade(session=s, operator=operator, incident_no=crash.no, level="IV", happened_at=ago(11))
        actions.activate_plan(session=s, operator=operator, incident_no=crash.no,
                              plan=plan_for_type(plans, "traffic_accident"), happened_at=ago(11))
        actions.dispatch_resource(session=s, operator=operator, incident_no=crash.no, resource_code="WJ-AM02",
                                  step_id="ambulances", happened_at=ago(10))
        actions.dispatch_resource(session=s, operator=operator, incident_no=crash.no, resource_code="JJ-TR01",
                                  step_id="traffic_police", happened_at=ago(10))
        actions.record_step_state(session=s, operator=operator, incident_no=crash.no, step_id="verify_crash",
                                  state="done", happened_at=ago(9))
        actions.set_resource_status(session=s, operator=operator, resource_code="JJ-TR01", status="acknowledged",
                                    happened_at=ago(9))

        actions.receive_report(session=s, operator=operator, received_at=ago(3), report=ReportIn(
            channel="12345", type="fire", address="南大港农场三分场居民区", lat=38.5301, lon=117.3702,
            caller_name="李大爷", caller_phone="13700003333", description="[bold red]平房冒烟[/] 有人喊着火了"))

        drill = actions.receive_report(session=s, operator=operator, received_at=ago(60), report=ReportIn(
            channel="system", type="flood", address="南大港湿地北堤", description="防汛演练：北堤管涌险情",
            is_drill=True))
        actions.verify(session=s, operator=operator, incident_no=drill.no, method="video", happened_at=ago(58))
        actions.grade(session=s, operator=operator, incident_no=drill.no, level="IV", happened_at=ago(57))

        false_alarm = actions.receive_report(session=s, operator=operator, received_at=ago(90), report=ReportIn(
            channel="phone", type="fire", address="港城大道加油站", description="看到浓烟"))
        actions.mark_false_alarm(session=s, operator=operator, incident_no=false_alarm.no,
                                 reason="加油站回电：为锅炉正常排烟", happened_at=ago(86))

        actions.issue_warning(session=s, operator=operator, happened_at=ago(120), warning=WarningIn(
            colour="yellow", type="暴雨", area="南大港管理区全域", area_geometry="circle:38.528,117.389 6.5",
            text_zh="预计未来6小时有暴雨，请做好防汛准备",
            text_en="Heavy rain expected within 6 hours", expires_at=now + timedelta(hours=6)))
        actions.set_resource_status(session=s, operator=operator, resource_code="SL-PU05", status="out_of_service",
                                    reason="发动机检修", happened_at=ago(100))


@dataclass(frozen=True)
class DemoSummary:
    units: int
    resources: int
    open_incidents: int
    entries: int


def summary(engine: Engine) -> DemoSummary:
    with read_session(engine) as s:

        def count(statement: Select[int]) -> int:
            return int(s.execute(statement).scalar_one())

        return DemoSummary(
            units=count(select(func.count()).select_from(Unit)),
            resources=count(select(func.count()).select_from(Resource)),
            open_incidents=count(select(func.count()).select_from(Incident).where(
                col(Incident.state).in_(["received", "verified", "active"]), col(Incident.is_drill).is_(False))),
            entries=count(select(func.count()).select_from(LedgerEntry)),
        )


def seed(engine: Engine) -> DemoSummary:
    """Fill an empty ledger with the demo; a ledger that already has entries is left as it is."""
    if summary(engine).entries == 0:
        load_roster(engine)
        seed_incidents(engine)
    return summary(engine)
