"""The situation board's read: what the command hall sees, from the demo ledger at a known time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from model import actions, clock, demo
from model.board import board_snapshot, local_day_start
from model.db import read_session, write_session
from model.figures import p90
from tests.conftest import FROZEN_AT


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    with clock.frozen(FROZEN_AT):
        demo.seed(engine)
    return engine


def test_open_incidents_by_level_without_drills(seeded: Engine) -> None:
    with read_session(seeded) as session:
        board = board_snapshot(session, FROZEN_AT)
    assert {count.level: count.count for count in board.levels} == {"I": 0, "II": 0, "III": 1, "IV": 1, None: 1}
    assert [incident.is_drill for incident in board.incidents].count(True) == 1, "the drill is listed, marked"
    assert board.figures.open == 3, "the drill is not counted"
    assert board.incidents[0].level == "III" and board.incidents[0].overdue_steps == 5


def test_overdue_steps_reports_out_of_service_and_warnings(seeded: Engine) -> None:
    with read_session(seeded) as session:
        board = board_snapshot(session, FROZEN_AT)
    assert len(board.overdue_steps) == 6
    assert all(step.due_at < FROZEN_AT for step in board.overdue_steps)
    assert [step.due_at for step in board.overdue_steps] == sorted(step.due_at for step in board.overdue_steps)
    assert [report.incident_no for report in board.reports_due][:2] == ["20261128-0003", "20261128-0001"]
    assert [(row.code, row.unit_name) for row in board.out_of_service] == [("SL-PU05", "南大港水利局")]
    assert [(warning.colour, warning.area) for warning in board.warnings] == [("yellow", "南大港管理区全域")]


def test_todays_figures_and_arrivals(seeded: Engine) -> None:
    """The leak's first engine was ordered at −34 min and arrived at −16: one arrival of 18 minutes."""
    with read_session(seeded) as session:
        board = board_snapshot(session, FROZEN_AT)
    figures = board.figures
    assert (figures.received, figures.ended, figures.dispatched, figures.on_scene) == (4, 0, 6, 1)
    assert (figures.available, figures.resources) == (79, 86)
    assert board.arrival_minutes == (18.0,)
    assert figures.arrival_p90_seconds == 18 * 60


def test_an_arrival_moves_the_figures(seeded: Engine) -> None:
    with clock.frozen(FROZEN_AT), write_session(seeded) as session:
        actions.set_resource_status(session=session, operator="值班员", resource_code="XF-HA01", status="on_scene",
                                    happened_at=FROZEN_AT - timedelta(minutes=1))
    with read_session(seeded) as session:
        board = board_snapshot(session, FROZEN_AT)
    assert board.arrival_minutes == (18.0, 33.0)
    assert board.figures.on_scene == 2


def test_the_day_starts_at_local_midnight() -> None:
    """02:00 UTC is 10:00 in Asia/Shanghai: the day began at 16:00 UTC the evening before."""
    assert local_day_start(FROZEN_AT) == FROZEN_AT.replace(hour=16) - timedelta(days=1)


def test_nearest_rank_p90() -> None:
    assert p90([]) is None
    assert p90([5.0]) == 5.0
    assert p90([float(value) for value in range(10, 0, -1)]) == 9.0
