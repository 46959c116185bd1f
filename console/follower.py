"""The desk's ledger follower: one thread worker that reads the entries after the last seq it has
seen and hands the panes plain read models in messages; the panes change only from those.

It reads a write of this desk as soon as the screen has shown the write's own result (`owe`, then
`wake` once painted: reading meanwhile would slow that paint and repaint the panes a second time
before it is on screen), the plan of an incident the officer highlights at once (`show_plan`), and
otherwise asks the ledger's watch every `poll_seconds` whether another desk wrote (a write of
this desk owed for longer than `OWED_SECONDS` is read then too). An entry re-reads only what it
touched: the incidents it changed (the queue keeps the rest), the roster only when resources
moved, the plan pane only when its incident changed. The first pass, and one after more entries
than it reads at once, reads everything afresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from console.messages import (
    FollowerCutOff,
    LedgerAdvanced,
    PlanRead,
    QueueRead,
    RosterRead,
    ShiftMoved,
)

if TYPE_CHECKING:
    from textual.message import Message

    from console.desk import Desk
    from model.follow import DeskRead, LedgerDelta
    from model.plan_view import PlanView
    from model.queries import IncidentRow

OWED_SECONDS = 1.0
"""How long a write owed to the follower waits for its wake before the follower reads it anyway."""
NOBODY = "\0"
"""The plan pane's incident before the follower has been asked for any (None is "no incident")."""


class LedgerFollower:
    """Follows one desk's ledger; `run` is the worker's body, the other methods are the UI's side."""

    def __init__(self, desk: Desk, post: Callable[[Message], object],
                 post_active: Callable[[Message], object]) -> None:
        self.desk = desk
        self._post = post
        """Posts to the desk's main screen, which hands the panes their models."""
        self._post_active = post_active
        """Posts to whatever screen is on top (LedgerAdvanced)."""
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._busy = False
        self._seq: int | None = None
        self._rows: tuple[IncidentRow, ...] = ()
        self._plan_wanted: str | None = None
        self._plan_shown: str | None = NOBODY
        self._cut_off: str | None = None
        self._owed_since: float | None = None
        """When this desk recorded a write the follower has not read since (None: nothing owed)."""

    def owe(self) -> None:
        """This desk is recording a write (the writer's thread): read it at the next `wake`."""
        if self._owed_since is None:
            self._owed_since = time.monotonic()

    def wake(self) -> None:
        """Read now instead of at the next poll (this desk's write is on screen)."""
        self._wake.set()

    def show_plan(self, incident_no: str | None) -> None:
        """The officer highlighted `incident_no`: its plan pane is read next."""
        with self._lock:
            if incident_no == self._plan_wanted:
                return
            self._plan_wanted = incident_no
        if self._owed_since is None:  # a write owed: its wake reads the plan too
            self._wake.set()

    @property
    def quiet(self) -> bool:
        """Caught up with everything it was woken for, and not reading now."""
        return (not self._busy and not self._wake.is_set() and self._owed_since is None
                and self._seq is not None)

    def _waits_for_wake(self) -> bool:
        """A write of this desk is owed and the screen has not shown it yet (for at most `OWED_SECONDS`)."""
        owed = self._owed_since
        return owed is not None and time.monotonic() - owed < OWED_SECONDS

    def run(self, closing: Callable[[], bool]) -> None:
        from model.watch import watch

        assert self.desk.engine is not None
        ledger_watch = watch(self.desk.engine)
        try:
            while not closing():
                woken = self._wake.wait(ledger_watch.poll_seconds)
                if not woken and self._waits_for_wake():
                    continue
                self._busy = True
                self._wake.clear()
                self._owed_since = None
                try:
                    self._say_cut_off(ledger_watch.cut_off() or self._pass_safely(woken or ledger_watch.changed()))
                finally:
                    self._busy = False
        finally:
            ledger_watch.close()

    def _pass_safely(self, ledger_moved: bool) -> str | None:
        """One pass; what stopped it, in one line, or None. The follower outlives any one failed read:
        its seq moves only once a pass has handed everything over, so the next pass reads it again."""
        from console.app import failure_line

        try:
            self._pass(ledger_moved)
        except Exception as error:  # said on the status bar, tried again at the next poll
            return failure_line(error)
        return None

    def _say_cut_off(self, reason: str | None) -> None:
        if reason != self._cut_off:
            self._cut_off = reason
            self._post(FollowerCutOff(reason))

    def _pass(self, ledger_moved: bool) -> None:
        from model.follow import ledger_delta

        if self._seq is None:
            self._read_all()
            return
        if ledger_moved:
            delta = self.desk.read(ledger_delta, self._seq)
            if not delta.complete:
                self._read_all()
                self._post(ShiftMoved())  # among more entries than it reads, a shift may have changed
                return
            if delta.head_seq != self._seq:
                self._apply(delta)
        if self._wanted() != self._plan_shown:
            self._read_plan()

    def _wanted(self) -> str | None:
        with self._lock:
            return self._plan_wanted

    def _read_all(self) -> None:
        """The queue first (a small read), then the roster, then the plan pane: the rows a person
        waits for paint before 2,000 resources are read."""
        from model import clock
        from model.follow import desk_read
        from model.queries import roster_rows

        read = self.desk.read(desk_read, clock.now())
        self._hand_queue(read, roster_follows=True)
        self._post(RosterRead(tuple(self.desk.read(roster_rows))))
        self._read_plan()
        self._advanced(read.head_seq)

    def _apply(self, delta: LedgerDelta) -> None:
        from model import clock
        from model.follow import PLAN_TABLES, ROSTER_TABLES, SHIFT_TABLE, desk_patch
        from model.queries import roster_rows

        roster = bool(delta.tables & ROSTER_TABLES)
        self._hand_queue(self.desk.read(desk_patch, self._rows, delta, clock.now()), roster_follows=roster)
        if roster:
            self._post(RosterRead(tuple(self.desk.read(roster_rows))))
        if SHIFT_TABLE in delta.tables:
            self._post(ShiftMoved())
        shown = self._plan_shown
        if shown in delta.incidents or delta.tables & PLAN_TABLES or self._wanted() != shown:
            self._read_plan()
        self._advanced(delta.head_seq)

    def _hand_queue(self, read: DeskRead, *, roster_follows: bool) -> None:
        self._rows = read.incidents
        self._post(QueueRead(read.incidents, read.figures, read.deadlines, roster_follows))

    def _read_plan(self) -> None:
        from model import clock
        from model.plan_read import load_plan_view
        from model.plan_view import PlanView

        incident_no = self._wanted()
        view: PlanView = (PlanView(None, "") if incident_no is None
                          else self.desk.read(load_plan_view, incident_no, clock.now()))
        self._plan_shown = incident_no
        self._post(PlanRead(incident_no, view))

    def _advanced(self, seq: int) -> None:
        self._seq = seq
        self._post_active(LedgerAdvanced(seq))
