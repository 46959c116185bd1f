"""A small roster and a way to read back the entries an action wrote."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session

from model import actions
from model.schemas import ReportIn, ResourceIn, UnitIn
from model.tables import Incident, LedgerEntry

OPERATOR = "officer"


@pytest.fixture
def roster(session: Session) -> None:
    actions.register_unit(session=session, operator=OPERATOR, unit=UnitIn(
        code="XF", name="消防大队", kind="fire", tier=1, duty_phone="119"))
    for code in ("XF-E12", "XF-E13"):
        actions.register_resource(session=session, operator=OPERATOR, resource=ResourceIn(
            code=code, unit_code="XF", type="fire_engine", name=f"水罐车 {code}"))


def report(**overrides: Any) -> ReportIn:
    fields: dict[str, Any] = {"channel": "119", "type": "fire", "address": "港城路1号", "description": "仓库起火"}
    return ReportIn(**{**fields, **overrides})


@pytest.fixture
def open_incident(session: Session, roster: None, frozen_clock: Any) -> Incident:
    return actions.receive_report(session=session, operator=OPERATOR, report=report())


def entries(session: Session) -> list[LedgerEntry]:
    """Every entry so far; ends the read so the write lock is not held between steps of a test."""
    rows = list(session.execute(select(LedgerEntry).order_by(LedgerEntry.seq)).scalars())  # type: ignore[arg-type]
    session.expunge_all()
    session.rollback()
    return rows


def last_entry(session: Session) -> tuple[LedgerEntry, dict[str, Any]]:
    entry = entries(session)[-1]
    return entry, json.loads(entry.payload)
