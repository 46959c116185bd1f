"""The proposed level follows the configured thresholds, says why, and is never I by default."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import Session

from model import actions
from model.grading import loss_yuan, propose, propose_level
from tests.model.conftest import OPERATOR, report


@pytest.mark.parametrize(("deaths", "injured", "losses", "level"), [
    (None, None, "", "IV"), (0, 2, "", "IV"), (3, 0, "", "III"), (0, 10, "", "III"), (9, 49, "", "III"),
    (10, 0, "", "II"), (0, 50, "", "II"), (None, None, "直接经济损失约6000万元", "II"), (30, 0, "", "I"),
    (0, 0, "1.2亿元", "I"), (0, 0, "300000元", "IV"),
])
def test_the_figures_give_the_level(deaths: int | None, injured: int | None, losses: str, level: str) -> None:
    assert propose(deaths, injured, losses).level == level


def test_the_reason_names_the_figures_and_the_threshold(session: Session, frozen_clock: datetime) -> None:
    leak = actions.receive_report(session=session, operator=OPERATOR, report=report(injured=2))
    proposal = propose_level(session, leak.no)
    assert proposal.level == "IV"
    assert proposal.reason == ("0 dead, 2 injured: below level III (3 dead, 10 injured or 10,000,000 yuan), "
                               "proposed IV General")
    assert "\n" not in proposal.reason
    assert propose(3, 0, "").reason == "3 dead, 0 injured: reaches level III Larger by deaths"


def test_a_loss_is_read_from_the_words_it_is_written_in() -> None:
    assert loss_yuan("约500万元") == 5_000_000 and loss_yuan("1.5亿") == 150_000_000 and loss_yuan("暂无") is None
