"""The statistics screen (统计考核): the month's assessment per unit and per officer, with terminal
charts of orders and acknowledgement times. It reads `model.assessment.assess` in a worker and
reads again when the ledger advances; `[` and `]` step through the months.

The charts label their bars with the unit's number in the table (the `#` column), not its name:
plotext measures a label in characters, so a Chinese name, two cells a character, would spill over
the frame; a number is as wide in either language and keeps every bar under its own tick. The
charts' titles are Textual's, above the plots, for the same reason: plotext would centre a Chinese
title by its characters, off the middle of its cells."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from console.display import plain
from console.messages import LedgerAdvanced
from console.reports.figures import minutes_seconds
from model import clock
from model.config import load_config
from model.text import N_, _

if TYPE_CHECKING:
    from console.desk import Desk
    from model.assessment import Assessment, Figures


@dataclass
class AssessmentLoaded(Message):
    """The month's figures, read in a worker."""

    assessment: Assessment
    """Plain read models: nothing attached to the database."""


def month_of(moment: datetime) -> str:
    return moment.astimezone(load_config().tz).strftime("%Y-%m")


def shifted(month: str, by: int) -> str:
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + number - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def figure_cells(figures: Figures) -> list[Text]:
    return [Text(value) for value in (
        str(figures.orders), minutes_seconds(figures.acknowledge.median), minutes_seconds(figures.acknowledge.p90),
        minutes_seconds(figures.arrive.median), minutes_seconds(figures.arrive.p90), str(figures.refused),
        str(figures.late), str(figures.overdue_steps), str(figures.drills))]


NUMBER = N_("#")
"""The first column: the unit's number, the label of its bars in the charts."""

COUNT_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
SECOND_STEPS = (5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)
"""Tick steps a reader takes in at a glance: round counts; seconds in round parts of a minute or hour."""


def headings(first: str) -> list[Text]:
    """The column headings of a table, each on at most two lines: broken at the first space, so the
    English columns fit a 120-column terminal; Chinese headings have no space and keep one line."""
    return [Text(label.replace(" ", "\n", 1)) for label in (first, *(_(column) for column in COLUMNS))]


def tick_step(top: float, steps: tuple[int, ...]) -> int:
    """The smallest step of `steps` that puts at most five ticks above zero up to `top`; past the
    largest, a multiple of it."""
    return next((step for step in steps if top / step <= 5), steps[-1] * math.ceil(top / (steps[-1] * 5)))


COLUMNS = (N_("Orders"), N_("Ack. median"), N_("Ack. p90"), N_("Arrival median"), N_("Arrival p90"), N_("Refused"),
           N_("Late"), N_("Overdue steps"), N_("Drills"))


class StatisticsScreen(Screen[None]):
    """Per unit and per officer for one month; drills count apart and stay out of the real figures."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", N_("Back"), id="statistics-back"),
        Binding("left_square_bracket", "month(-1)", N_("Previous month"), id="statistics-previous"),
        Binding("right_square_bracket", "month(1)", N_("Next month"), id="statistics-next"),
    ]
    DEFAULT_CSS = """
    StatisticsScreen { layout: vertical; }
    StatisticsScreen #statistics-title { height: 1; text-style: bold; }
    StatisticsScreen #statistics-units { max-height: 55%; }
    StatisticsScreen #statistics-officers { max-height: 20%; }
    StatisticsScreen #statistics-charts { height: 1fr; min-height: 10; }
    StatisticsScreen .statistics-chart { width: 1fr; }
    StatisticsScreen .statistics-chart-title { width: 100%; height: 1; text-align: center; }
    StatisticsScreen PlotextPlot { height: 1fr; }
    """

    def __init__(self, desk: Desk, month: str | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.month = month or month_of(clock.now())
        """The month shown, YYYY-MM local time."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="statistics-title")
            tall = any(" " in _(column) for column in COLUMNS)
            for table_id in ("statistics-units", "statistics-officers"):
                yield DataTable(cursor_type="row", zebra_stripes=True, header_height=2 if tall else 1, id=table_id)
            with Horizontal(id="statistics-charts"):
                for chart_id in ("statistics-orders", "statistics-ack"):
                    with Vertical(classes="statistics-chart"):
                        yield Static(id=f"{chart_id}-title", classes="statistics-chart-title")
                        yield PlotextPlot(id=chart_id)

    def on_mount(self) -> None:
        units: DataTable[Text] = self.query_one("#statistics-units", DataTable)
        units.add_column(_(NUMBER))
        for table_id, first in (("#statistics-units", _("Unit")), ("#statistics-officers", _("Officer"))):
            table: DataTable[Text] = self.query_one(table_id, DataTable)
            for heading in headings(first):
                table.add_column(heading)
        self.load()

    def action_month(self, by: int) -> None:
        self.month = shifted(self.month, by)
        self.load()

    @on(LedgerAdvanced)
    def reread(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="statistics")
    def load(self) -> None:
        from model.assessment import assess

        found = self.desk.read(assess, self.month)
        self.post_message(AssessmentLoaded(found))

    @on(AssessmentLoaded)
    def show(self, message: AssessmentLoaded) -> None:
        report = message.assessment
        self.query_one("#statistics-title", Static).update(Text(_(
            "Assessment {month} · real incidents: {real} · drill incidents, left out of the figures: {drills}  "
            "([ and ] change the month)").format(month=report.month, real=report.real_incidents,
                                                 drills=report.drill_incidents)))
        units: DataTable[Text] = self.query_one("#statistics-units", DataTable)
        units.clear()
        for number, line in enumerate(report.units, start=1):
            units.add_row(Text(str(number)), plain(line.name), *figure_cells(line.figures), key=line.code)
        officers: DataTable[Text] = self.query_one("#statistics-officers", DataTable)
        officers.clear()
        for officer in report.officers:
            officers.add_row(plain(officer.name), *figure_cells(officer.figures), key=officer.name)
        numbered = list(enumerate(report.units, start=1))
        ordered = [(number, line) for number, line in numbered if line.figures.orders]
        self._bars("#statistics-orders", _("Orders per unit, by # in the table"), [number for number, _line in ordered],
                   [float(line.figures.orders) for _number, line in ordered], steps=COUNT_STEPS)
        timed = [(number, line) for number, line in numbered if line.figures.acknowledge.p90 is not None]
        self._bars("#statistics-ack", _("Time to acknowledge, p90 (s), by # in the table"),
                   [number for number, _line in timed],
                   [float(line.figures.acknowledge.p90 or 0) for _number, line in timed], steps=SECOND_STEPS)

    def _bars(self, selector: str, title: str, numbers: list[int], values: list[float], *,
              steps: tuple[int, ...]) -> None:
        """Vertical bars from zero, one per unit under its number, ticked in round `steps`, with
        headroom above the highest tick so the longest bar stays clear of the frame."""
        self.query_one(f"{selector}-title", Static).update(Text(title))
        widget = self.query_one(selector, PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        if values:
            positions = [float(place) for place in range(1, len(values) + 1)]
            plt.bar(positions, values, width=0.5)
            plt.xticks(positions, [str(number) for number in numbers])
            plt.xlim(0.4, len(values) + 0.6)
            step = tick_step(max(values), steps)
            ticks = [float(tick) for tick in range(0, int(max(values)) + step, step)]
            plt.yticks(ticks)
            plt.ylim(0, ticks[-1] + step / 4)
        widget.refresh()
