"""Warning actions (预警): issue, update and lift; "in force" is derived from times, not stored."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from model import clock, ledger, timefmt
from model.actions._core import action, incident, moment, plain, require, settled_by_work, step, with_steps
from model.errors import DomainError
from model.fulfilment import Work, settling
from model.ledger import Change
from model.lookups import in_force as in_force
from model.schemas import WarningIn
from model.tables import WarningNotice
from model.text import _


def _warning(session: Session, warning_id: int) -> WarningNotice:
    row = session.get(WarningNotice, warning_id)
    if row is None:
        raise DomainError(_("warning {id} does not exist").format(id=warning_id))
    return row


def _check_times(values: WarningIn, when: datetime) -> tuple[datetime, datetime | None]:
    effective = clock.as_utc(values.effective_at) if values.effective_at else when
    expires = clock.as_utc(values.expires_at) if values.expires_at else None
    require(expires is None or expires > effective, "a warning must expire after it takes effect")
    return effective, expires


@action
def issue_warning(*, session: Session, operator: str, warning: WarningIn, step_id: str | None = None,
                  happened_at: datetime | None = None) -> WarningNotice:
    """Issue a new warning of a colour for an area.

    For an incident, the warning settles the plan step that asks for it: the step it was issued
    from, or else the first pending step asking for a warning of its colour.
    """
    if warning.incident_no:
        incident(session, warning.incident_no)
    require(step_id is None or warning.incident_no is not None, "a warning issued for a plan step names its incident")
    if step_id is not None and warning.incident_no is not None:
        step(session, warning.incident_no, step_id)
    when = moment(happened_at)
    effective, expires = _check_times(warning, when)
    fields = warning.model_dump(exclude={"effective_at", "expires_at"})
    row = WarningNotice(id=ledger.next_id(session, WarningNotice), effective_at=effective,
                        expires_at=expires, issued_at=when, state="issued", **fields)
    settled = settled_by_work(session, warning.incident_no, Work("warning_issued", step_id=step_id, colour=row.colour))
    ledger.append(session, kind="warning_issued", operator=operator, incident_no=warning.incident_no,
                  happened_at=when, changes=[Change.new(row)],
                  changes_of_seq=settling(settled, when=when, operator=operator),
                  facts=with_steps({"warning": row.id, "colour": row.colour, "area": row.area}, settled))
    return plain(row)


@action
def update_warning(*, session: Session, operator: str, warning_id: int, warning: WarningIn,
                   happened_at: datetime | None = None) -> WarningNotice:
    """Replace a warning's level, area, text or validity; the revision number goes up.

    A drill stays a drill and a real warning stays real: receivers file the whole chain of
    messages under one status, so a change of status is a new warning.
    """
    row = _warning(session, warning_id)
    require(row.state != "lifted", "warning {id} was lifted: issue a new one instead", id=warning_id)
    require(warning.is_drill or not row.is_drill, "warning {id} is a drill: an update cannot make it real",
            id=warning_id)
    require(row.is_drill or not warning.is_drill, "warning {id} is real: an update cannot make it a drill",
            id=warning_id)
    if warning.incident_no:
        incident(session, warning.incident_no)
    when = moment(happened_at)
    effective, expires = _check_times(warning, when)
    fields = warning.model_dump(exclude={"effective_at", "expires_at"})
    ledger.append(session, kind="warning_updated", operator=operator, incident_no=warning.incident_no,
                  happened_at=when,
                  changes=[Change.set(row, **fields, effective_at=effective, expires_at=expires,
                                      state="updated", updated_at=when, revision=row.revision + 1)],
                  facts={"warning": warning_id, "colour": warning.colour, "revision": row.revision + 1})
    return plain(_warning(session, warning_id))


@action
def lift_warning(*, session: Session, operator: str, warning_id: int, reason: str = "",
                 happened_at: datetime | None = None) -> WarningNotice:
    """Lift (解除) a warning; lifting one twice is refused."""
    row = _warning(session, warning_id)
    if row.state == "lifted":
        raise DomainError(_("warning {id} was already lifted at {at}")
                          .format(id=warning_id, at=timefmt.show(row.lifted_at)))
    when = moment(happened_at)
    ledger.append(session, kind="warning_lifted", operator=operator, incident_no=row.incident_no,
                  happened_at=when, facts={"warning": warning_id, "reason": reason},
                  changes=[Change.set(row, state="lifted", lifted_at=when, revision=row.revision + 1)])
    return plain(_warning(session, warning_id))
