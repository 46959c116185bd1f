"""What every action shares: one transaction, readable refusals, lookups that name the missing thing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select
from sqlmodel import Session, SQLModel, col

from model import clock
from model.db import engine_name, translated
from model.errors import DomainError
from model.fulfilment import Work, settled_steps
from model.lookups import incident as incident
from model.lookups import plain as plain
from model.lookups import stored
from model.roles import require_on_roster
from model.tables import Resource, StepState
from model.text import _

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=SQLModel)


IN_ACTION = "linkdesk_in_action"
"""Set in a session's `info` while an action runs in it, so an action called from another joins its transaction."""


def action(function: Callable[P, R]) -> Callable[P, R]:
    """Run a write in one transaction: committed whole, or rolled back whole with the reason raised.

    An action called from inside another (a drill feeding an inject records the inject's own
    action and the entry that ties it to the drill) runs in the outer one's transaction, so the
    two entries are written together or not at all.
    """

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        session = kwargs["session"]
        assert isinstance(session, Session)
        if session.info.get(IN_ACTION):
            return function(*args, **kwargs)
        engine = session.get_bind().engine
        where = engine_name(engine) if engine.url.database else _("the ledger")
        session.info[IN_ACTION] = True
        try:
            require_on_roster(str(kwargs["operator"]))
            with translated(where):
                result = function(*args, **kwargs)
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.info.pop(IN_ACTION, None)
        return result

    return run


def moment(happened_at: datetime | None) -> datetime:
    """When the action happened: the given time for a late entry, else now (aware UTC either way)."""
    return clock.as_utc(happened_at) if happened_at else clock.now()


def resource(session: Session, code: str) -> Resource:
    row = stored(session, Resource, code)
    if row is None:
        raise DomainError(_("resource {code} does not exist").format(code=code))
    return row


def step(session: Session, incident_no: str, step_id: str) -> StepState:
    row: StepState | None = session.execute(
        select(StepState).where(col(StepState.incident_no) == incident_no, col(StepState.step_id) == step_id)
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
    rows = session.execute(select(StepState).where(col(StepState.incident_no) == incident_no)
                           .order_by(col(StepState.position))).scalars().all()
    return settled_steps(rows, work)


def with_steps(facts: dict[str, Any], settled: list[StepState]) -> dict[str, Any]:
    """The entry's facts, naming the steps it settles when it settles any."""
    return {**facts, "steps": [row.step_id for row in settled]} if settled else facts
