"""The stored roster and incidents as rows of the same columns the importer reads.

Export and import share `model.columns`, so what an export writes an import reads back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from model.columns import COLUMNS, ImportKind
from model.tables import Expert, Incident, MaterialStock, Resource, Unit
from model.timefmt import local

ORDER: dict[ImportKind, tuple[Any, ...]] = {
    ImportKind.UNITS: (Unit, col(Unit.code)),
    ImportKind.RESOURCES: (Resource, col(Resource.code)),
    ImportKind.EXPERTS: (Expert, col(Expert.id)),
    ImportKind.MATERIALS: (MaterialStock, col(MaterialStock.id)),
    ImportKind.INCIDENTS: (Incident, col(Incident.no)),
}


def export_rows(session: Session, kind: ImportKind) -> Iterator[dict[str, Any]]:
    """One dict per stored record, keyed by English header; times in local time with their offset."""
    model, order = ORDER[kind]
    columns = COLUMNS[kind]
    for row in session.execute(select(model.__table__).order_by(order)).mappings():
        yield {column.en: _value(row[column.field]) for column in columns}


def _value(value: Any) -> Any:
    if hasattr(value, "tzinfo"):
        return local(value).isoformat()
    return value
