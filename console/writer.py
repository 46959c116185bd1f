"""The desk's one ordered writer: every write of this desk goes through one queue, consumed by one
thread worker, in the order submitted. A write is never cancelled and never reordered; a closing
console records what is already queued before the worker ends.

An order may carry a check: a read run in the order's turn, just before its action (the intake's
duplicate check), so that checking and recording cost one trip to the worker. When the check finds
something, the action is not run and what it found goes back instead (`Checked`): the officer
decides, and a write they then choose is a new order.

The worker reports each order back as a message (`Recorded` with what the write did as read
models, `Checked` with what its check found, or `Refused` with the reason); the screen that
submitted it acts on that message on the UI thread. Each order is owed to the ledger follower
before it runs (`owe`), so that the follower reads it once the screen has shown what came of it,
not as soon as its poll sees the commit, in the middle of the echo's read and the desk's repaint.
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from console.messages import Checked, Recorded, Refused

if TYPE_CHECKING:
    from textual.message import Message

    from console.desk import Desk
    from model.follow import WriteEcho

GRACE_SECONDS = 0.2
"""How long the idle worker waits for an order before it looks whether the console is closing."""


@dataclass(frozen=True)
class WriteOrder:
    """One action to record, with what the desk does once it is recorded or refused."""

    summary: str
    """What was recorded, in the desk's words (the confirmation toast)."""
    action: Callable[..., object]
    arguments: dict[str, object] = field(default_factory=dict)
    draft_key: str | None = None
    """The form whose draft is dropped once the write is recorded."""
    retry: Callable[[str], None] | None = None
    """Reopens the form with the reason when the write is refused."""
    then: Callable[[WriteEcho], None] | None = None
    """The next step once recorded (follow the new report, the next resource of a dispatch)."""
    check: Callable[..., Sequence[object]] | None = None
    """A read (given a session) run just before the action; anything it finds stops the action."""
    checked: Callable[[Sequence[object]], None] | None = None
    """What the desk does with what the check found, instead of the write (offer the merge)."""


class LedgerWriter:
    """The queue of this desk's writes and the loop that records them one after another."""

    def __init__(self, desk: Desk, owe: Callable[[], None]) -> None:
        self.desk = desk
        self._owe = owe
        """Tells the follower an order of this desk runs now: it reads once the screen is woken to."""
        self._orders: queue.Queue[WriteOrder] = queue.Queue()

    def submit(self, order: WriteOrder) -> None:
        """Queue a write; it is recorded after every write submitted before it."""
        self._orders.put(order)

    @property
    def quiet(self) -> bool:
        """Nothing queued and nothing being recorded."""
        return self._orders.unfinished_tasks == 0

    def run(self, post: Callable[[Message], object], closing: Callable[[], bool]) -> None:
        """Record orders until the console closes and the queue is empty."""
        from console.app import failure_line
        from model.errors import LinkdeskError

        while True:
            try:
                order = self._orders.get(timeout=GRACE_SECONDS)
            except queue.Empty:
                if closing():
                    return
                continue
            self._owe()
            try:
                found = self.desk.read(order.check) if order.check is not None else ()
                if found:
                    post(Checked(order, tuple(found)))
                    continue
                echo = self.desk.record(order.action, order.arguments)
            except LinkdeskError as error:
                post(Refused(order, str(error)))
            except Exception as error:  # the one writer outlives any single write
                post(Refused(order, failure_line(error)))
            else:
                post(Recorded(order, echo))
            finally:
                self._orders.task_done()
