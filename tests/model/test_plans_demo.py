"""The demo shows plans at work: done, due, overdue and approval-blocked steps on live incidents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select

from model import clock, demo, ledger
from model.checklist import step_views
from model.db import read_session
from model.tables import Incident, PlanActivation


def test_demo_runs_the_leak_and_crash_plans(engine: Engine, frozen_clock: datetime) -> None:
    demo.seed(engine)
    with read_session(engine) as session:
        running = {row.plan_id: row for row in session.execute(select(PlanActivation)).scalars()}
        levels = {plan_id: row.level for plan_id, row in running.items()}
        assert levels == {"hazardous_chemical_leak": "III", "traffic_accident": "IV"}
        leak = step_views(session, running["hazardous_chemical_leak"].incident_no, clock.now())
        states = {view.state for view in leak}
        assert {"done", "pending", "overdue", "blocked"} <= states
        assert any(view.reason == "waits for approval by 管委会" for view in leak)
        crash = session.get(Incident, running["traffic_accident"].incident_no)
        assert crash is not None and crash.state == "active"
        assert ledger.verify(session).ok
