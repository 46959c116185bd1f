"""The main screen: queue, plan and roster panes, the status bar, alarms, and the workflow
controllers that serve its keys (`console.controllers`).

The panes change only from the desk's ledger follower's messages (`QueueRead`, `RosterRead`,
`PlanRead`) and from the echo of this desk's own writes (`Recorded`), which shows the new state
before the follower has read it back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import messages, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.widget import Widget
from textual.worker import Worker

from console import alarms, collector
from console.controllers.base import Controller, Key
from console.controllers.closing import ClosingController
from console.controllers.command_post import CommandPostController
from console.controllers.desk import DeskController
from console.controllers.dispatching import DispatchController
from console.controllers.incident import IncidentController
from console.controllers.intake import IntakeController
from console.controllers.roster import RosterController
from console.controllers.seat import SeatController
from console.controllers.situation import SituationController
from console.controllers.steps import StepsController
from console.controllers.upward import UpwardController
from console.desk import Desk
from console.display import shown
from console.footer import DeskFooter
from console.messages import (
    Checked,
    Deadline,
    Fetched,
    FirstRows,
    FollowerCutOff,
    PlanRead,
    QueueRead,
    Recorded,
    Refused,
    RosterRead,
    ShiftMoved,
)
from console.panes import IncidentQueue, PlanPane, StatusBar, UnitRoster
from console.screens.focus_within import restyle_focus_within
from console.screens.pacing import PacedScreen
from console.widgets.desk_table import DeskTable
from model import clock
from model.text import N_, _

if TYPE_CHECKING:
    from console.writer import WriteOrder

R = TypeVar("R")

CONTROLLERS: tuple[type[Controller], ...] = (IntakeController, IncidentController, StepsController,
                                             DispatchController, CommandPostController, UpwardController,
                                             ClosingController, DeskController, SeatController, SituationController)
"""The controllers whose keys the main screen serves, in the order the footer and the palette list them."""

KEYS: tuple[Key, ...] = tuple(key for controller in CONTROLLERS for key in controller.KEYS)
GROUPS = {"incident": N_("incident"), "plan": N_("plan"), "desk": N_("desk")}
"""The palette's group names, as catalog messages."""


class MainScreen(PacedScreen[None]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """The focused widget. Textual repaints the whole screen at every focus move; on the desk a pane
    switch changes only what the focus styles change (the panes' borders, the tables' cursors),
    which repaint themselves when their styles change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key.key, f"work('{key.name}')", key.title, show=key.footer, id=key.name) for key in KEYS
    ]

    def __init__(self, desk: Desk, drafts: dict[str, dict[str, Any]]) -> None:
        super().__init__()
        self.desk = desk
        self.drafts = drafts
        self.deadlines: tuple[Deadline, ...] = ()
        self.rung: set[tuple[str, str]] = set()
        self.rung_acks: set[str] = set()
        self.roster_pending = False
        """The queue of a follower's pass has arrived and its roster not yet: alarms wait, to ring once for both."""
        self.ready = False
        self.loaded = False
        """The desk's first full read has been shown."""
        self.pending: str | None = None
        """The workflow key pressed while the ledger was opening, run once it is open."""
        self.intake = IntakeController(self)
        self.incident = IncidentController(self)
        self.steps = StepsController(self)
        self.dispatching = DispatchController(self)
        self.command_post = CommandPostController(self)
        self.upward = UpwardController(self)
        self.closing = ClosingController(self)
        self.desk_work = DeskController(self)
        self.seat = SeatController(self)
        self.roster_moves = RosterController(self)
        self.situation = SituationController(self)
        self.workflows: dict[str, Callable[[], None]] = {
            key.name: getattr(controller, key.name)
            for controller in (self.intake, self.incident, self.steps, self.dispatching, self.command_post,
                               self.upward, self.closing, self.desk_work, self.seat, self.situation)
            for key in controller.KEYS}

    def compose(self) -> ComposeResult:
        with Vertical(id="desk"):
            with Horizontal(id="top"):
                yield IncidentQueue(self.desk.operator, id="queue")
                yield PlanPane(id="plan")
            yield UnitRoster(id="roster")
        yield StatusBar(self.desk.operator, id="status")
        yield DeskFooter()

    def _update_focus_styles(self, focused: Widget | None = None, blurred: Widget | None = None) -> None:
        """A pane switch restyles the panes' borders, not everything in them (`console.screens.focus_within`)."""
        restyle_focus_within(self.app.stylesheet, focused, blurred)

    @property
    def queue(self) -> IncidentQueue:
        return self.query_one(IncidentQueue)

    @property
    def plan(self) -> PlanPane:
        return self.query_one(PlanPane)

    def on_mount(self) -> None:
        self.query_one("#queue-table").focus()
        self.set_interval(1, self.second)

    def start(self) -> None:
        """The ledger is open and its follower runs: the keys that need it work now, the first
        pressed while it opened among them."""
        self.ready = True
        pending, self.pending = self.pending, None
        if pending is not None:
            self.workflows[pending]()
        self.seat.check()

    def action_work(self, name: str) -> None:
        """Run a workflow key. Nothing that needs the ledger runs before it is open: the first key
        pressed meanwhile runs once it is (the officer is told), later ones are said and dropped."""
        if self.ready:
            self.workflows[name]()
            return
        title = next(_(key.title) for key in KEYS if key.name == name)
        if self.pending is None:
            self.pending = name
            self.notify(_("the ledger is still opening: “{what}” opens once it is").format(what=title), timeout=4)
        else:
            self.notify(_("the ledger is still opening: “{what}” was not run, press it again once it is open")
                        .format(what=title), severity="warning", timeout=4)

    def submit(self, order: WriteOrder) -> None:
        from console.app import LinkDeskApp

        assert isinstance(self.app, LinkDeskApp) and self.app.writer is not None
        self.app.writer.submit(order)

    def fetch(self, query: Callable[..., R], then: Callable[[R], None], *args: object,
              refused: Callable[[str], None] | None = None) -> None:
        """Read in a worker; `then` gets the result on the UI thread (`refused`, if given, the reason
        the read was refused, after it is said)."""
        self.background(lambda: self.desk.read(query, *args), then, refused=refused)

    def background(self, job: Callable[[], R], then: Callable[[R], None], group: str = "fetch", *,
                   refused: Callable[[str], None] | None = None) -> None:
        """Run `job` in a worker; its result comes back as a message and `then` runs on the UI thread.
        A refusal is said as one; anything else is the app's one worker-failure line (titled by `group`)."""

        def said(reason: str) -> None:
            self.said_refused(reason)
            if refused is not None:
                refused(reason)

        def run() -> None:
            from model.errors import LinkdeskError

            try:
                result = job()
            except LinkdeskError as error:
                reason = str(error)
                self.post_message(Fetched(lambda: said(reason)))
                return
            self.post_message(Fetched(lambda: then(result)))

        self.run_worker(run, thread=True, group=group, exit_on_error=False)

    @on(Fetched)
    def fetched(self, message: Fetched) -> None:
        message.continuation()

    @on(Worker.StateChanged)
    def worker_stopped(self, event: Worker.StateChanged) -> None:
        """A worker of this screen that failed unexpectedly is said on screen by the app's one handler."""
        from console.app import LinkDeskApp

        if isinstance(self.app, LinkDeskApp):
            self.app.worker_failed(event)

    @on(FirstRows)
    def first_rows(self, message: FirstRows) -> None:
        if not self.queue.rows:
            self.queue.show(list(message.incidents), clock.now())

    @on(QueueRead)
    def queue_read(self, message: QueueRead) -> None:
        self.roster_pending = message.roster_follows
        self.deadlines = message.deadlines
        self.queue.show(list(message.incidents), clock.now())
        self.query_one(StatusBar).show_figures(message.figures)
        self.tick()

    @on(RosterRead)
    def roster_read(self, message: RosterRead) -> None:
        self.roster_pending = False
        self.query_one(UnitRoster).show(list(message.resources), clock.now())
        self.tick()
        if not self.loaded:
            self.loaded = True
            collector.desk_loaded()
            # The intake form is built once the loaded desk has painted, not at the next second:
            # a first n within that second would build it while the officer waits.
            self.call_after_refresh(self.prepare_intake)

    @on(PlanRead)
    def plan_read(self, message: PlanRead) -> None:
        """Show the checklist unless the officer has moved on to another incident since it was asked for."""
        if message.incident_no == self.queue.selected:
            self.plan.show(message.plan, clock.now())

    @on(FollowerCutOff)
    def cut_off(self, message: FollowerCutOff) -> None:
        """The bar says the desk is cut off until it follows again, shortened if it must; the toast says
        the whole reason once, when it first appears (the follower says each new reason once)."""
        self.query_one(StatusBar).show_cut_off(message.reason)
        if message.reason:
            self.notify(_("ledger not followed: {reason}").format(reason=message.reason), severity="error",
                        timeout=12, markup=False)

    @on(ShiftMoved)
    def shift_moved(self) -> None:
        self.seat.shift_moved()

    @on(IncidentQueue.Selected)
    def incident_selected(self, message: IncidentQueue.Selected) -> None:
        from console.app import LinkDeskApp

        if isinstance(self.app, LinkDeskApp) and self.app.follower is not None:
            self.app.follower.show_plan(message.incident_no)

    @on(PlanPane.WorkRequested)
    def work_requested(self, message: PlanPane.WorkRequested) -> None:
        if message.pane.incident_no:
            self.steps.work_step(message.pane.incident_no, message.step, message.closing)

    @on(UnitRoster.StatusRequested)
    def status_requested(self, message: UnitRoster.StatusRequested) -> None:
        self.roster_moves.status(message)

    @on(UnitRoster.CorrectionRequested)
    def correction_requested(self, message: UnitRoster.CorrectionRequested) -> None:
        self.roster_moves.correct(message)

    @on(Recorded)
    def recorded(self, message: Recorded) -> None:
        """Show what was recorded from the write's own result and say it: the incident's row, the
        status bar's figures, and its plan if the queue highlights it after the next step (a new
        report is followed). Once that is painted the follower reads it back (reading sooner would
        hold up that paint), finds the same and repaints nothing, or corrects what differs. The
        toast comes after the next step (which may close the form): a toast raised under a closing
        form is mounted twice."""
        order, echo = message.order, message.echo
        now = clock.now()
        if order.draft_key is not None:
            self.drafts.pop(order.draft_key, None)
        if echo.incident_no is not None:
            self.queue.echo(echo.incident_no, echo.incident, now)
        self.query_one(StatusBar).show_figures(echo.figures)
        if order.then is not None:
            order.then(echo)
        if echo.plan is not None and echo.plan.incident_no == self.queue.selected:
            self.plan.show(echo.plan, now)
        self.notify(shown(order.summary), timeout=6, markup=False)
        self.wake_follower()

    @on(Checked)
    def checked(self, message: Checked) -> None:
        """A write's check found something: its order says what the desk does instead."""
        if message.order.checked is not None:
            message.order.checked(message.found)
        self.wake_follower()

    @on(Refused)
    def refused(self, message: Refused) -> None:
        self.said_refused(message.reason)
        if message.order.retry is not None:
            message.order.retry(message.reason)
        self.wake_follower()

    def wake_follower(self) -> None:
        """What came of this desk's write is shown: the follower reads the ledger once it is painted."""
        from console.app import LinkDeskApp

        if isinstance(self.app, LinkDeskApp) and self.app.follower is not None:
            self.call_after_refresh(self.app.follower.wake)

    def said_refused(self, reason: str) -> None:
        self.notify(shown(reason, lines=True), title=_("Not recorded"), severity="error", timeout=12, markup=False)

    def second(self) -> None:
        """The clock's second: the tick, then (once painted) the collector's pass if one is due."""
        self.tick()
        if self.loaded:
            self.prepare_intake()
            self.call_after_refresh(collector.quiet_moment)

    def prepare_intake(self) -> None:
        """Build the intake form ahead of the first n, while the desk itself is showing."""
        if self.app.screen is self:
            self.intake.prepare()

    def on_screen_resume(self) -> None:
        """Back on the desk: the clock and countdowns catch up in the same paint, and a seat prompt
        that waited for the desk is asked."""
        self.tick()
        self.seat.resumed()
        self.settle()

    def _on_timer_update(self) -> None:
        """The screen's update (Textual's `Screen._on_timer_update`). After one that drew the whole
        desk (the desk shown again, laid out first when the queue grew), what any widget asked to
        repaint is on screen: the scrollbars the layout itself moved would otherwise each ask for one
        more update at their idle (`_repaint_required`, `_repaint_regions`), to draw what is drawn."""
        whole = self._repaint_required and self.is_current and not self.app._batch_count
        super()._on_timer_update()
        if whole:
            for widget in self._compositor.visible_widgets:
                widget._repaint_required = False
                widget._exchange_repaint_regions()

    def _on_update(self, message: messages.Update) -> None:
        """A widget asks to be repainted (answered by Textual's `Screen._on_update`). One that the
        last update drew already (its `_repaint_regions` exchanged or cleared since it asked: a
        scrollbar that asked while the desk was being shown again) would be drawn with nothing to
        draw, one more update that what waits for the screen's next refresh waits for."""
        widget = message.widget
        if (isinstance(widget, Widget) and not widget._repaint_required and not widget._repaint_regions
                and widget in self._compositor.visible_widgets):
            message.stop()
            message.prevent_default()

    def settle(self) -> None:
        """Hand the screen now every repaint and layout its widgets asked for, as each widget would at
        its next idle (`Widget._check_refresh`, and DataTable's measuring, `DeskTable.settle`).

        Closing a dialog repaints the whole desk at the screen's next update. A widget changed just
        before (the saved report's row, the status bar's figures, the plan, the clock) told the
        screen only at its own idle, which came after that update: the desk was laid out and drawn
        a second time for what the first had drawn already."""
        for widget in self.walk_children(Widget):
            if isinstance(widget, DeskTable):
                widget.settle()
            widget._check_refresh()

    def _ring_covered(self, overdue: set[tuple[str, str]], now: datetime) -> None:
        """A dialog or another screen covers the desk: its clock and countdowns wait for the desk to
        show again (repainting the desk behind a dialog redraws the dialog), the alarms ring as ever
        and the status bar's figures change as they do."""
        late_acks = self.query_one(UnitRoster).unacknowledged(now)
        if not self.roster_pending:
            if (overdue - self.rung) or (late_acks - self.rung_acks):
                self.app.bell()
            self.rung, self.rung_acks = overdue, late_acks
        self.query_one(StatusBar).tick(now, len(overdue), len(late_acks), clock=False)

    def tick(self) -> None:
        """Every second: clock, countdowns, and alarms that ring once and never take the focus.

        Not before the ledger is open: the clock needs the configured time zone, which the worker
        opening the ledger reads, so the first paint does not wait for the configuration."""
        if not self.ready:
            return
        now = clock.now()
        overdue = alarms.overdue_steps(list(self.deadlines), now)
        if self.app.screen is not self:
            self._ring_covered(overdue, now)
            return
        self.plan.tick(now)
        roster = self.query_one(UnitRoster)
        roster.tick(now)
        if not self.roster_pending:
            if (overdue - self.rung) or (roster.alarmed - self.rung_acks):
                self.app.bell()
            self.rung, self.rung_acks = overdue, set(roster.alarmed)
        queue = self.queue
        counts = alarms.per_incident(overdue)
        if any(row.overdue_steps != counts.get(row.no, 0) for row in queue.rows):
            queue.show([replace(row, overdue_steps=counts.get(row.no, 0)) for row in queue.rows], now)
        self.query_one(StatusBar).tick(now, len(overdue), len(roster.alarmed))
