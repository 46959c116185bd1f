"""App-level messages: what the ledger follower and the ordered writer report to the desk.

Every message carries plain read models (frozen dataclasses of `model.queries`, `model.follow`,
`model.plan_view`), never an ORM row (nothing attached to the database).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from console.writer import WriteOrder
    from model.follow import WriteEcho
    from model.plan_view import PlanView
    from model.queries import DeskFigures, IncidentRow, ResourceRow

Deadline = tuple[str, str, datetime]
"""(incident, step, due) of a pending step with a deadline: the overdue alarm's input."""


@dataclass
class LedgerOpened(Message):
    """The ledger is open: the follower starts and the panes fill."""


@dataclass
class PlansLoaded(Message):
    """Every action is imported and the plans are loaded; each broken plan file is said."""

    plan_problems: list[str]


@dataclass
class LedgerOpenFailed(Message):
    reason: str


@dataclass
class FirstRows(Message):
    """The queue read before the ledger is open (`model.first_rows`): painted first, replaced by the follower's read."""

    incidents: tuple[IncidentRow, ...]


@dataclass
class QueueRead(Message):
    """The queue as the ledger holds it after the follower's read, with the desk's figures and deadlines."""

    incidents: tuple[IncidentRow, ...]
    figures: DeskFigures
    deadlines: tuple[Deadline, ...]
    roster_follows: bool
    """A roster read follows from the same pass: the alarms wait for it, to ring once for both."""


@dataclass
class RosterRead(Message):
    """Every resource as the ledger holds it after the follower's read."""

    resources: tuple[ResourceRow, ...]


@dataclass
class PlanRead(Message):
    """One incident's plan pane as the ledger holds it after the follower's read."""

    incident_no: str | None
    plan: PlanView


@dataclass
class FollowerCutOff(Message):
    """Why the follower cannot reach the ledger now, or None once it can again."""

    reason: str | None


@dataclass
class ShiftMoved(Message):
    """The follower read a shift entry (this desk's or another's): the open shift may be another one now."""


@dataclass
class Recorded(Message):
    """The ordered writer recorded `order`; `echo` is what the write did, as read models."""

    order: WriteOrder
    echo: WriteEcho


@dataclass
class Checked(Message):
    """The check of `order` found something (`found`): its action was not run."""

    order: WriteOrder
    found: tuple[object, ...]


@dataclass
class Refused(Message):
    """The ordered writer could not record `order` (refused, or the ledger could not take it)."""

    order: WriteOrder
    reason: str


@dataclass
class Fetched(Message):
    """A worker's read finished: what to do with its result, run by the handler on the UI thread."""

    continuation: Callable[[], None]


@dataclass
class LedgerAdvanced(Message):
    """The desk's ledger follower has read entries up to `head_seq` (this desk's or another's).

    Posted to the active screen after the panes' own messages, so any view that reads the ledger
    (the situation board, the map) refreshes from the record in the order it was written.
    """

    head_seq: int
