"""Reading warnings: which are in force, in the order the desk wants them, and the chain of
messages each one has sent out (from the ledger, which keeps every revision's time).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session, col

from model import timefmt
from model.config import load_config
from model.errors import DomainError
from model.lookups import in_force, plain
from model.tables import LedgerEntry, WarningNotice
from model.text import _

WARNING_KINDS = ("warning_issued", "warning_updated", "warning_lifted")
"""The ledger entry kinds that each send one CAP message."""


@dataclass(frozen=True)
class Message:
    """One revision of a warning as sent: Alert for the first, Update after it, Cancel for a lift."""

    revision: int
    msg_type: str
    sent: datetime


@dataclass(frozen=True)
class WarningListed:
    """A warning as `linkdesk warnings list` prints it: its standing at the moment, and its JSON form."""

    id: int
    status: str
    colour: str
    type: str
    area: str
    effective_at: datetime
    expires_at: datetime | None
    revision: int
    is_drill: bool
    record: dict[str, Any]
    """The stable JSON object of `warnings list --json` (see `record`)."""


def status(row: WarningNotice, at: datetime) -> str:
    """in_force, pending (not yet effective), expired or lifted: what the desk sees at `at`."""
    if row.state == "lifted":
        return "lifted"
    if in_force(row, at):
        return "in_force"
    return "pending" if row.effective_at > at else "expired"


def _rank(row: WarningNotice) -> int:
    colours = load_config().warning_colours
    return next((colour.rank for colour in colours if colour.code == row.colour), len(colours) + 1)


def warning(session: Session, warning_id: int) -> WarningNotice:
    """One warning as a plain read model; refuses an unknown id by name."""
    row = session.get(WarningNotice, warning_id)
    if row is None:
        raise DomainError(_("warning {id} does not exist").format(id=warning_id))
    return plain(row)


def warnings_in_force(session: Session, at: datetime) -> list[WarningNotice]:
    """Warnings in force at `at`, most severe colour first, then the newest."""
    statement = select(WarningNotice).where(
        col(WarningNotice.state) != "lifted",
        col(WarningNotice.effective_at) <= at,
        or_(col(WarningNotice.expires_at).is_(None), col(WarningNotice.expires_at) > at),
    )
    rows = [plain(row) for row in session.execute(statement).scalars()]
    return sorted(rows, key=lambda row: (_rank(row), -row.issued_at.timestamp(), -row.id))


def all_warnings(session: Session, at: datetime) -> list[WarningNotice]:
    """Every warning: those in force first (as `warnings_in_force`), then the rest, latest change first."""
    rows = [plain(row) for row in session.execute(select(WarningNotice)).scalars()]
    current = [row for row in rows if in_force(row, at)]
    others = [row for row in rows if not in_force(row, at)]
    current.sort(key=lambda row: (_rank(row), -row.issued_at.timestamp(), -row.id))
    others.sort(key=lambda row: (-(row.lifted_at or row.updated_at or row.issued_at).timestamp(), -row.id))
    return current + others


def messages(session: Session, warning_id: int) -> list[Message]:
    """Every message the warning has sent, oldest first, read back from its ledger entries."""
    statement = (select(LedgerEntry).where(col(LedgerEntry.kind).in_(WARNING_KINDS))
                 .order_by(col(LedgerEntry.seq)))
    sent: list[Message] = []
    for entry in session.execute(statement).scalars():
        for change in json.loads(entry.payload)["changes"]:
            if change["table"] != WarningNotice.__tablename__ or change["key"].get("id") != warning_id:
                continue
            values = change["values"]
            msg_type = "Alert" if change["op"] == "insert" else (
                "Cancel" if values.get("state") == "lifted" else "Update")
            sent.append(Message(revision=int(values.get("revision", 1)), msg_type=msg_type,
                                sent=entry.happened_at))
    return sent


def editable_fields(row: WarningNotice) -> dict[str, Any]:
    """The fields of `WarningIn` as the warning holds them now: the start of an update form."""
    return {"colour": row.colour, "type": row.type, "area": row.area, "text_zh": row.text_zh,
            "text_en": row.text_en, "area_geometry": row.area_geometry,
            "effective_at": row.effective_at, "expires_at": row.expires_at,
            "incident_no": row.incident_no, "is_drill": row.is_drill}


def _time(moment: datetime | None) -> str | None:
    return timefmt.iso_local(moment) if moment is not None else None


def record(row: WarningNotice, at: datetime) -> dict[str, Any]:
    """The stable JSON form of a warning (`linkdesk warnings list --json`; keys documented in README)."""
    return {
        "id": row.id,
        "level": row.colour,
        "level_name": load_config().name_of("warning_colours", row.colour),
        "type": row.type,
        "area": row.area,
        "area_geometry": row.area_geometry or None,
        "text_zh": row.text_zh,
        "text_en": row.text_en or None,
        "status": status(row, at),
        "state": row.state,
        "revision": row.revision,
        "is_drill": row.is_drill,
        "incident_no": row.incident_no,
        "effective_at": _time(row.effective_at),
        "expires_at": _time(row.expires_at),
        "issued_at": _time(row.issued_at),
        "updated_at": _time(row.updated_at),
        "lifted_at": _time(row.lifted_at),
    }


def listed(session: Session, at: datetime) -> list[WarningListed]:
    """Every warning in the order of `all_warnings`, with its standing at `at` and its JSON form."""
    return [WarningListed(row.id, status(row, at), row.colour, row.type, row.area, row.effective_at, row.expires_at,
                          row.revision, row.is_drill, record(row, at)) for row in all_warnings(session, at)]


def editable(session: Session, warning_id: int) -> dict[str, Any]:
    """The fields of `WarningIn` as warning `warning_id` holds them now; refuses an unknown id by name."""
    return editable_fields(warning(session, warning_id))
