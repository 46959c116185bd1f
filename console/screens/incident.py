"""The incident screen: the record as received, then the timeline as sentences, wrapped to the screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from console import labels
from console.desk import Desk
from console.display import plain
from console.footer import DeskFooter
from model.text import N_, _
from model.timefmt import TIME, show

if TYPE_CHECKING:
    from model.desk_reads import IncidentRecord
    from model.timeline import TimelineLine

DATE = N_("{year}-{month}-{day}")
"""The day above the entries of that day (times alone below it, as the desk reads them)."""


def _figure(value: int | None) -> str:
    return _("unknown") if value is None else str(value)


def head(incident: IncidentRecord) -> Text:
    """What was received: number, level, type and state; the place; every other field of the report, labelled."""
    text = Text(f"{incident.no}  ", style="bold")
    text.append(f"{labels.level(incident.level)}  ").append(plain(labels.configured("incident_types", incident.type)))
    text.append("  ").append(labels.incident_state(incident.state), style="bold")
    if incident.is_drill:
        text.append("  [" + _("DRILL") + "]", style="bold magenta")
    colon = _(": ")
    text.append("\n" + _("Place") + colon, style="dim").append(plain(incident.address, style="bold"))
    facts: list[tuple[str, Text]] = [
        (_("Received at"), Text(show(incident.received_at))),
        (_("Happened at"), Text(show(incident.occurred_at) or _("unknown"))),
        (_("Channel"), plain(labels.configured("channels", incident.channel))),
        (_("Caller"), plain(" ".join(part for part in (incident.caller_name, incident.caller_unit,
                                                       incident.caller_phone) if part))),
        (_("People affected"), Text(_figure(incident.people_affected))),
        (_("Injured"), Text(_figure(incident.injured))),
        (_("Deaths"), Text(_figure(incident.deaths))),
        (_("Losses"), plain(incident.losses)),
        (_("Trend"), plain(incident.trend)),
        (_("Action taken"), plain(incident.measures_taken)),
    ]
    text.append("\n")
    for label, value in facts:
        if value.plain:
            text.append(label + colon, style="dim").append(value).append("   ")
    if incident.description:
        text.append("\n" + _("What happened") + colon, style="dim").append(plain(incident.description, lines=True))
    return text


def timeline_table(lines: list[TimelineLine]) -> Table:
    """One row per entry: when and who, then the sentence wrapped under itself (a late entry's sentence
    says when it was entered, and shows in yellow)."""
    table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    day = ""
    for line in lines:
        if show(line.happened_at, DATE) != day:
            day = show(line.happened_at, DATE)
            table.add_row(Text(day, style="bold underline"), Text(""), Text(""))
        table.add_row(Text(show(line.happened_at, TIME)), plain(line.operator) + Text(":"),
                      plain(line.sentence, style="yellow" if line.late else "", lines=True))
    return table


class IncidentScreen(Screen[None]):
    """Escape goes back to the main screen; Up/Down and Page keys scroll the timeline."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", N_("Back"), id="incident-back")]

    def __init__(self, desk: Desk, incident_no: str) -> None:
        super().__init__()
        self.desk = desk
        self.incident_no = incident_no
        self.lines: list[TimelineLine] = []
        """The timeline as last read, oldest first."""

    def compose(self) -> ComposeResult:
        yield Static(Text(_("loading {no}…").format(no=self.incident_no)), id="incident-head")
        with VerticalScroll(id="timeline"):
            yield Static(id="timeline-lines")
        yield DeskFooter()

    @dataclass
    class Read(Message):
        """The incident's record and timeline, read in a worker."""

        incident: IncidentRecord
        lines: list[TimelineLine]

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="incident")
    def load(self) -> None:
        from model.desk_reads import incident_details

        self.post_message(self.Read(*self.desk.read(incident_details, self.incident_no)))

    @on(Read)
    def fill(self, message: Read) -> None:
        incident, lines = message.incident, message.lines
        self.lines = lines
        self.query_one("#incident-head", Static).update(head(incident))
        self.query_one("#timeline-lines", Static).update(timeline_table(lines))
        self.query_one("#timeline").border_title = _("Timeline · {n} entries").format(n=len(lines))
        self.query_one("#timeline", VerticalScroll).focus()
