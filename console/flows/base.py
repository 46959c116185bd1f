"""What every workflow needs: the selected incident, forms with drafts, reads and writes in workers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.screen import Screen
from textual.worker import Worker

from console.desk import Desk
from console.messages import LedgerWriteFailed, LedgerWritten
from console.screens.form import FormField, FormResult, FormScreen
from model.errors import LinkdeskError
from model.text import _


class FlowBase(Screen[None]):
    """Base of the main screen: workflows call `ask`, `fetch` and `record`; none of them blocks."""

    desk: Desk
    drafts: dict[str, dict[str, Any]]

    @on(Worker.StateChanged)
    def worker_stopped(self, event: Worker.StateChanged) -> None:
        """A worker of this screen that failed unexpectedly is said on screen by the app's one handler."""
        from console.app import LinkDeskApp

        if isinstance(self.app, LinkDeskApp):
            self.app.worker_failed(event)

    def selected_incident(self) -> str | None:
        from console.panes import IncidentQueue

        return self.query_one(IncidentQueue).selected

    def incident_rows(self) -> list[Any]:
        from console.panes import IncidentQueue

        return self.query_one(IncidentQueue).rows

    def selected_step(self) -> Any | None:
        from console.panes import PlanPane

        return self.query_one(PlanPane).selected

    def need_incident(self) -> str | None:
        """The highlighted incident, or a hint to pick one."""
        incident_no = self.selected_incident()
        if incident_no is None:
            self.notify(_("select an incident in the queue first"), severity="warning")
        return incident_no

    def ask(self, title: str, fields: list[FormField], draft_key: str, on_save: Callable[[dict[str, Any]], None],
            note: str = "", error: str = "") -> None:
        """Open a form; `on_save` gets the values. A refused save reopens it with the reason."""

        def done(result: FormResult | None) -> None:
            if result is not None:
                on_save(result.values)

        self.app.push_screen(FormScreen(title, fields, self.drafts, draft_key, note, error), done)

    def retry_form(self, title: str, fields: list[FormField], draft_key: str,
                   on_save: Callable[[dict[str, Any]], None], note: str = "") -> Callable[[str], None]:
        return lambda reason: self.ask(title, fields, draft_key, on_save, note=note, error=reason)

    def fetch(self, query: Callable[..., Any], then: Callable[[Any], None], *args: Any) -> None:
        """Read in a worker, then hand the result to `then` on the UI thread."""
        self._fetch(query, then, args)

    @work(thread=True, exit_on_error=False, group="fetch")
    def _fetch(self, query: Callable[..., Any], then: Callable[[Any], None], args: tuple[Any, ...]) -> None:
        try:
            result = self.desk.read(query, *args)
        except LinkdeskError as error:
            self.post_message(LedgerWriteFailed(str(error), None))
            return
        self.app.call_from_thread(then, result)

    def record(self, summary: str, action: Callable[..., Any], /, *, retry: Callable[[str], None] | None = None,
               then: Callable[[Any], None] | None = None, draft_key: str | None = None, **arguments: Any) -> None:
        """Write one action in a worker (never exclusive: a queued write is never cancelled).

        `summary` and `action` are positional-only so that an action may take arguments of those names
        (`end_incident(summary=…)`).
        """
        self._record(summary, action, retry, then, draft_key, arguments)

    @work(thread=True, exit_on_error=False, group="write")
    def _record(self, summary: str, action: Callable[..., Any], retry: Callable[[str], None] | None,
                then: Callable[[Any], None] | None, draft_key: str | None, arguments: dict[str, Any]) -> None:
        try:
            result = self.desk.write(action, **arguments)
        except LinkdeskError as error:
            self.post_message(LedgerWriteFailed(str(error), retry))
            return
        if draft_key is not None:
            self.drafts.pop(draft_key, None)
        self.post_message(LedgerWritten(summary, result))
        if then is not None:
            self.app.call_from_thread(then, result)
