"""Signing in at a seat (上岗签到): who sits where this shift, recorded in the ledger.

A sign-in changes no state table: the entry is the record, and the shift report reads the
sign-ins of its shift back from the ledger. The operator is the entry's, vouched for by the
system (the OS login, or the database role on PostgreSQL), so a seat cannot sign in someone else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from model import ledger, roles
from model.actions._core import action, moment, require
from model.config import load_config
from model.lookups import open_shift
from model.sign_ins import SIGNED_IN, SignIn, sign_ins
from model.tables import LedgerEntry
from model.text import pick


@action
def sign_in(*, session: Session, operator: str, seat: str, happened_at: datetime | None = None) -> SignIn:
    """Record that `operator` sits at `seat` from now, with the roles the roster gives them."""
    config = load_config()
    seat = seat.strip()
    require(bool(seat), "a sign-in names the seat")
    if config.seats:
        known = {named.code for named in config.seats}
        require(seat in known, "{seat!r} is not one of this desk's seats: {known}", seat=seat,
                known=", ".join(f"{named.code} ({pick(named.zh, named.en)})" for named in config.seats))
    roles.require_on_roster(operator)
    name, held = _who(operator)
    entry = ledger.append(session, kind=SIGNED_IN, operator=operator, happened_at=moment(happened_at),
                          facts={"seat": seat, "name": name, "roles": list(held)})
    return SignIn(entry.seq, entry.happened_at, operator, name, seat, held, entry.shift_id)


def _who(operator: str) -> tuple[str, tuple[str, ...]]:
    """The operator's name and roles by the roster; off a roster that lists nobody, every role."""
    listed = roles.operator(operator)
    if listed is not None:
        return listed.name, listed.roles
    return operator, tuple(role.code for role in load_config().roles)


@dataclass(frozen=True)
class SeatCheck:
    """What a desk starting up needs to ask for the seat: who the operator is and where they sit."""

    name: str
    roles: tuple[str, ...]
    shift_open: bool
    seat: str | None
    """The seat the operator signed in at last in the open shift; None: not signed in during it."""
    shift_id: int | None = None
    """The open shift's id; None when no shift is open."""
    shift_by: str | None = None
    """Who wrote the newest shift entry (a start or a handover), when asked for (`shift_change`)."""


SHIFT_KINDS = ("shift_started", "shift_handed_over")
"""The kinds of the entries that open or end a shift."""


def seat_check(session: Session, operator: str) -> SeatCheck:
    """The operator's name, roles and seat in the open shift (no seat when no shift is open)."""
    name, held = _who(operator)
    shift = open_shift(session)
    if shift is None:
        return SeatCheck(name, held, False, None)
    mine = [signed for signed in sign_ins(session, shift.id) if signed.operator == operator]
    return SeatCheck(name, held, True, mine[-1].seat if mine else None, shift.id)


def shift_change(session: Session, operator: str) -> SeatCheck:
    """`seat_check` after a shift entry, saying who wrote the newest one (this desk or another)."""
    newest = session.execute(select(col(LedgerEntry.operator)).where(col(LedgerEntry.kind).in_(SHIFT_KINDS))
                             .order_by(col(LedgerEntry.seq).desc()).limit(1)).scalar()
    return replace(seat_check(session, operator), shift_by=newest)


def seat_name(code: str) -> str:
    """A seat by its configured name in the desk's language; a seat the configuration lacks by its code."""
    for named in load_config().seats:
        if named.code == code:
            return pick(named.zh, named.en)
    return code
