"""The incident queue: open incidents by level then age, then ended ones to close, with quick filters and alarms."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable

from console import labels
from console.display import plain, same
from console.panes.table_cells import incident_type_cell, update_changed_cells
from console.widgets.desk_table import DeskTable
from console.widgets.detail_line import DetailLine
from model.config import load_config
from model.text import N_, _
from model.timefmt import TIME
from model.timefmt import show as show_time

if TYPE_CHECKING:
    from model.queries import IncidentRow

FILTERS = {"all": N_("all"), "overdue": N_("overdue"), "drills": N_("drills"), "mine": N_("mine")}
HEADERS = {"no": N_("No."), "level": N_("Lvl"), "type": N_("Type"), "place": N_("Place"), "state": N_("State"),
           "age": N_("Age"), "overdue": N_("Late")}
"""The queue's columns in order, by key."""
FIXED_WIDTHS = {"no": 13, "level": 3, "state": 8, "age": 8, "overdue": 4}
"""Widths of every column but the type and the place, which share the rest of the pane."""
TYPE_MIN = 11
PLACE_MIN = 12
TYPE_SHARE = 0.5
"""The type's part of what the fixed columns leave; the place (what a dispatcher reads first) takes the rest."""
LEFT_OUT_FIRST = ("age", "overdue")
"""Columns left out, in this order, while the pane is too narrow for the type and the place at their least
(a 120-column terminal): the age, which the detail line gives for the highlighted incident and the order
(level, then age) shows for the rest, then the count of overdue steps, whose incident's number is red."""


def age(since: datetime, now: datetime) -> str:
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes >= 60:
        return _("{hours}h{minutes}m").format(hours=minutes // 60, minutes=f"{minutes % 60:02d}")
    return _("{minutes}m").format(minutes=minutes)


def filled(template: str, *, who: str, **values: str) -> Text:
    """A catalog message with the desk's own values, and `who` (outside text) put in as plain text, never markup."""
    before, _field, after = template.partition("{who}")
    return Text(before.format(**values)) + plain(who) + Text(after.format(**values))


class IncidentQueue(Vertical):
    """Open incidents, then ended ones waiting to be closed (z); the highlighted one drives the plan pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
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
        self.place_width = 0
        self.type_width = 0
        self.detail_text: Text | None = None
        self.shown_columns: tuple[str, ...] = tuple(HEADERS)
        """The columns the pane is wide enough for, in order (`LEFT_OUT_FIRST`)."""

    def compose(self) -> ComposeResult:
        yield DeskTable(cursor_type="row", zebra_stripes=True, id="queue-table")
        yield DetailLine(id="queue-detail")

    def _columns(self, shown: tuple[str, ...], type_width: int, place_width: int) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        flexible = {"type": type_width, "place": place_width}
        for key in shown:
            table.add_column(_(HEADERS[key]), key=key, width=FIXED_WIDTHS.get(key) or flexible[key])
        self.shown_columns, self.type_width, self.place_width = shown, type_width, place_width

    def on_resize(self) -> None:
        """The type and the place share whatever the fixed columns leave (one cell of padding a
        side of each column; two for the scrollbar), once the columns that do not fit are left out."""
        shown = tuple(HEADERS)
        for left_out in (None, *LEFT_OUT_FIRST):
            shown = tuple(key for key in shown if key != left_out)
            spare = (self.content_size.width - sum(FIXED_WIDTHS.get(key, 0) for key in shown)
                     - 2 * len(shown) - 2)
            if spare >= TYPE_MIN + PLACE_MIN:
                break
        type_width = max(TYPE_MIN, math.ceil(spare * TYPE_SHARE))
        place_width = max(PLACE_MIN, spare - type_width)
        if (shown, type_width, place_width) != (self.shown_columns, self.type_width, self.place_width):
            self._columns(shown, type_width, place_width)
            self._render_rows()

    def on_mount(self) -> None:
        self.border_title = _("Incident queue")
        self._columns(self.shown_columns, TYPE_MIN, PLACE_MIN)
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

    def follow(self, incident_no: str | None) -> None:
        """Highlight `incident_no` now, or on the first read that shows it, so the next key works on it."""
        if incident_no is None:
            return
        table = self.query_one(DataTable)
        if incident_no not in table.rows:
            self.wanted = incident_no
            return
        self.wanted = None
        table.move_cursor(row=table.get_row_index(incident_no))
        self._detail()
        self.post_message(self.Selected(self, self.selected))

    def echo(self, incident_no: str, row: IncidentRow | None, now: datetime) -> None:
        """This desk's write as it recorded it: the incident's row now (None: it left the queue),
        shown before the ledger follower reads it back."""
        from model.read_models import desk_order

        rows = [kept for kept in self.rows if kept.no != incident_no] + ([row] if row is not None else [])
        self.show(desk_order(rows), now)

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
        colours = {level.code: level.colour for level in load_config().levels}
        listed = {row.no: self._cells(row, colours, self.now) for row in self._visible()}
        numbers, shown = list(listed), [row.key.value for row in table.ordered_rows]
        if numbers[:len(shown)] == shown:  # the same rows, or new ones after them (a report, last in the queue)
            update_changed_cells(table, {no: listed[no] for no in shown})
            for no in numbers[len(shown):]:
                table.add_row(*listed[no], key=no)
        else:
            table.clear()
            for no, cells in listed.items():
                table.add_row(*cells, key=no)
        if self.wanted is not None and self.wanted in table.rows:
            keep, self.wanted = self.wanted, None
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._detail()
        self.post_message(self.Selected(self, self.selected))

    def _cells(self, row: IncidentRow, colours: dict[str, str], now: datetime) -> list[Text]:
        overdue = Text(str(row.overdue_steps), style="bold white on red") if row.overdue_steps else Text("")
        cells = {"no": Text(row.no, style="bold red" if row.overdue_steps else ""),
                 "level": Text(labels.level(row.level), style=f"bold {colours.get(row.level or '', 'grey50')}"),
                 "type": incident_type_cell(row.type, row.is_drill, self.type_width), "place": plain(row.address),
                 "state": Text(labels.incident_state(row.state)),
                 "age": Text(age(row.received_at, now)), "overdue": overdue}
        return [cells[key] for key in self.shown_columns]

    def _detail(self) -> None:
        """The highlighted incident in full, whatever its columns cut: type, place, when and by whom, what happened."""
        row = next((row for row in self.rows if row.no == self.selected), None)
        if row is None or self.now is None:
            self._show_detail(Text(""))
            return
        line = Text(row.no + "  ", style="bold")
        line += plain(labels.configured("incident_types", row.type)) + Text(" · ") + plain(row.address, style="bold")
        line += Text(" · ") + filled(_("received {time} ({age} ago) by {who}"), who=row.received_by,
                                       time=show_time(row.received_at, TIME), age=age(row.received_at, self.now))
        if row.description:
            line += Text(" · ") + plain(row.description)
        self._show_detail(line)

    def _show_detail(self, line: Text) -> None:
        """Repaint the detail line only when its words change (the queue is redrawn at every read)."""
        if not same(line, self.detail_text):
            self.detail_text = line
            self.query_one("#queue-detail", DetailLine).show(line)

    @on(DataTable.RowHighlighted, "#queue-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Report where the cursor is now: a highlight queued before a redraw may name a row it left."""
        event.stop()
        self._detail()
        self.post_message(self.Selected(self, self.selected))
