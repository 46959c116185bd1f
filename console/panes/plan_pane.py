"""The plan pane: the selected incident's checklist with due times, countdowns, blocks and approvals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable

from console import labels
from model.text import _
from model.timefmt import TIME, show

STATE_STYLE = {"done": "green", "skipped": "grey50", "blocked": "yellow", "pending": "", "overdue": "bold white on red"}


def countdown(due: datetime | None, now: datetime) -> str:
    if due is None:
        return ""
    seconds = int((due - now).total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{sign}{rest // 60:02d}:{rest % 60:02d}"


class PlanPane(Vertical):
    """Steps of the activated plan; Enter works the highlighted step."""

    @dataclass
    class WorkRequested(Message):
        pane: PlanPane
        step: Any

        @property
        def control(self) -> PlanPane:
            return self.pane

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.incident_no: str | None = None
        self.steps: list[Any] = []

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="plan-table")
        table.add_column(_("Lvl"), key="level", width=4)
        table.add_column(_("Step"), key="text", width=30)
        table.add_column(_("Who"), key="who", width=8)
        table.add_column(_("Due"), key="due", width=5)
        table.add_column(_("Left"), key="left", width=8)
        table.add_column(_("State"), key="state", width=22)
        yield table

    def on_mount(self) -> None:
        self.border_title = _("Plan")

    @property
    def selected(self) -> Any | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((step for step in self.steps if step.step_id == key), None)

    def show(self, incident_no: str | None, steps: list[Any], title: str, now: datetime) -> None:
        self.incident_no, self.steps = incident_no, steps
        self.border_title = title or _("Plan")
        table = self.query_one(DataTable)
        keep = self.selected
        table.clear()
        for step in steps:
            table.add_row(*self._cells(step, now), key=step.step_id)
        if keep is not None and keep.step_id in table.rows:
            table.move_cursor(row=table.get_row_index(keep.step_id))

    def _cells(self, step: Any, now: datetime) -> list[Text]:
        state = step.state
        if state == "pending" and step.due_at is not None and step.due_at < now:
            state = "overdue"
        detail = labels.step_state(state)
        if step.reason:
            detail += f": {step.reason}"
        who = labels.configured("unit_kinds", step.responsible) or step.responsible
        recurring = f" ↻{step.interval_minutes}′" if step.interval_minutes else ""
        return [Text(step.level), Text(step.text + recurring), Text(who), Text(show(step.due_at, TIME)),
                Text(countdown(step.due_at, now) if step.state in ("pending", "blocked", "overdue") else ""),
                Text(detail, style=STATE_STYLE.get(state, ""))]

    def tick(self, now: datetime) -> None:
        """Advance the countdowns; a step that just went past due turns red."""
        table = self.query_one(DataTable)
        for step in self.steps:
            if step.step_id in table.rows:
                cells = self._cells(step, now)
                table.update_cell(step.step_id, "left", cells[4])
                table.update_cell(step.step_id, "state", cells[5])

    @on(DataTable.RowSelected, "#plan-table")
    def enter_pressed(self, event: DataTable.RowSelected) -> None:
        event.stop()
        step = self.selected
        if step is not None:
            self.post_message(self.WorkRequested(self, step))
