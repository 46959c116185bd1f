"""The queue's, the roster's and the status bar's read models, and the queue's order.

Plain frozen dataclasses with no database import, so that the console's first rows (read with the
standard library's sqlite3, `model.first_rows`) need not wait for SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from model.config import load_config
from model.lifecycle import OPEN_INCIDENT_STATES, IncidentState


@dataclass(frozen=True)
class IncidentRow:
    no: str
    level: str | None
    type: str
    address: str
    state: str
    received_at: datetime
    is_drill: bool
    received_by: str
    overdue_steps: int
    description: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class ResourceRow:
    code: str
    name: str
    type: str
    unit_code: str
    unit_name: str
    kind: str
    tier: int
    status: str
    status_since: datetime | None
    incident_no: str | None
    unacknowledged_since: datetime | None
    """Dispatch time of a resource that has not acknowledged yet (for the acknowledgement alarm)."""


@dataclass(frozen=True)
class DeskFigures:
    open_incidents: int
    available_resources: int
    warnings_in_force: int
    shift_name: str
    officers: str


OPEN_STATES = frozenset(state.value for state in OPEN_INCIDENT_STATES)
DESK_STATES = OPEN_STATES | {IncidentState.ENDED.value}
"""The states of the incidents the desk's queue shows: open ones, and ended ones waiting to be closed."""


def desk_order(rows: Iterable[IncidentRow]) -> list[IncidentRow]:
    """The queue's order: open incidents by level (most severe first) then age, then ended ones by age."""
    config = load_config()
    listed = list(rows)
    opened = sorted((row for row in listed if row.state in OPEN_STATES),
                    key=lambda row: (config.level_rank(row.level), row.received_at))
    ended = sorted((row for row in listed if row.state == IncidentState.ENDED.value), key=lambda row: row.received_at)
    return opened + ended
