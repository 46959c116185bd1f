"""The level the record suggests (定级建议): configured thresholds against the recorded casualties and loss.

The officer decides; the console proposes. The thresholds are the configuration's
`grading_thresholds` (the production-safety figures of DOMAIN.md §4 by default), tried from the
most severe level down; any one figure at or above a level's threshold gives that level. Below
every threshold, or with nothing recorded, the proposal is the least severe level: never I by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session

from model.config import load_config
from model.lookups import incident
from model.text import _, pick

LOSS_UNITS = {"亿": 100_000_000, "万": 10_000, "千": 1_000}
LOSS_PATTERN = re.compile(r"(\d+(?:\.\d+)?)\s*(亿|万|千)?\s*(?:元|yuan|CNY)?", re.IGNORECASE)
"""A loss written as 500万元, 1.2亿, 300000元 or 2000000 yuan; the largest figure in the text counts."""


@dataclass(frozen=True)
class LevelProposal:
    """The proposed level and the one line that says why."""

    level: str
    reason: str


def loss_yuan(text: str) -> float | None:
    """The direct loss in yuan that a free-text losses field states, or None when it states no figure."""
    figures = [float(number) * LOSS_UNITS.get(unit or "", 1) for number, unit in LOSS_PATTERN.findall(text or "")]
    return max(figures) if figures else None


def _figures(deaths: int, injured: int, loss: float | None) -> str:
    said = _("{deaths} dead, {injured} injured").format(deaths=deaths, injured=injured)
    if loss is not None:
        said += _(", loss {amount} yuan").format(amount=f"{loss:,.0f}")
    return said


def propose(deaths: int | None, injured: int | None, losses: str) -> LevelProposal:
    """The level the figures give, with the reason in one line (pure: no database)."""
    config = load_config()
    loss = loss_yuan(losses)
    least = max(config.levels, key=lambda level: level.rank)
    if deaths is None and injured is None and loss is None:
        return LevelProposal(least.code, _("no casualties or loss recorded yet: proposed {level}").format(
            level=f"{least.code} {pick(least.zh, least.en)}"))
    dead, hurt = deaths or 0, injured or 0
    by_rank = sorted(config.grading_thresholds, key=lambda item: config.level(item.level).rank)
    for threshold in by_rank:
        reached = [name for name, value, limit in (
            (_("deaths"), dead, threshold.deaths), (_("injured"), hurt, threshold.injured),
            (_("loss"), loss or 0, threshold.loss_yuan)) if value >= limit]
        if reached:
            level = config.level(threshold.level)
            return LevelProposal(level.code, _("{figures}: reaches level {level} by {what}").format(
                figures=_figures(dead, hurt, loss), level=f"{level.code} {pick(level.zh, level.en)}",
                what=_(", ").join(reached)))
    lowest = by_rank[-1] if by_rank else None
    limits = (_("below level {level} ({deaths} dead, {injured} injured or {amount} yuan)").format(
        level=lowest.level, deaths=lowest.deaths, injured=lowest.injured, amount=f"{lowest.loss_yuan:,.0f}")
        if lowest else "")
    return LevelProposal(least.code, _("{figures}: {limits}, proposed {level}").format(
        figures=_figures(dead, hurt, loss), limits=limits, level=f"{least.code} {pick(least.zh, least.en)}"))


def propose_level(session: Session, incident_no: str) -> LevelProposal:
    """The level proposed for an incident from its recorded deaths, injured and losses."""
    row = incident(session, incident_no)
    return propose(row.deaths, row.injured, row.losses)
