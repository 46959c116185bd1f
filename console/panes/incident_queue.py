"""The incident queue: open incidents by level then age, then ended ones to close, with quick filters and alarms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable

from console import labels
from model.config import load_config
from model.text import N_, _

if TYPE_CHECKING:
    from model.queries import IncidentRow

FILTERS = {"all": N_("all"), "overdue": N_("overdue"), "drills": N_("drills"), "mine": N_("mine")}


def age(since: datetime, now: datetime) -> str:
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes >= 60:
        return _("{hours}h{minutes}m").format(hours=minutes // 60, minutes=f"{minutes % 60:02d}")
    return _("{minutes}m").format(minutes=minutes)


class IncidentQueue(Vertical):
    """Open incidents, then ended ones waiting to be closed (z); the highlighted one drives the plan pane."""

    BINDINGS = [
        Binding("1", "filter('all')", N_("All"), id="queue-all"),
        Binding("2", "filter('overdue')", N_("Overdue"), id="queue-overdue"),
        Binding("3", "filter('drills')", N_("Drills"), id="queue-drills"),
        Binding("4", "filter('mine')", N_("Mine"), id="queue-mine"),
    ]

    filter_mode: reactive[str] = reactive("all")
    """Which quick filter is on: all, overdue, drills or mine."""

    @dataclass
    class Selected(Message):
        queue: IncidentQueue
        incident_no: str | None

        @property
        def control(self) -> IncidentQueue:
            return self.queue

    def __init__(self, operator: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.operator = operator
        self.rows: list[IncidentRow] = []
        self.now: datetime | None = None
        self.wanted: str | None = None
        """An incident to highlight as soon as the queue shows it (the report just taken)."""

    def compose(self) -> ComposeResult:
        table: DataTable[Text | str] = DataTable(cursor_type="row", zebra_stripes=True, id="queue-table")
        table.add_column(_("No."), key="no", width=13)
        table.add_column(_("Lvl"), key="level", width=4)
        table.add_column(_("Type"), key="type", width=14)
        table.add_column(_("Place"), key="place", width=13)
        table.add_column(_("State"), key="state", width=8)
        table.add_column(_("Age"), key="age", width=6)
        table.add_column(_("Late"), key="overdue", width=4)
        yield table

    def on_mount(self) -> None:
        self.border_title = _("Incident queue")
        self._title()

    def _title(self) -> None:
        self.border_subtitle = _("showing: {filter} · 1 all 2 overdue 3 drills 4 mine").format(
            filter=_(FILTERS[self.filter_mode]))

    def watch_filter_mode(self) -> None:
        self._title()
        self._render_rows()

    def action_filter(self, mode: str) -> None:
        self.filter_mode = mode

    @property
    def selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def follow(self, incident_no: str) -> None:
        """Highlight `incident_no` now, or on the first load that shows it, so the next key works on it."""
        self.wanted = incident_no
        self._render_rows()

    def show(self, rows: list[IncidentRow], now: datetime) -> None:
        self.rows, self.now = rows, now
        self._render_rows()

    def _visible(self) -> list[IncidentRow]:
        if self.filter_mode == "overdue":
            return [row for row in self.rows if row.overdue_steps]
        if self.filter_mode == "drills":
            return [row for row in self.rows if row.is_drill]
        if self.filter_mode == "mine":
            return [row for row in self.rows if row.received_by == self.operator]
        return self.rows

    def _render_rows(self) -> None:
        if self.now is None:
            return
        table = self.query_one(DataTable)
        keep = self.selected
        table.clear()
        colours = {level.code: level.colour for level in load_config().levels}
        for row in self._visible():
            kind = labels.configured("incident_types", row.type)
            type_cell = Text("[" + _("DRILL") + "] ", style="bold magenta") + Text(kind) if row.is_drill else Text(kind)
            overdue = Text(str(row.overdue_steps), style="bold white on red") if row.overdue_steps else Text("")
            table.add_row(
                Text(row.no, style="bold red" if row.overdue_steps else ""),
                Text(labels.level(row.level), style=f"bold {colours.get(row.level or '', 'grey50')}"),
                type_cell, Text(row.address), Text(labels.incident_state(row.state)),
                Text(age(row.received_at, self.now)), overdue, key=row.no)
        if self.wanted is not None and self.wanted in table.rows:
            keep, self.wanted = self.wanted, None
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self.post_message(self.Selected(self, self.selected))

    @on(DataTable.RowHighlighted, "#queue-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Report where the cursor is now: a highlight queued before a redraw may name a row it left."""
        event.stop()
        self.post_message(self.Selected(self, self.selected))
