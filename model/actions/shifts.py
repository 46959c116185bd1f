"""Shift actions (班次): start a duty period and hand it over with notes."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from model import ledger
from model.actions._core import action, moment, plain, require
from model.ledger import Change
from model.lookups import open_shift
from model.roles import require_role
from model.tables import Shift


def _new_shift(session: Session, name: str, officers: list[str], when: datetime) -> Shift:
    names = [officer.strip() for officer in officers if officer.strip()]
    require(bool(name.strip()), "a shift needs a name")
    require(bool(names), "a shift needs at least one officer on duty")
    return Shift(id=ledger.next_id(session, Shift), name=name, officers=", ".join(names), started_at=when)


@action
def start_shift(*, session: Session, operator: str, name: str, officers: list[str],
                happened_at: datetime | None = None) -> Shift:
    """Open a duty period; only one shift is open at a time."""
    current = open_shift(session)
    require(current is None, "shift {name} (started {at}) is still open: hand it over first",
            name=current.name if current else "",
            at=current.started_at.isoformat(timespec="minutes") if current else "")
    when = moment(happened_at)
    row = _new_shift(session, name, officers, when)
    ledger.append(session, kind="shift_started", operator=operator, happened_at=when,
                  changes=[Change.new(row)], facts={"shift": row.id, "officers": row.officers})
    return plain(row)


@action
def hand_over_shift(*, session: Session, operator: str, notes: str, handed_to: str,
                    next_name: str | None = None, next_officers: list[str] | None = None,
                    happened_at: datetime | None = None) -> Shift:
    """End the open shift with handover notes; optionally start the next one in the same entry.

    The entry records the head of the chain as it stood just before it (`facts.head`, the entry
    before the handover's own): the head the shift report prints at its signature lines when it
    is printed for the handover, so paper and ledger name the same anchor.
    """
    require_role("hand_over_shift", operator)
    current = open_shift(session)
    require(current is not None, "no shift is open to hand over")
    assert current is not None
    require(bool(handed_to.strip()), "a handover names the officer who takes over")
    when = moment(happened_at)
    changes = [Change.set(current, ended_at=when, handover_notes=notes, handed_to=handed_to)]
    following = None
    if next_name is not None:
        following = _new_shift(session, next_name, next_officers or [handed_to], when)
        changes.append(Change.new(following))
    head = ledger.head(session)
    ledger.append(session, kind="shift_handed_over", operator=operator, happened_at=when, changes=changes,
                  facts={"shift": current.id, "handed_to": handed_to, "next": following.id if following else None,
                         "head": {"seq": head.seq, "hash": head.hash} if head else None})
    return plain(following or session.get_one(Shift, current.id))
