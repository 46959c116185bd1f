"""The main screen: queue, plan and roster panes, the status bar, alarms and every workflow's key."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from console import alarms
from console.desk import Desk
from console.display import shown
from console.footer import DeskFooter
from console.flows.desk import DeskFlows
from console.flows.incident import IncidentFlows
from console.flows.steps import StepFlows
from console.messages import IncidentsLoaded, LedgerWriteFailed, LedgerWritten, RosterLoaded, StepsLoaded
from console.panes import IncidentQueue, PlanPane, StatusBar, UnitRoster
from console.panes.plan_view import PlanView
from model import clock
from model.text import N_, _

RELOAD_SECONDS = 15
"""Another desk may write to the same ledger: reload this often even when this desk is idle."""

WORKFLOWS: list[tuple[str, str, str, str]] = [
    ("n", "new_report", "incident", N_("New report")),
    ("v", "verify", "incident", N_("Verify")),
    ("f", "false_alarm", "incident", N_("False alarm")),
    ("m", "merge", "incident", N_("Merge")),
    ("g", "grade", "incident", N_("Grade / regrade")),
    ("a", "activate_plan", "plan", N_("Activate plan")),
    ("d", "dispatch", "incident", N_("Dispatch")),
    ("o", "note", "incident", N_("Note / feedback")),
    ("p", "approval", "plan", N_("Approval")),
    ("c", "command_post", "incident", N_("Command post")),
    ("u", "upward", "incident", N_("Report upward")),
    ("e", "end", "incident", N_("End")),
    ("z", "close", "incident", N_("Close (archive)")),
    ("i", "open_incident", "incident", N_("Incident screen")),
    ("slash", "search", "incident", N_("Search")),
    ("k", "skip_step", "plan", N_("Skip step")),
    ("h", "shift", "desk", N_("Shift start / handover")),
    ("w", "warnings", "desk", N_("Warnings")),
    ("ctrl+r", "shift_report", "desk", N_("Shift report")),
    ("t", "statistics", "desk", N_("Statistics and assessment")),
]
"""Key, action, group and title of every workflow: the bindings and the command palette both read it."""

GROUPS = {"incident": N_("incident"), "plan": N_("plan"), "desk": N_("desk")}
"""The palette's group names, as catalog messages."""

SHOWN_IN_FOOTER = {"new_report", "verify", "grade", "activate_plan", "dispatch", "end"}


def _load_incidents(session: Any) -> tuple[list[Any], Any, list[tuple[str, str, datetime]]]:
    from model.queries import desk_figures, desk_incident_rows, pending_deadlines

    now = clock.now()
    return desk_incident_rows(session, now), desk_figures(session, now), pending_deadlines(session)


def _load_roster(session: Any) -> list[Any]:
    from model.queries import roster_rows

    return roster_rows(session)


def _load_steps(session: Any, incident_no: str) -> Any:
    from console.panes.plan_read import load_plan_view

    return load_plan_view(session, incident_no, clock.now())


class MainScreen(IncidentFlows, StepFlows, DeskFlows):
    BINDINGS = [Binding(key, action, title, show=action in SHOWN_IN_FOOTER, id=action)
                for key, action, _group, title in WORKFLOWS]

    def __init__(self, desk: Desk, drafts: dict[str, dict[str, Any]]) -> None:
        super().__init__()
        self.desk = desk
        self.drafts = drafts
        self.deadlines: list[tuple[str, str, datetime]] = []
        self.rung: set[tuple[str, str]] = set()
        self.rung_acks: set[str] = set()
        self.roster_pending = False
        """The queue of a reload has arrived and its roster not yet: alarms wait, to ring once for both."""
        self.ready = False

    def compose(self) -> ComposeResult:
        with Vertical(id="desk"):
            with Horizontal(id="top"):
                yield IncidentQueue(self.desk.operator, id="queue")
                yield PlanPane(id="plan")
            yield UnitRoster(id="roster")
        yield StatusBar(self.desk.operator, id="status")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#queue-table").focus()
        self.set_interval(1, self.tick)
        self.set_interval(RELOAD_SECONDS, self.reload)

    def start(self) -> None:
        """The ledger is open: fill the panes."""
        self.ready = True
        self.refresh_bindings()
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing that needs the ledger runs before it is open."""
        if action in {key_action for _key, key_action, _group, _title in WORKFLOWS}:
            return self.ready
        return True

    def reload(self) -> None:
        if self.ready:
            self._reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="desk")
    def _reload(self) -> None:
        """The queue first, then the roster: a report just taken shows without waiting for 2,000 resources."""
        self.post_message(IncidentsLoaded(*self.desk.read(_load_incidents)))
        self.post_message(RosterLoaded(self.desk.read(_load_roster)))

    @on(IncidentsLoaded)
    def incidents_loaded(self, message: IncidentsLoaded) -> None:
        self.roster_pending = True
        self.deadlines = message.deadlines
        self.query_one(IncidentQueue).show(message.incidents, clock.now())
        self.query_one(StatusBar).show_figures(message.figures)
        self.tick()
        self.load_steps(self.selected_incident())

    @on(RosterLoaded)
    def roster_loaded(self, message: RosterLoaded) -> None:
        self.roster_pending = False
        self.query_one(UnitRoster).show(message.resources, clock.now())
        self.tick()

    @on(IncidentQueue.Selected)
    def incident_selected(self, message: IncidentQueue.Selected) -> None:
        if message.incident_no != self.query_one(PlanPane).incident_no:
            self.load_steps(message.incident_no)

    def load_steps(self, incident_no: str | None) -> None:
        if not self.ready:
            return
        if incident_no is None:
            self.query_one(PlanPane).show(PlanView(None, ""), clock.now())
            return
        self._load_steps(incident_no)

    @work(thread=True, exclusive=True, exit_on_error=False, group="steps")
    def _load_steps(self, incident_no: str) -> None:
        self.post_message(StepsLoaded(incident_no, self.desk.read(_load_steps, incident_no)))

    @on(StepsLoaded)
    def steps_loaded(self, message: StepsLoaded) -> None:
        """Show the checklist unless the officer has moved on to another incident since it was asked for."""
        if message.incident_no != self.selected_incident():
            return
        self.query_one(PlanPane).show(message.plan, clock.now())

    def tick(self) -> None:
        """Every second: clock, countdowns, and alarms that ring once and never take the focus.

        Not before the ledger is open: the clock needs the configured time zone, which the worker
        opening the ledger reads, so the first paint does not wait for the configuration."""
        if not self.ready:
            return
        now = clock.now()
        overdue = alarms.overdue_steps(self.deadlines, now)
        self.query_one(PlanPane).tick(now)
        roster = self.query_one(UnitRoster)
        roster.tick(now)
        if not self.roster_pending:
            if (overdue - self.rung) or (roster.alarmed - self.rung_acks):
                self.app.bell()
            self.rung, self.rung_acks = overdue, set(roster.alarmed)
        queue = self.query_one(IncidentQueue)
        counts = alarms.per_incident(overdue)
        if any(row.overdue_steps != counts.get(row.no, 0) for row in queue.rows):
            queue.show([replace(row, overdue_steps=counts.get(row.no, 0)) for row in queue.rows], now)
        self.query_one(StatusBar).tick(now, len(overdue), len(roster.alarmed))

    @on(PlanPane.WorkRequested)
    def work_requested(self, message: PlanPane.WorkRequested) -> None:
        if message.pane.incident_no:
            self.work_step(message.pane.incident_no, message.step, message.closing)

    @on(LedgerWritten)
    def written(self, message: LedgerWritten) -> None:
        self.notify(shown(message.summary), timeout=6, markup=False)
        self.reload()

    @on(LedgerWriteFailed)
    def write_failed(self, message: LedgerWriteFailed) -> None:
        self.notify(shown(message.reason, lines=True), title=_("Not recorded"), severity="error", timeout=12,
                    markup=False)
        if message.retry is not None:
            message.retry(message.reason)
