"""Board mode: an app that is nothing but the situation board, for a wall screen or a browser.

No screen of it binds a key that writes, and the command palette is off (its system commands
would save files and change the look of a shared screen): a board-only app cannot record
anything, whoever reaches it. It keeps itself current the way the desk's follower does, by the
ledger's watch (`model.watch`): when the watch says the ledger moved, the board is told with
`LedgerAdvanced`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from console.app import failure_line
from console.desk import Desk
from console.display import shown
from console.messages import LedgerAdvanced, LedgerOpened, LedgerOpenFailed
from console.screens.board import BoardScreen
from model.errors import LinkdeskError
from model.text import N_, _

if TYPE_CHECKING:
    from model.watch import LedgerWatch


class BoardApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "linkdesk"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True)]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.ledger_watch: LedgerWatch | None = None

    def on_mount(self) -> None:
        self.open_ledger()

    @work(thread=True, exit_on_error=False, group="open")
    def open_ledger(self) -> None:
        """Open the ledger and nothing else: the board reads no plan file (`Desk.prepare` is not called;
        a step's title is stored with the step)."""
        from model.watch import watch

        try:
            self.desk.open()
        except LinkdeskError as error:
            self.post_message(LedgerOpenFailed(str(error)))
            return
        assert self.desk.engine is not None
        self.ledger_watch = watch(self.desk.engine)
        self.ledger_watch.changed()
        self.post_message(LedgerOpened())

    @on(LedgerOpened)
    def ledger_opened(self) -> None:
        self.push_screen(BoardScreen(self.desk, closable=False))
        assert self.ledger_watch is not None
        self.set_interval(self.ledger_watch.poll_seconds, self.poll)

    @on(LedgerOpenFailed)
    def ledger_failed(self, message: LedgerOpenFailed) -> None:
        self.notify(shown(message.reason), title=_("Cannot open the ledger"), severity="error", timeout=60,
                    markup=False)

    def poll(self) -> None:
        self._poll()

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch")
    def _poll(self) -> None:
        from model.ledger import head

        if self.ledger_watch is None or not self.ledger_watch.changed():
            return
        newest = self.desk.read(head)
        self.call_from_thread(self.screen.post_message, LedgerAdvanced(newest.seq if newest else 0))

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        """A read that failed is said in one line; the board keeps running and tries again on the next change."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.notify(failure_line(event.worker.error), title=_("Something went wrong (nothing was lost)"),
                        severity="error", timeout=30, markup=False)

    def on_unmount(self) -> None:
        if self.ledger_watch is not None:
            self.ledger_watch.close()


def make_board_app(ledger_path: Path | str) -> BoardApp:
    """The board-only app on a ledger; nothing it runs writes, so it names no operator."""
    return BoardApp(Desk(ledger_path=ledger_path, operator=""))
