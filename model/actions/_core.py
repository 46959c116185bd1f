"""What every action shares: one transaction, readable refusals, lookups that name the missing thing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from model import clock
from model.db import translated
from model.errors import DomainError
from model.fulfilment import Work, settled_steps
from model.roles import require_on_roster
from model.tables import Incident, Resource, StepState
from model.text import _

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=SQLModel)


def action(function: Callable[P, R]) -> Callable[P, R]:
    """Run a write in one transaction: committed whole, or rolled back whole with the reason raised."""

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        session = kwargs["session"]
        assert isinstance(session, Session)
        where = str(session.get_bind().url.database or _("the ledger"))
        try:
            require_on_roster(str(kwargs["operator"]))
            with translated(where):
                result = function(*args, **kwargs)
                session.commit()
        except BaseException:
            session.rollback()
            raise
        return result

    return run


def moment(happened_at: datetime | None) -> datetime:
    """When the action happened: the given time for a late entry, else now (aware UTC either way)."""
    return clock.as_utc(happened_at) if happened_at else clock.now()


def plain(row: M) -> M:
    """A copy detached from any session, safe to hand to the UI or another thread."""
    return type(row).model_validate(row.model_dump())


def incident(session: Session, no: str) -> Incident:
    row = session.get(Incident, no)
    if row is None:
        raise DomainError(_("incident {no} does not exist").format(no=no))
    return row


def resource(session: Session, code: str) -> Resource:
    row = session.get(Resource, code)
    if row is None:
        raise DomainError(_("resource {code} does not exist").format(code=code))
    return row


def step(session: Session, incident_no: str, step_id: str) -> StepState:
    row = session.execute(
        select(StepState).where(StepState.incident_no == incident_no, StepState.step_id == step_id)  # type: ignore[arg-type]
    ).scalar_one_or_none()
    if row is None:
        raise DomainError(_("incident {no} has no step {step}").format(no=incident_no, step=step_id))
    return row


def require(condition: bool, message: str, **values: Any) -> None:
    """Refuse with a translated message when a rule does not hold."""
    if not condition:
        raise DomainError(_(message).format(**values))


def settled_by_work(session: Session, incident_no: str | None, work: Work) -> list[StepState]:
    """The incident's pending steps that the work being recorded settles (see model.fulfilment)."""
    if incident_no is None:
        return []
    rows = session.execute(select(StepState).where(StepState.incident_no == incident_no)  # type: ignore[arg-type]
                           .order_by(StepState.position)).scalars().all()  # type: ignore[arg-type]
    return settled_steps(rows, work)


def with_steps(facts: dict[str, Any], settled: list[StepState]) -> dict[str, Any]:
    """The entry's facts, naming the steps it settles when it settles any."""
    return {**facts, "steps": [row.step_id for row in settled]} if settled else facts
