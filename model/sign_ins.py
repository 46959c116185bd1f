"""Who signed in at which seat (上岗签到), read back from the ledger.

A sign-in changes no state table: the entry is the record. `model.actions.seats` writes it; the
shift report and `linkdesk seats` read it here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from model.tables import LedgerEntry

SIGNED_IN = "seat_signed_in"
"""The kind of the entry a sign-in writes."""


@dataclass(frozen=True)
class SignIn:
    """One operator signed in at one seat: from the entry, in plain values."""

    seq: int
    at: datetime
    operator: str
    name: str
    seat: str
    roles: tuple[str, ...]
    shift_id: int | None


def sign_ins(session: Session, shift_id: int | None) -> list[SignIn]:
    """The sign-ins recorded during a shift (all of them when `shift_id` is None), oldest first."""
    statement = select(LedgerEntry).where(LedgerEntry.kind == SIGNED_IN)  # type: ignore[arg-type]
    if shift_id is not None:
        statement = statement.where(LedgerEntry.shift_id == shift_id)  # type: ignore[arg-type]
    found = []
    for entry in session.execute(statement.order_by(LedgerEntry.seq)).scalars():  # type: ignore[arg-type]
        facts = json.loads(entry.payload)["facts"]
        found.append(SignIn(entry.seq, entry.happened_at, entry.operator, str(facts["name"]), str(facts["seat"]),
                            tuple(facts["roles"]), entry.shift_id))
    return found
