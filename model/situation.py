"""What the situation board and the map both read: the queue's incidents as they stand, resources with units.

Plain frozen read models (`model.board`, `model.map_features` build theirs on these), so that the
two views of the same ledger say the same of an incident and of a resource.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Self

from sqlalchemy import ColumnElement, Row, select
from sqlmodel import Session, col

from model.read_models import IncidentRow
from model.tables import Resource, Unit


@dataclass(frozen=True)
class SituationIncident:
    """An incident as the board lists it and the map marks it: the queue's row without the desk's details."""

    no: str
    level: str | None
    type: str
    address: str
    state: str
    is_drill: bool
    received_at: datetime
    overdue_steps: int

    @classmethod
    def of(cls, row: IncidentRow, **more: Any) -> Self:
        """The incident of a queue row; `more` are the fields a subclass adds."""
        return cls(no=row.no, level=row.level, type=row.type, address=row.address, state=row.state,
                   is_drill=row.is_drill, received_at=row.received_at, overdue_steps=row.overdue_steps, **more)


def resources_with_units(session: Session, *criteria: ColumnElement[bool]) -> Sequence[Row[Resource, Unit]]:
    """Each resource that meets `criteria` with its unit, by resource code."""
    return session.execute(select(Resource, Unit).join(Unit, col(Unit.code) == col(Resource.unit_code))
                           .where(*criteria).order_by(col(Resource.code))).all()
