"""The incident screen: the record as received and the whole timeline from the ledger."""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console import labels
from console.footer import DeskFooter
from console.desk import Desk
from model.text import N_, _
from model.timefmt import DAY_TIME_SECONDS, show


def _details(session: Any, incident_no: str) -> tuple[Any, list[Any]]:
    from model.queries import timeline
    from model.tables import Incident

    return session.get(Incident, incident_no), timeline(session, incident_no)


class IncidentScreen(Screen[None]):
    """Escape goes back to the main screen."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"), id="incident-back")]

    def __init__(self, desk: Desk, incident_no: str) -> None:
        super().__init__()
        self.desk = desk
        self.incident_no = incident_no

    def compose(self) -> ComposeResult:
        with Vertical(id="incident"):
            yield Static(Text(_("loading {no}…").format(no=self.incident_no)), id="incident-head")
            table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="timeline")
            for column in (_("Seq"), _("Happened"), _("Entered"), _("Operator"), _("What"), _("Details")):
                table.add_column(column)
            yield table
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="incident")
    def load(self) -> None:
        incident, rows = self.desk.read(_details, self.incident_no)
        self.app.call_from_thread(self.fill, incident, rows)

    def fill(self, incident: Any, rows: list[Any]) -> None:
        head = Text()
        head.append(f"{incident.no}  ", style="bold")
        head.append(f"{labels.level(incident.level)}  {labels.configured('incident_types', incident.type)}  ")
        head.append(labels.incident_state(incident.state), style="bold")
        if incident.is_drill:
            head.append("  [" + _("DRILL") + "]", style="bold magenta")
        head.append("\n" + _("Place: ")).append(incident.address)
        head.append("\n" + _("Received: {at}").format(at=show(incident.received_at)) + "  " + _("channel: "))
        head.append(labels.configured("channels", incident.channel))
        head.append("  " + _("caller: ")).append(f"{incident.caller_name} {incident.caller_phone}".strip())
        head.append("\n" + _("What happened: ")).append(incident.description)
        self.query_one("#incident-head", Static).update(head)
        table = self.query_one(DataTable)
        for row in rows:
            late = row.entered_at != row.happened_at
            entered = show(row.entered_at, DAY_TIME_SECONDS) if late else ""
            table.add_row(Text(str(row.seq)), Text(show(row.happened_at, DAY_TIME_SECONDS)),
                          Text(entered, style="yellow"), Text(row.operator), Text(labels.entry_kind(row.kind)),
                          Text(json.dumps(row.facts, ensure_ascii=False)[:160]))
        table.focus()
