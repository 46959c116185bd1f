"""What the read-only screens kept current by the follower share: the read again on `LedgerAdvanced`.

The situation board and the map read the ledger in a thread worker when they open and again on
every `LedgerAdvanced` the follower posts; a newer read cancels one still running (`exclusive`). A
failed read is said by the app's one handler, as on the main screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker

from console.messages import LedgerAdvanced

if TYPE_CHECKING:
    from sqlmodel import Session

    from console.desk import Desk


class FollowedScreen(Screen[None]):
    """A read-only screen that reads again whenever the ledger moves on.

    A subclass names its worker group and says what it reads (`read`: in the worker, in one short
    session, returning the message that carries the read models), and handles that message.
    """

    READ_GROUP: ClassVar[str]
    """The worker group of the screen's reads: a new read cancels the one still running in it."""

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk

    def read(self, session: Session) -> Message:
        """The screen's read, run in a worker thread; the message it returns is posted to the screen."""
        raise NotImplementedError

    @on(LedgerAdvanced)
    def ledger_advanced(self, message: LedgerAdvanced) -> None:
        self.reread()

    def reread(self) -> None:
        """Read in a worker and post what was read; never waits on the disk."""
        self.run_worker(self._read, thread=True, exclusive=True, exit_on_error=False, group=self.READ_GROUP)

    def _read(self) -> None:
        self.post_message(self.desk.read(self.read))

    @on(Worker.StateChanged)
    def worker_stopped(self, event: Worker.StateChanged) -> None:
        """A failed read is said by the app's one handler (the message does not bubble to the app)."""
        handler = getattr(self.app, "worker_failed", None)
        if handler is not None:
            handler(event)
