"""Lookups both sides share: a row by key (refused by name when missing), the open shift, a
warning's standing. They live on the read side so that a read module never imports the actions;
the actions import them from here.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TypeVar

from sqlalchemy import Select, bindparam, inspect, select
from sqlmodel import Session, SQLModel, col

from model.errors import DomainError
from model.tables import Incident, Shift, WarningNotice
from model.text import _

M = TypeVar("M", bound=SQLModel)


def plain(row: M) -> M:
    """A copy detached from any session, safe to hand to the UI or another thread.

    Fields are read as attributes, so columns `append` expired on a held row are loaded again.
    A row the action built and no session ever held (a new row `append` inserted) is plain
    already and is handed back as it is.
    """
    if inspect(row).transient:
        return row
    return type(row).model_validate({name: getattr(row, name) for name in type(row).model_fields})


@cache
def _by_key(model: type[M]) -> Select[M]:
    (key,) = model.__table__.primary_key.columns  # type: ignore[attr-defined]
    return select(model).where(key == bindparam("key"))


def stored(session: Session, model: type[M], key: object) -> M | None:
    """The row of `model` with this primary key, or None: `session.get` as one statement built once.

    `session.get` builds and keys its SELECT anew on every call that misses the session; an
    action looks up each row it writes, so the statement is made once per model here.
    """
    row: M | None = session.execute(_by_key(model), {"key": key}).scalars().first()
    return row


def incident(session: Session, no: str) -> Incident:
    row = stored(session, Incident, no)
    if row is None:
        raise DomainError(_("incident {no} does not exist").format(no=no))
    return row


def open_shift(session: Session) -> Shift | None:
    """The duty period now open, if any (only one is open at a time)."""
    statement = select(Shift).where(col(Shift.ended_at).is_(None)).order_by(col(Shift.id).desc())
    return session.execute(statement).scalars().first()


def in_force(row: WarningNotice, at: datetime) -> bool:
    """Issued or updated, already effective, and not past its expiry."""
    return (row.state != "lifted" and row.effective_at <= at
            and (row.expires_at is None or row.expires_at > at))
