"""What the plan pane shows, as plain values (read by `model.plan_read`), and the words for levels.

Kept apart from the read so that the console can paint the pane before SQLAlchemy is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.config import load_config
from model.text import _, language

if TYPE_CHECKING:
    from model.checklist import StepView


@dataclass(frozen=True)
class PlanView:
    """The selected incident's plan as the pane draws it, detached from the database."""

    incident_no: str | None
    title: str
    steps: list[StepView] = field(default_factory=list)
    settlements: dict[str, str] = field(default_factory=dict)
    """Step id → the entry that settled it, in words ("command post opened: 张三, 上风向停车场")."""


def level_words(code: str | None) -> str:
    """`level III (Larger)` / `III级（较大）`; an ungraded incident as "not graded"."""
    if not code:
        return _("not graded")
    entry = load_config().level(code)
    return _("level {code} ({name})").format(code=code, name=entry.zh if language() == "zh" else entry.en)
