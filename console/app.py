"""LinkDeskApp: paints at once, opens the ledger in a worker, runs the desk's ledger follower and
ordered writer (one thread worker each), and keeps running whatever a worker hits."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App, ScreenStackError
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState, get_current_worker

from console import collector
from console.commands import DeskCommands
from console.desk import Desk
from console.follower import LedgerFollower
from console.messages import FirstRows, LedgerOpened, LedgerOpenFailed, PlansLoaded
from console.screens.help import HelpScreen
from console.screens.main import MainScreen
from console.writer import LedgerWriter
from model.display import shown
from model.errors import LinkdeskError
from model.location import ledger_name
from model.text import N_, _

if TYPE_CHECKING:
    from model.read_models import IncidentRow


class LinkDeskApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "linkdesk"
    COMMANDS = App.COMMANDS | {DeskCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", N_("Keys"), id="help", priority=True),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.drafts: dict[str, dict[str, Any]] = {}
        """What the officer typed in forms that were backed out of or refused, by form."""
        self.main = MainScreen(desk, self.drafts)
        self.follower: LedgerFollower | None = None
        self.writer: LedgerWriter | None = None

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast of the desk, whoever raises it, shows its words as data.

        Messages carry outside text (a caller in a refusal, a plan's value in a plan problem, a
        ledger path): markup is never read from them and acting characters are made visible, so
        `[/oops]` in a plan cannot end the console and an escape sequence cannot reach the terminal.
        `markup` is accepted for Textual's callers and ignored: no desk message is markup.
        """
        super().notify(shown(str(message), lines=True), title=shown(str(title)), severity=severity,
                       timeout=timeout, markup=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            collector.key_pressed()
        await super().on_event(event)

    def on_mount(self) -> None:
        collector.console_started()
        self.sub_title = shown(ledger_name(self.desk.ledger_path))
        self.push_screen(self.main)
        rows = self.early_rows()
        if rows is not None:
            self.main.post_message(FirstRows(tuple(rows)))
        # Open the ledger once the screen has painted: the worker's imports would slow the paint.
        self.call_after_refresh(self.open_ledger, read_first_rows=rows is None)

    def early_rows(self) -> list[IncidentRow] | None:
        """The queue for the first paint, read here rather than in the worker: the configuration and one
        read-only query of the open incidents (no SQLAlchemy, and no waiting on a lock), 20-60 ms, which
        put in a worker cost a second paint and a thread contending with the first for the interpreter.
        A refusal (a bad configuration, say) is left to the worker, which says it as it always has."""
        try:
            return self.desk.first_rows()
        except LinkdeskError:
            return None

    @work(thread=True, exit_on_error=False, group="open")
    def open_ledger(self, read_first_rows: bool = True) -> None:
        try:
            rows = self.desk.first_rows() if read_first_rows else None
            if rows is not None:
                self.main.post_message(FirstRows(tuple(rows)))
            self.desk.open()
        except LinkdeskError as error:
            self.post_message(LedgerOpenFailed(str(error)))
            return
        self.post_message(LedgerOpened())
        self.desk.prepare()
        self.post_message(PlansLoaded(self.desk.plan_problems))

    @on(PlansLoaded)
    def plans_loaded(self, message: PlansLoaded) -> None:
        for problem in message.plan_problems:
            self.notify(problem, title=_("Plan not loaded"), severity="error", timeout=30)

    @on(LedgerOpened)
    def ledger_opened(self) -> None:
        self.follower = LedgerFollower(self.desk, self.main.post_message, self.post_to_active_screen)
        self.writer = LedgerWriter(self.desk, self.follower.owe)
        self.follow_ledger(self.follower)
        self.record_writes(self.writer)
        self.main.start()

    def post_to_active_screen(self, message: Message) -> None:
        """LedgerAdvanced goes to whatever screen is on top; a console closing has none left to tell."""
        with contextlib.suppress(ScreenStackError):
            self.screen.post_message(message)

    @work(thread=True, exit_on_error=False, group="follower")
    def follow_ledger(self, follower: LedgerFollower) -> None:
        """The desk's one ledger follower; it ends when the console closes."""
        worker = get_current_worker()
        follower.run(lambda: worker.is_cancelled)

    @work(thread=True, exit_on_error=False, group="writer")
    def record_writes(self, writer: LedgerWriter) -> None:
        """The desk's one ordered writer; a closing console still records what was queued."""
        worker = get_current_worker()
        writer.run(self.main.post_message, lambda: worker.is_cancelled)

    def quiet(self) -> bool:
        """Every write of this desk recorded and read back, and the follower idle (tests and benchmarks wait on it)."""
        return (self.follower is not None and self.writer is not None and self.desk.plans_ready
                and self.writer.quiet and self.follower.quiet)

    @on(LedgerOpenFailed)
    def ledger_failed(self, message: LedgerOpenFailed) -> None:
        self.notify(shown(message.reason), title=_("Cannot open the ledger"), severity="error", timeout=60,
                    markup=False)

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        """One place for unexpected worker errors, the app's and every screen's (the message does not
        bubble, so screens hand theirs on): say why in one line, keep the desk running."""
        error = event.worker.error
        if event.state != WorkerState.ERROR or error is None:
            return
        title = _("No report") if event.worker.group == "report" else _("Something went wrong (nothing was lost)")
        self.notify(failure_line(error), title=title, severity="error", timeout=30, markup=False)

    def action_help(self) -> None:
        """F1 or ? opens the keyboard map and closes it again (the global binding takes the key first)."""
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())


def failure_line(error: BaseException) -> str:
    """What went wrong in one line, shown as data: the message of a refusal, the kind and first
    line of anything else, never a traceback."""
    lines = str(error).strip().splitlines()
    reason = shown(lines[0]) if lines else ""
    if isinstance(error, LinkdeskError) and reason:
        return reason
    return f"{type(error).__name__}: {reason}" if reason else type(error).__name__


def make_app(ledger_path: Path | str, operator: str, *, seed_demo: bool = False) -> LinkDeskApp:
    """One factory for the CLI and the tests."""
    return LinkDeskApp(Desk(ledger_path=ledger_path, operator=operator, seed_demo=seed_demo))


def run_console(app: LinkDeskApp, *, headless: bool = False) -> int:
    """Run the console and return its exit status: non-zero when it ended on an error, which `run()` drops."""
    app.run(headless=headless)
    return app.return_code or 0
