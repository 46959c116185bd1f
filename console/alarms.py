"""Which deadlines have passed and which alarms are new: pure functions the clock tick calls."""

from __future__ import annotations

from collections import Counter
from datetime import datetime


def overdue_steps(deadlines: list[tuple[str, str, datetime]], now: datetime) -> set[tuple[str, str]]:
    """(incident, step) of every pending step past its due time."""
    return {(incident_no, step_id) for incident_no, step_id, due in deadlines if due < now}


def per_incident(steps: set[tuple[str, str]]) -> dict[str, int]:
    return dict(Counter(incident_no for incident_no, _ in steps))
