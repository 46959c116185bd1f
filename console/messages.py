"""App-level messages: requests the panes make and facts the workers report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual.message import Message


@dataclass
class LedgerOpened(Message):
    """The ledger is open and the plans are loaded; the panes can fill."""

    plan_problems: list[str]


@dataclass
class LedgerOpenFailed(Message):
    reason: str


@dataclass
class IncidentsLoaded(Message):
    """A fresh read of the queue, the desk's figures and the deadlines; the roster follows in its own message."""

    incidents: list[Any]
    figures: Any
    deadlines: list[tuple[str, str, datetime]]


@dataclass
class RosterLoaded(Message):
    """A fresh read of every resource."""

    resources: list[Any]


@dataclass
class StepsLoaded(Message):
    """A fresh read of one incident's plan pane (`console.panes.plan_view.PlanView`)."""

    incident_no: str | None
    plan: Any


@dataclass
class LedgerWritten(Message):
    """An action was recorded; `summary` says what in the desk's words."""

    summary: str
    result: Any


@dataclass
class LedgerWriteFailed(Message):
    """An action was refused or the ledger could not take it; nothing was recorded."""

    reason: str
    retry: Any


@dataclass
class LedgerAdvanced(Message):
    """The desk's ledger follower has read entries up to `head_seq` (this desk's or another's).

    Posted to the active screen after the panes' own messages, so any view that reads the ledger
    (the situation board, the map) refreshes from the record in the order it was written.
    """

    head_seq: int
