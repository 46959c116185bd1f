"""The two kinds of failure an officer can meet, each with a message meant to be read at the desk."""

from __future__ import annotations


class LinkdeskError(Exception):
    """Base of every failure that linkdesk reports as a one-line message instead of a traceback."""


class DomainError(LinkdeskError):
    """An action was refused: the ledger is unchanged and the message says what and why."""


class LedgerUnavailable(LinkdeskError):
    """The ledger file cannot be used (not a database, read-only, locked, disk full)."""
