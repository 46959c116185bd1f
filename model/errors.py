"""The two kinds of failure an officer can meet, each with a message meant to be read at the desk.

A message often quotes outside text (a unit code from a file, a plan's value, an incident number
typed at the prompt). It is always display text, never data, so `str(error)` is the message under
the one display rule (`model.display.shown`, line feeds kept): whichever surface prints an error,
CLI, toast or report, an escape sequence quoted in it cannot act on a terminal. The exception's
`args` keep the message as it was built.
"""

from __future__ import annotations

from model.display import shown


class LinkdeskError(Exception):
    """Base of every failure that linkdesk reports as a one-line message instead of a traceback."""

    def __str__(self) -> str:
        return shown(super().__str__(), lines=True)


class DomainError(LinkdeskError):
    """An action was refused: the ledger is unchanged and the message says what and why."""


class LedgerUnavailable(LinkdeskError):
    """The ledger file cannot be used (not a database, read-only, locked, disk full)."""
