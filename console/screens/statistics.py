"""The statistics screen (统计考核): the month's assessment per unit and per officer, with terminal
charts of orders and acknowledgement times. It reads `model.assessment.assess` in a worker and
reads again when the ledger advances; `[` and `]` step through the months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
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


COLUMNS = (N_("Orders"), N_("Ack. median"), N_("Ack. p90"), N_("Arrival median"), N_("Arrival p90"), N_("Refused"),
           N_("Late"), N_("Overdue steps"), N_("Drills"))


class StatisticsScreen(Screen[None]):
    """Per unit and per officer for one month; drills count apart and stay out of the real figures."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="statistics-back"),
        Binding("left_square_bracket", "month(-1)", N_("Previous month"), id="statistics-previous"),
        Binding("right_square_bracket", "month(1)", N_("Next month"), id="statistics-next"),
    ]
    DEFAULT_CSS = """
    StatisticsScreen { layout: vertical; }
    StatisticsScreen #statistics-title { height: 1; text-style: bold; }
    StatisticsScreen DataTable { height: 1fr; }
    StatisticsScreen #statistics-charts { height: 16; }
    StatisticsScreen PlotextPlot { width: 1fr; }
    """

    def __init__(self, desk: Desk, month: str | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.month = month or month_of(clock.now())
        """The month shown, YYYY-MM local time."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="statistics-title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="statistics-units")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="statistics-officers")
            with Horizontal(id="statistics-charts"):
                yield PlotextPlot(id="statistics-orders")
                yield PlotextPlot(id="statistics-ack")

    def on_mount(self) -> None:
        for table_id, first in (("#statistics-units", _("Unit")), ("#statistics-officers", _("Officer"))):
            table: DataTable[Text] = self.query_one(table_id, DataTable)
            table.add_column(first)
            for column in COLUMNS:
                table.add_column(_(column))
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
            "Assessment {month}: {real} real incidents, {drills} drill incidents left out of the figures  "
            "([ and ] change the month)").format(month=report.month, real=report.real_incidents,
                                                 drills=report.drill_incidents)))
        units: DataTable[Text] = self.query_one("#statistics-units", DataTable)
        units.clear()
        for line in report.units:
            units.add_row(plain(line.name), *figure_cells(line.figures), key=line.code)
        officers: DataTable[Text] = self.query_one("#statistics-officers", DataTable)
        officers.clear()
        for officer in report.officers:
            officers.add_row(plain(officer.name), *figure_cells(officer.figures), key=officer.name)
        ordered = [line for line in report.units if line.figures.orders]
        self._bars("#statistics-orders", _("Orders per unit"), [line.name for line in ordered],
                   [float(line.figures.orders) for line in ordered])
        timed = [line for line in report.units if line.figures.acknowledge.p90 is not None]
        self._bars("#statistics-ack", _("Time to acknowledge, p90 (s)"), [line.name for line in timed],
                   [float(line.figures.acknowledge.p90 or 0) for line in timed])

    def _bars(self, selector: str, title: str, names: list[str], values: list[float]) -> None:
        from model.display import shown

        widget = self.query_one(selector, PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        if values:
            plt.bar([shown(name) for name in names], values, orientation="horizontal")
        widget.refresh()
