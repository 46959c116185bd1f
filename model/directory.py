"""Resources, units and experts looked up by what a command line names them, as plain values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from model.errors import DomainError
from model.lookups import stored
from model.tables import Expert, Resource, Unit
from model.text import _


@dataclass(frozen=True)
class ResourceNamed:
    """A resource as an order names and checks it: its code, name, status and the incident it works for."""

    code: str
    name: str
    status: str
    incident_no: str | None


@dataclass(frozen=True)
class ExpertNamed:
    id: int
    name: str


def resource_named(session: Session, code: str) -> ResourceNamed:
    """The resource with this code; refuses a code that does not exist."""
    row = stored(session, Resource, code)
    if row is None:
        raise DomainError(_("resource {code} does not exist").format(code=code))
    return ResourceNamed(row.code, row.name, row.status, row.incident_no)


def unit_names(session: Session, codes: Iterable[str]) -> list[str]:
    """The names of the units with these codes, each once, in the order given; unknown codes left out."""
    return [row.name for code in dict.fromkeys(codes) if (row := session.get(Unit, code)) is not None]


def expert_named(session: Session, name: str) -> ExpertNamed:
    """The one expert of the roster with this name; refuses none or several."""
    found = list(session.execute(select(Expert).where(col(Expert.name) == name.strip())).scalars())
    if len(found) != 1:
        raise DomainError((_("no expert is called {name}") if not found else
                           _("{count} experts are called {name}")).format(name=name, count=len(found)))
    return ExpertNamed(found[0].id, found[0].name)
