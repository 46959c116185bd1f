"""The unit roster: every resource with its status, filtered by typing, one key per status move."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input

from console import labels
from console.display import plain, shown
from console.panes.incident_queue import age
from console.widgets.desk_table import DeskTable
from model.config import load_config
from model.text import N_, _

if TYPE_CHECKING:
    from model.queries import ResourceRow

STATUS_STYLE = {
    "available": "green", "dispatched": "bold yellow", "acknowledged": "yellow", "en_route": "cyan",
    "on_scene": "bold cyan", "returning": "blue", "out_of_service": "grey50",
}
NEXT_STATUS = {"dispatched": "acknowledged", "acknowledged": "en_route", "en_route": "on_scene",
               "on_scene": "returning", "returning": "available"}
"""Where Enter moves a resource: the normal path from order to home."""
HEADERS = {"code": N_("Code"), "tier": N_("Tier"), "unit": N_("Unit"), "kind": N_("Kind"), "type": N_("Type"),
           "name": N_("Name"), "status": N_("Status"), "incident": N_("Incident"), "since": N_("In status")}
"""The roster's columns in order, by key."""
WIDTHS = {"code": 8, "tier": 4, "unit": 30, "kind": 16, "type": 18, "name": 22, "status": 14, "incident": 13,
          "since": 9}
"""Each column's width when the pane has room for all of them (a 160-column terminal)."""
NARROWING = {"unit": 12, "name": 16}
"""The columns that give up cells when the pane is narrower, in this order, each down to its width
here: the unit's name first (its code's prefix says it too), then the resource's own name, whose
end is its number (水罐消防车2号)."""
LEFT_OUT_FIRST = ("kind",)
"""Left out when even the narrowed columns do not fit (a 120-column terminal): the resource's type
says most of what its unit's kind does. The status, the incident and the time in status never are."""


class UnitRoster(Vertical):
    """Resources of every unit; type to filter (code, unit, type, status, kind, or T1/T2/T3)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "set_status('returning')", N_("Returning"), id="roster-returning"),
        Binding("x", "toggle_service", N_("Out of / in service"), id="roster-service"),
        Binding("slash", "focus_filter", N_("Filter"), id="roster-filter"),
        Binding("ctrl+z", "correct", N_("Correct the last move"), id="roster-correct"),
    ]

    @dataclass
    class StatusRequested(Message):
        """The officer asked to move a resource to a status (reason needed for out of service)."""

        roster: UnitRoster
        resource_code: str
        status: str
        resource_name: str
        incident_no: str | None
        """The incident the resource works for before the move (a resource back home has none after it)."""

        @property
        def control(self) -> UnitRoster:
            return self.roster

    @dataclass
    class CorrectionRequested(Message):
        """The officer asked to correct the highlighted resource's last move (a correction entry, nothing deleted)."""

        roster: UnitRoster
        resource_code: str
        resource_name: str

        @property
        def control(self) -> UnitRoster:
            return self.roster

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[ResourceRow] = []
        self.now: datetime | None = None
        self.alarmed: set[str] = set()
        self.shown: dict[str, tuple[tuple[str, str], ...]] = {}
        """What each listed row shows (text and style per cell), in table order, to update only what changed."""
        self.pinned: str | None = None
        """The resource just moved: it stays listed (and under the cursor) though the filter no longer matches it."""
        self.widths = dict(WIDTHS)
        """The columns shown and their widths (`fitted` to the pane)."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("type to filter: code, unit, type, status, kind, T1/T2/T3"), id="roster-filter")
        table: DataTable[Text] = DeskTable(cursor_type="row", zebra_stripes=True, id="roster-table")
        yield table

    def on_mount(self) -> None:
        self.border_title = _("Unit roster")
        self._columns(self.widths)

    def fitted(self, width: int) -> dict[str, int]:
        """The columns shown in `width` cells and their widths (one cell of padding a side of each
        column, two for the scrollbar): all at full width if they fit, else the `NARROWING` columns
        give up cells, else `LEFT_OUT_FIRST` go in turn."""
        shown = dict(WIDTHS)
        for left_out in (None, *LEFT_OUT_FIRST):
            shown.pop(left_out or "", None)
            spare = width - sum(w for key, w in shown.items() if key not in NARROWING) - 2 * len(shown) - 2
            if spare >= sum(WIDTHS[key] for key in NARROWING):
                return shown
            if spare >= sum(NARROWING.values()):
                break
        excess = sum(WIDTHS[key] for key in NARROWING) - spare
        for key, least in NARROWING.items():
            given = min(excess, WIDTHS[key] - least)
            shown[key] -= given
            excess -= given
        return shown

    def on_resize(self) -> None:
        widths = self.fitted(self.content_size.width)
        if widths != self.widths:
            self._columns(widths)
            self.shown = {}
            self._render_rows()

    def _columns(self, widths: dict[str, int]) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for key, width in widths.items():
            table.add_column(_(HEADERS[key]), key=key, width=width)
        self.widths = widths

    def action_focus_filter(self) -> None:
        self.query_one("#roster-filter", Input).focus()

    @on(Input.Changed, "#roster-filter")
    def filter_changed(self) -> None:
        self.pinned = None
        self._render_rows()

    @on(DataTable.RowSelected, "#roster-table")
    def enter_pressed(self, event: DataTable.RowSelected) -> None:
        """Enter moves the resource one step along its normal path."""
        event.stop()
        self.action_advance()

    @on(Input.Submitted, "#roster-filter")
    def filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def unacknowledged(self, now: datetime) -> set[str]:
        """Resources dispatched longer ago than the acknowledgement limit without acknowledging."""
        if not self.rows:
            return set()  # before the first load: no need to read the configuration on the first paint
        limit = timedelta(minutes=load_config().ack_timeout_minutes)
        return {row.code for row in self.rows
                if row.unacknowledged_since is not None and now - row.unacknowledged_since > limit}

    def show(self, rows: list[ResourceRow], now: datetime) -> None:
        self.rows, self.now = rows, now
        self._render_rows()

    def tick(self, now: datetime) -> None:
        """Re-check the acknowledgement alarm; a resource that just went late turns red."""
        self.now = now
        if self.unacknowledged(now) != self.alarmed:
            self._render_rows()

    def _matches(self, row: ResourceRow, needle: str) -> bool:
        if not needle:
            return True
        haystack = " ".join((row.code, row.name, row.unit_name, row.unit_code, f"T{row.tier}",
                             labels.configured("resource_types", row.type), labels.configured("unit_kinds", row.kind),
                             labels.resource_status(row.status), row.incident_no or "")).lower()
        return all(part in haystack for part in needle.lower().split())

    @property
    def selected(self) -> ResourceRow | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((row for row in self.rows if row.code == key), None)

    def _render_rows(self) -> None:
        if self.now is None:
            return
        table = self.query_one(DataTable)
        keep = self.selected
        needle = self.query_one("#roster-filter", Input).value.strip()
        self.alarmed = self.unacknowledged(self.now)
        listed = {row.code: self._cells(row) for row in self.rows
                  if row.code == self.pinned or self._matches(row, needle)}
        if list(listed) == list(self.shown):
            self._update_changed_cells(table, listed)
        else:
            table.clear()
            for code, cells in listed.items():
                table.add_row(*(plain(text, style=style) for text, style in cells), key=code)
        self.shown = listed
        if keep is not None and table.row_count and keep.code in table.rows:
            table.move_cursor(row=table.get_row_index(keep.code))
        self.border_subtitle = f"{table.row_count}/{len(self.rows)}"

    def _cells(self, row: ResourceRow) -> tuple[tuple[str, str], ...]:
        assert self.now is not None
        late = row.code in self.alarmed
        status_style = "bold white on red" if late else STATUS_STYLE.get(row.status, "")
        cells = {"code": (row.code, ""), "tier": (f"T{row.tier}", ""), "unit": (row.unit_name, ""),
                 "kind": (labels.configured("unit_kinds", row.kind), ""),
                 "type": (labels.configured("resource_types", row.type), ""), "name": (row.name, ""),
                 "status": (labels.resource_status(row.status), status_style), "incident": (row.incident_no or "", ""),
                 "since": (age(row.status_since, self.now) if row.status_since else "", "")}
        return tuple(cells[key] for key in self.widths)

    def _update_changed_cells(self, table: DataTable[Text], listed: dict[str, tuple[tuple[str, str], ...]]) -> None:
        """Same rows in the same order: rewrite only the cells that differ, not 2,000 rows (a full
        rebuild costs the table a re-measure of every row, most of a second on a large roster)."""
        columns = list(table.columns)
        for code, cells in listed.items():
            before = self.shown[code]
            for column, (new, old) in zip(columns, zip(cells, before, strict=True), strict=True):
                if new != old:
                    table.update_cell(code, column, plain(new[0], style=new[1]))

    def _request(self, status: str) -> None:
        row = self.selected
        if row is not None:
            self.pinned = row.code
            self.post_message(self.StatusRequested(self, row.code, status, row.name, row.incident_no))

    def action_advance(self) -> None:
        row = self.selected
        if row is None:
            return
        if row.status not in NEXT_STATUS:
            self.notify(shown(_("{resource} is {status}: dispatch it from an incident").format(
                resource=f"{row.name} {row.code}", status=labels.resource_status(row.status))),
                severity="warning", markup=False)
            return
        self._request(NEXT_STATUS[row.status])

    def action_set_status(self, status: str) -> None:
        self._request(status)

    def action_correct(self) -> None:
        row = self.selected
        if row is not None:
            self.pinned = row.code
            self.post_message(self.CorrectionRequested(self, row.code, row.name))

    def action_toggle_service(self) -> None:
        row = self.selected
        if row is not None:
            self._request("available" if row.status == "out_of_service" else "out_of_service")
