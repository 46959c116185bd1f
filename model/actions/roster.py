"""Roster actions: units, resources, experts and material stocks, each an upsert by its key."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from model import ledger
from model.actions._core import M, action, plain, require
from model.ledger import Change
from model.lookups import stored
from model.schemas import ExpertIn, MaterialIn, ResourceIn, UnitIn
from model.tables import Expert, MaterialStock, Resource, Unit


def _upsert(session: Session, operator: str, kind: str, existing: M | None, new: M, fields: dict[str, Any]) -> M:
    """Insert `new`, or update the changed fields of `existing`; an unchanged row writes nothing.

    The row returned holds what was written: a new row as built, an updated one read again for the
    columns `append` changed (it expires them on the row the session holds).
    """
    if existing is None:
        ledger.append(session, kind=f"{kind}_registered", operator=operator, changes=[Change.new(new)],
                      facts={kind: fields})
        return new
    changed = {name: value for name, value in fields.items() if getattr(existing, name) != value}
    if changed:
        ledger.append(session, kind=f"{kind}_updated", operator=operator,
                      changes=[Change.set(existing, **changed)], facts={kind: fields})
    return existing


@action
def register_unit(*, session: Session, operator: str, unit: UnitIn) -> Unit:
    fields = unit.model_dump()
    return plain(_upsert(session, operator, "unit", stored(session, Unit, unit.code), Unit(**fields), fields))


@action
def register_resource(*, session: Session, operator: str, resource: ResourceIn) -> Resource:
    require(stored(session, Unit, resource.unit_code) is not None,
            "resource {code}: unit {unit} is not on the roster", code=resource.code, unit=resource.unit_code)
    fields = resource.model_dump()
    return plain(_upsert(session, operator, "resource", stored(session, Resource, resource.code),
                         Resource(**fields), fields))


@action
def register_expert(*, session: Session, operator: str, expert: ExpertIn) -> Expert:
    fields = expert.model_dump()
    existing: Expert | None = session.execute(select(Expert).where(col(Expert.name) == expert.name,
                                                                   col(Expert.phone) == expert.phone)).scalars().first()
    new = Expert(id=existing.id if existing else ledger.next_id(session, Expert), **fields)
    return plain(_upsert(session, operator, "expert", existing, new, fields))


@action
def set_material_stock(*, session: Session, operator: str, material: MaterialIn) -> MaterialStock:
    require(stored(session, Unit, material.unit_code) is not None,
            "material {item}: unit {unit} is not on the roster", item=material.item, unit=material.unit_code)
    fields = material.model_dump()
    existing: MaterialStock | None = session.execute(select(MaterialStock).where(
        col(MaterialStock.item) == material.item, col(MaterialStock.unit_code) == material.unit_code,
        col(MaterialStock.location) == material.location)).scalars().first()
    new = MaterialStock(id=existing.id if existing else ledger.next_id(session, MaterialStock), **fields)
    return plain(_upsert(session, operator, "material", existing, new, fields))
