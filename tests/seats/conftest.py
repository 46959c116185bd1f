"""A roster with one person per role, and a small roster of resources and an open incident."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from model import actions
from model.config import load_config
from model.db import write_session
from model.schemas import ReportIn, ResourceIn, UnitIn

ROSTER = """
operators:
  - {login: zhang, name: 张伟, roles: [call_taker]}
  - {login: li, name: 李娜, roles: [dispatcher, duty_officer]}
  - {login: wang, name: 王强, roles: [shift_leader, duty_officer]}
typed_operator: true
"""


@pytest.fixture
def roster_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The center's configuration with its roster of operators, for one test."""
    path = tmp_path / "center.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    monkeypatch.setenv("LINKDESK_CONFIG", str(path))
    load_config.cache_clear()
    yield
    monkeypatch.delenv("LINKDESK_CONFIG")
    load_config.cache_clear()


@pytest.fixture
def incident_no(engine: Engine) -> str:
    """An open, verified incident and two available fire engines, entered by the duty officer li."""
    with write_session(engine) as session:
        actions.register_unit(session=session, operator="li", unit=UnitIn(
            code="XF", name="消防大队", kind="fire", tier=1, duty_phone="119"))
        for code in ("E1", "E2"):
            actions.register_resource(session=session, operator="li", resource=ResourceIn(
                code=code, unit_code="XF", type="fire_engine", name=f"水罐车 {code}"))
        row = actions.receive_report(session=session, operator="li", report=ReportIn(
            channel="119", type="fire", address="港城路1号", description="仓库起火"))
        actions.verify(session=session, operator="li", incident_no=row.no)
    return row.no
