"""The incident reads as sentences with every fact; `d` offers what the plan still wants first."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import Engine, select
from sqlmodel import Session

from model import actions, demo
from model.plans import load_plans
from model.queries import dispatch_choices, incident_timeline
from model.tables import Incident, PlanActivation

STEP_IDS = {planned.step.id for plan in load_plans() for planned in plan.ordered_steps()}
RAW = re.compile(r'[{}\[\]]|":|\b(?:' + "|".join(sorted(STEP_IDS, key=len, reverse=True)) + r')\b')


def _leak(session: Session) -> str:
    activation = session.execute(select(PlanActivation).where(
        PlanActivation.plan_id == "hazardous_chemical_leak")).scalar_one()
    return activation.incident_no


def test_the_timeline_tells_every_fact_in_sentences(engine: Engine, session: Session, frozen_clock: datetime,
                                                     chinese: None) -> None:
    demo.seed(engine)
    no = _leak(session)
    actions.record_approval(session=session, operator="李娜", incident_no=no, authority="管委会", approved_by="王主任",
                            channel="phone", step_id="start_level_iii")
    lines = incident_timeline(session, no)
    text = "\n".join(line.sentence for line in lines)
    assert "管委会王主任通过电话表示同意：“报管委会同意后，启动III级应急响应”" in text
    assert "总指挥管委会副主任 刘强，联系电话13800005555" in text
    assert "已核实：回拨核实" in text
    for line in lines:
        assert not RAW.search(line.sentence), line.sentence
        assert not re.search(r"\b(?:received|dispatched|steps|facts|phone)\b", line.sentence), line.sentence


def test_dispatch_choices_recommend_what_the_plan_still_wants(engine: Engine, session: Session,
                                                             frozen_clock: datetime) -> None:
    demo.seed(engine)
    no = _leak(session)
    choices = dispatch_choices(session, no)
    wanted = {item.step_id for item in choices.recommended}
    assert {"monitoring", "cut_power", "evacuate"} <= wanted and "send_fire" not in wanted
    assert choices.said.startswith("Preselected: Environmental monitoring vehicle ×1")
    recommended = {item.resource.code for item in choices.recommended}
    assert recommended.isdisjoint(row.code for row in choices.others)
    assert all(row.status == "available" for row in choices.others)
    assert choices.units_wanted[0].startswith("Tier 1 first responders: Fire and rescue 4 (engaged 1)")
    fire = session.execute(select(Incident).where(Incident.type == "fire", Incident.state == "received")).scalar_one()
    first = dispatch_choices(session, fire.no)
    assert first.recommended and first.recommended[0].resource.type == "fire_engine", "the proposed plan's first step"
    short = dispatch_choices(session, no, {"crane": 9}, step_id=None)
    assert short.shortfall == ["Crane ×7"] and "not enough available: Crane ×7" in short.said
