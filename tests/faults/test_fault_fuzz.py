"""Hypothesis throws arbitrary import rows and typed text at the model: only linkdesk's own errors.

A bad cell or a strange string must end as a refusal the desk can show (DomainError, or the
form's ValidationError before any action runs), never as a crash, and the ledger must verify.
Plan YAML is fuzzed beside the plan loader's tests (tests/model/test_plans_property.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from rich.control import strip_control_codes
from rich.text import Text
from sqlalchemy import Engine

from model import actions, ledger
from model.actions import FileRow, ImportSource
from model.columns import ImportKind
from model.db import read_session, write_session
from model.errors import LinkdeskError
from model.schemas import ReportIn, UnitIn

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
cell = st.one_of(st.text(max_size=30), st.sampled_from(["", "XF", "停用", "available", "on_scene", "1e999",
                                                         "nan", "-91", "38.5", "[bold]x[/]", "\x00", "　"]))
RESOURCE_FIELDS = ["code", "unit_code", "type", "name", "status", "lat", "lon", "capacity"]


@pytest.fixture
def fuzz_engine(engine: Engine) -> Iterator[Engine]:
    """The test's fresh ledger (`engine`: an SQLite file or the worker's PostgreSQL database) with one
    unit; every example of the test writes to it, and its chain must verify after the last."""
    with write_session(engine) as session:
        actions.register_unit(session=session, operator="fuzz", unit=UnitIn(
            code="XF", name="消防救援大队", kind="fire", tier=1, duty_phone="119"))
    yield engine
    with read_session(engine) as session:
        report = ledger.verify(session)
    assert report.ok, report.problem


@FUZZ
@given(rows=st.lists(st.fixed_dictionaries({}, optional={name: cell for name in RESOURCE_FIELDS}), max_size=6))
def test_import_rows_refuse_or_import(fuzz_engine: Engine, rows: list[dict[str, str]]) -> None:
    file_rows = [FileRow(number, cells) for number, cells in enumerate(rows, start=2)]
    with write_session(fuzz_engine) as session, contextlib.suppress(LinkdeskError):
        actions.import_rows(session=session, operator="fuzz", kind=ImportKind.RESOURCES, rows=file_rows,
                            source=ImportSource("fuzz.csv", "0" * 64, "csv"))


@FUZZ
@given(fields=st.fixed_dictionaries(
    {"channel": st.sampled_from(["119", "120", "电话", "radio", "", "x"]),
     "type": st.sampled_from(["fire", "flood", "火灾", "", "nothing"]),
     "address": st.text(max_size=40)},
    optional={"description": st.text(max_size=80), "caller_name": st.text(max_size=20),
              "caller_phone": st.text(max_size=20), "lat": st.floats(allow_nan=True),
              "injured": st.integers(-5, 10**12), "trend": st.text(max_size=20),
              "external_id": st.one_of(st.none(), st.text(max_size=8))}))
def test_typed_report_text_is_refused_or_recorded_verbatim(fuzz_engine: Engine, fields: dict[str, object]) -> None:
    try:
        report = ReportIn.model_validate(fields)
    except ValidationError:
        return
    with write_session(fuzz_engine) as session:
        try:
            row = actions.receive_report(session=session, operator="fuzz", report=report)
        except LinkdeskError:
            return
    assert row.address == report.address and row.description == report.description
    # Shown as text, not markup: every character survives except the control codes Rich drops.
    assert Text(row.description).plain == strip_control_codes(report.description)
