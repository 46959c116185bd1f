"""The situation board (指挥大屏): the center's state in large figures, for the wall of the command hall.

Read-only: the screen binds no key that writes. It reads `model.board.board_snapshot` when it
opens, on every `LedgerAdvanced` the follower posts (`FollowedScreen`), and every `RECHECK_SECONDS` besides, since a
step turns overdue and an age grows with no entry written. Figures are Textual `Digits`, three
rows tall; the lists use bold text.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Digits, Static
from textual_plot import PlotWidget
from textual_plot.axis_formatter import CategoricalAxisFormatter

from console import labels
from console.desk import Desk
from console.display import plain
from console.footer import DeskFooter
from console.panes.incident_queue import age
from console.panes.table_cells import incident_type_cell
from console.reports.figures import minutes_seconds
from console.screens.followed import FollowedScreen
from console.screens.map import WARNING_STYLES
from console.widgets.desk_table import content_key
from console.widgets.district_map import rich_colour
from model import clock
from model.board import BoardSnapshot
from model.config import load_config
from model.text import N_, _
from model.timefmt import DAY_TIME, TIME, local
from model.timefmt import show as show_time

if TYPE_CHECKING:
    from sqlmodel import Session

RECHECK_SECONDS = 30
TYPE_WIDTH = 18
"""The open incidents' type column: a full name that does not fit gives way to its short name, as in the queue."""
COLUMN_WIDTHS = {"board-incidents": {2: TYPE_WIDTH, 3: 30, 4: 8}, "board-overdue": {1: 28}, "board-warnings": {1: 14}}
"""Fixed widths (by column index) where a long type or place would push the columns after it off the board."""
ARRIVAL_BINS: tuple[tuple[float, float, str], ...] = (
    (0, 5, "<5"), (5, 10, "<10"), (10, 15, "<15"), (15, 20, "<20"), (20, 30, "<30"), (30, float("inf"), "30+"))
"""Minutes from order to on scene, in the chart's bars."""
FIGURES = (
    ("open", N_("Open incidents")), ("received", N_("Received today")), ("dispatched", N_("Orders today")),
    ("on_scene", N_("On scene now")), ("available", N_("Resources available")),
    ("warnings", N_("Warnings in force")), ("arrival", N_("Order → on scene, 90%")),
)
"""The large figures across the top, by widget id and caption."""


def arrival_counts(minutes: tuple[float, ...]) -> list[int]:
    """How many of today's arrivals fell in each of the chart's bins."""
    return [sum(1 for value in minutes if low <= value < high) for low, high, _label in ARRIVAL_BINS]


class BoardScreen(FollowedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", N_("Back"), id="board-back")]
    READ_GROUP = "board"

    @dataclass
    class Loaded(Message):
        board: BoardSnapshot

    def __init__(self, desk: Desk, *, closable: bool = True) -> None:
        super().__init__(desk)
        self.closable = closable
        """False in board mode, where the board is the whole app and Esc has nothing to go back to."""
        self.board: BoardSnapshot | None = None
        self.filled: dict[str, list[tuple[Hashable, ...]]] = {}
        """What each list's cells show (text and styles), as last shown, by table id (`_fill`)."""

    def compose(self) -> ComposeResult:
        yield Static(id="board-title")
        with Horizontal(id="board-figures"):
            for key, _caption in FIGURES:
                with Vertical(classes="board-figure", id=f"figure-{key}"):
                    yield Digits("0", id=f"digits-{key}")
        with Horizontal(id="board-middle"):
            with Vertical(id="board-levels"):
                for level in [*load_config().levels, None]:
                    code = level.code if level is not None else "none"
                    with Horizontal(classes="board-level", id=f"level-{code}"):
                        yield Static(classes="board-level-name", id=f"level-name-{code}")
                        yield Digits("0", id=f"level-digits-{code}")
            yield self._table("board-incidents")
            chart = PlotWidget(id="board-chart", allow_pan_and_zoom=False)
            chart.can_focus = False
            yield chart
        with Horizontal(id="board-bottom"):
            yield self._table("board-overdue")
            yield self._table("board-reports")
            with Vertical(id="board-side"):
                yield self._table("board-out")
                yield self._table("board-warnings")
        yield DeskFooter()

    @staticmethod
    def _table(widget_id: str) -> DataTable[Text]:
        table: DataTable[Text] = DataTable(id=widget_id, cursor_type="none", zebra_stripes=True)
        table.can_focus = False
        return table

    def on_mount(self) -> None:
        captions = dict(FIGURES)
        for key, caption in captions.items():
            self.query_one(f"#figure-{key}").border_title = _(caption)
        config = load_config()
        for level in config.levels:
            name = self.query_one(f"#level-name-{level.code}", Static)
            name.update(Text(labels.level_name(level.code), style=f"bold {rich_colour(level.colour)}"))
            self.query_one(f"#level-digits-{level.code}", Digits).styles.color = rich_colour(level.colour)
        self.query_one("#level-name-none", Static).update(Text(_("not graded"), style="bold"))
        self.query_one("#board-levels").border_title = _("Open by level")
        self.query_one("#board-chart").border_title = _("Order → on scene today (minutes)")
        for widget_id, title, columns in (
                ("board-incidents", _("Open incidents"),
                 (_("No."), _("Lvl"), _("Type"), _("Place"), _("Age"), _("Late"))),
                ("board-overdue", _("Overdue steps"), (_("No."), _("Step"), _("Due"))),
                ("board-reports", _("Reports upward due"), (_("No."), _("Report"), _("Due"))),
                ("board-out", _("Out of service"), (_("Resource"), _("Unit"), _("Since"))),
                ("board-warnings", _("Warnings in force"), (_("Warning"), _("Area"), _("Expires")))):
            table = self.query_one(f"#{widget_id}", DataTable)
            table.border_title = title
            widths = COLUMN_WIDTHS.get(widget_id, {})
            for index, column in enumerate(columns):
                table.add_column(column, width=widths.get(index))
        self.reread()
        self.set_interval(RECHECK_SECONDS, self.reread)

    def read(self, session: Session) -> Loaded:
        from model.board import board_snapshot

        return self.Loaded(board_snapshot(session, clock.now()))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.board = board = message.board
        config = load_config()
        self.query_one("#board-title", Static).update(Text.assemble(
            (config.center_name if labels.language() == "zh" else config.center_name_en, "bold"), "  ",
            _("situation board"), "  ", (show_time(board.taken_at), "bold")))
        figures = board.figures
        values = {"open": str(figures.open), "received": str(figures.received),
                  "dispatched": str(figures.dispatched), "on_scene": str(figures.on_scene),
                  "available": str(figures.available), "warnings": str(len(board.warnings)),
                  "arrival": minutes_seconds(figures.arrival_p90_seconds).replace("—", "-")}
        for key, value in values.items():
            self.query_one(f"#digits-{key}", Digits).update(value)
        self.query_one("#figure-available").border_subtitle = _("of {total}").format(total=figures.resources)
        for count in board.levels:
            code = count.level or "none"
            self.query_one(f"#level-digits-{code}", Digits).update(str(count.count))
        self._incidents(board)
        self._lists(board)
        self._chart(board)

    def _fill(self, widget_id: str, rows: list[tuple[Text, ...]]) -> None:
        """Show these rows in the list, unless it shows them already: a re-read that changed nothing
        leaves the list as it is drawn, where a refill drew it again and, until the table's next idle,
        with every column cut to its heading's width."""
        shows = [tuple(content_key(cell) for cell in row) for row in rows]
        if self.filled.get(widget_id) == shows and all(None not in row for row in shows):
            return
        table = self.query_one(f"#{widget_id}", DataTable)
        table.clear()
        for row in rows:
            table.add_row(*row)
        self.filled[widget_id] = shows

    def _incidents(self, board: BoardSnapshot) -> None:
        colours = {level.code: rich_colour(level.colour) for level in load_config().levels}
        self._fill("board-incidents", [
            (Text(row.no, style="bold red" if row.overdue_steps else "bold"),
             Text(labels.level(row.level), style=f"bold {colours.get(row.level or '', 'white')}"),
             incident_type_cell(row.type, row.is_drill, TYPE_WIDTH), plain(row.address),
             Text(age(row.received_at, board.taken_at), style="bold"),
             Text(str(row.overdue_steps), style="bold white on red") if row.overdue_steps else Text(""))
            for row in board.incidents])

    def _lists(self, board: BoardSnapshot) -> None:
        self._fill("board-overdue", [
            (Text(step.incident_no[-4:], style="bold"), plain(step.title),
             Text(self._when(step.due_at), style="bold red"))
            for step in board.overdue_steps])
        self._fill("board-reports", [
            (Text(report.incident_no[-4:], style="bold"), Text(report.title), self._due(report.due_at, report.overdue))
            for report in board.reports_due])
        self._fill("board-out", [
            (plain(resource.name), plain(resource.unit_name),
             Text(self._when(resource.since) if resource.since else "—"))
            for resource in board.out_of_service])
        self._fill("board-warnings", [
            (Text(labels.configured("warning_colours", warning.colour) + " ",
                  style=f"bold {WARNING_STYLES.get(warning.colour, 'white')}") + plain(warning.type),
             plain(warning.area), Text(self._when(warning.expires_at) if warning.expires_at else _("until lifted")))
            for warning in board.warnings])

    def _when(self, moment: datetime) -> str:
        """The time alone on the board's own day, with the day before it otherwise."""
        assert self.board is not None
        same_day = local(moment).date() == local(self.board.taken_at).date()
        return show_time(moment, TIME if same_day else DAY_TIME)

    def _due(self, due_at: datetime | None, overdue: bool) -> Text:
        if due_at is None:
            return Text("—")
        return Text(self._when(due_at), style="bold white on red" if overdue else "bold")

    def _chart(self, board: BoardSnapshot) -> None:
        """One bar per bin that has arrivals; an empty bin shows no bar, not a sliver on the axis."""
        chart = self.query_one(PlotWidget)
        chart.clear()
        counts = arrival_counts(board.arrival_minutes)
        chart.set_x_formatter(CategoricalAxisFormatter([label for _low, _high, label in ARRIVAL_BINS]))
        chart.set_xticks([float(index) for index in range(1, len(ARRIVAL_BINS) + 1)])
        chart.set_xlimits(0.4, len(ARRIVAL_BINS) + 0.6)
        top = max(max(counts), 1)
        chart.set_yticks([float(value) for value in range(0, top + 1, max(1, top // 5))])
        chart.set_ylimits(0, top + 0.5)
        filled = [(index + 1, count) for index, count in enumerate(counts) if count]
        if filled:
            chart.bar([float(x) for x, _count in filled], [count for _x, count in filled], width=0.7,
                      bar_style="bold cyan")
        chart.set_xlabel(_("minutes"))
        chart.set_ylabel(_("arrivals"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In board mode there is nothing to go back to: Esc is not offered."""
        return self.closable if action == "back" else True

    def action_back(self) -> None:
        self.dismiss()
