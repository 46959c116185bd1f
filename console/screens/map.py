"""The map screen (一张图): the district with the queue's incidents, the roster's resources, warnings, command posts.

Read-only. It opens on the incident the queue has selected; choosing another here (Tab,
Shift+Tab) moves the queue's selection too, through the `follow` the main screen hands in. It
reads the ledger when it opens and again on every `LedgerAdvanced` the follower posts (`FollowedScreen`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from console import labels
from console.desk import Desk
from console.display import plain
from console.footer import DeskFooter
from console.panes.incident_queue import age
from console.panes.unit_roster import STATUS_STYLE
from console.screens.followed import FollowedScreen
from console.widgets.district_map import (
    COMMAND_POST_MARK,
    DRILL_MARK,
    INCIDENT_MARK,
    RESOURCE_MARK,
    STYLES,
    DistrictMapView,
    rich_colour,
)
from model import clock
from model.config import load_config
from model.district import DistrictMap
from model.map_features import MapFeatures, MapIncident
from model.text import N_, _

if TYPE_CHECKING:
    from sqlmodel import Session

WARNING_STYLES = {"red": "red", "orange": "dark_orange", "yellow": "yellow", "blue": "dodger_blue1"}
"""Warning colours as the terminal shows them (CAP's four colours by their code)."""
LEGEND_COLUMN = 23


class MapScreen(FollowedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "zoom(1)", N_("Zoom in"), id="map-zoom-in"),
        Binding("minus", "zoom(-1)", N_("Zoom out"), id="map-zoom-out"),
        Binding("left", "pan(-1, 0)", N_("Pan"), id="map-pan-west"),
        Binding("right", "pan(1, 0)", N_("Pan"), show=False, id="map-pan-east"),
        Binding("up", "pan(0, 1)", N_("Pan"), show=False, id="map-pan-north"),
        Binding("down", "pan(0, -1)", N_("Pan"), show=False, id="map-pan-south"),
        Binding("0", "fit", N_("Whole district"), id="map-fit"),
        Binding("tab", "step(1)", N_("Next incident"), id="map-next", priority=True),
        Binding("shift+tab", "step(-1)", N_("Previous incident"), show=False, id="map-previous", priority=True),
        Binding("enter", "centre", N_("Centre on it"), id="map-centre"),
        Binding("escape", "back", N_("Back"), id="map-back"),
    ]
    READ_GROUP = "map"

    @dataclass
    class Loaded(Message):
        """A fresh read of the district and of what stands on it."""

        district: DistrictMap
        features: MapFeatures

    def __init__(self, desk: Desk, selected: str | None = None,
                 follow: Callable[[str], None] | None = None) -> None:
        super().__init__(desk)
        self.selected = selected
        """The incident marked on the map and in the list: the queue's at first, then the officer's choice here."""
        self.follow = follow
        """Moves the queue's selection to the incident chosen here."""
        self.features: MapFeatures | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="map-body"):
            yield DistrictMapView(id="map-canvas")
            with Vertical(id="map-side"):
                yield Static(id="map-legend")
                table: DataTable[Text] = DataTable(cursor_type="row", id="map-incidents")
                table.can_focus = False
                yield table
                yield Static(id="map-detail")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#map-side").border_title = _("Legend")
        table = self.query_one("#map-incidents", DataTable)
        for header, width in ((_("No."), 13), (_("Lvl"), 3), (_("Type"), 16), (_("Age"), 7)):
            table.add_column(header, width=width)
        self.reread()

    def read(self, session: Session) -> Loaded:
        from model.district import configured_district
        from model.map_features import map_features

        return self.Loaded(configured_district(), map_features(session, clock.now()))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        config = load_config()
        self.features = message.features
        numbers = [incident.no for incident in message.features.incidents]
        if self.selected not in numbers:
            self.selected = next((incident.no for incident in message.features.incidents if incident.position), None)
        self.query_one(DistrictMapView).show(
            message.district, message.features, self.selected,
            {level.code: level.colour for level in config.levels}, WARNING_STYLES)
        self.query_one("#map-canvas").border_title = plain(message.district.name)
        self._legend()
        self._list()
        self._detail()

    def _legend(self) -> None:
        """Every mark the map uses, two to a line."""
        config = load_config()
        items = [(INCIDENT_MARK, f"bold {rich_colour(level.colour)}", labels.level_name(level.code))
                 for level in config.levels]
        items += [(INCIDENT_MARK, STYLES["ungraded"], _("not graded")), (DRILL_MARK, STYLES["drill"], _("drill"))]
        items += [(RESOURCE_MARK, style, labels.resource_status(status)) for status, style in STATUS_STYLE.items()]
        items += [(COMMAND_POST_MARK, STYLES["command_post"], _("command post")),
                  ("○", "dim yellow", _("warning area"))]
        legend = Text()
        for index, (mark, style, name) in enumerate(items):
            entry = Text(mark, style=style) + Text(" " + name)
            if index % 2 == 0:
                entry.pad_right(LEGEND_COLUMN - entry.cell_len)
            elif index < len(items) - 1:
                entry += Text("\n")
            legend += entry
        self.query_one("#map-legend", Static).update(legend)

    def _list(self) -> None:
        table = self.query_one("#map-incidents", DataTable)
        table.clear()
        if self.features is None:
            return
        colours = {level.code: rich_colour(level.colour) for level in load_config().levels}
        now = clock.now()
        for incident in self.features.incidents:
            unplaced = "dim italic " if incident.position is None else ""
            table.add_row(Text(incident.no, style=unplaced + ("bold magenta" if incident.is_drill else "")),
                          Text(labels.level(incident.level),
                               style=f"{unplaced}bold {colours.get(incident.level or '', 'white')}"),
                          plain(labels.configured("incident_types", incident.type), style=unplaced),
                          Text(age(incident.received_at, now), style=unplaced), key=incident.no)
        unplaced_count = sum(1 for incident in self.features.incidents if incident.position is None)
        table.border_subtitle = (_("{count} in grey: no coordinates, not on the map").format(count=unplaced_count)
                                 if unplaced_count else "")
        if self.selected is not None and self.selected in table.rows:
            table.move_cursor(row=table.get_row_index(self.selected))

    def _chosen(self) -> MapIncident | None:
        if self.features is None:
            return None
        return next((incident for incident in self.features.incidents if incident.no == self.selected), None)

    def _detail(self) -> None:
        chosen = self._chosen()
        detail = self.query_one("#map-detail", Static)
        if chosen is None or self.features is None:
            detail.update(_("No incident to show."))
            return
        line = Text(chosen.no + "  ", style="bold") + plain(labels.configured("incident_types", chosen.type))
        line += Text("\n") + plain(chosen.address)
        if chosen.position is None:
            line += Text("\n" + _("The report gave no coordinates: not on the map."), style="yellow")
        working = [resource for resource in self.features.resources if resource.incident_no == chosen.no]
        if working:
            line += Text("\n" + _("Resources on it:"))
            for resource in working:
                line += Text("\n " + RESOURCE_MARK + " ", style=STATUS_STYLE.get(resource.status, "")) + plain(
                    resource.name) + Text(" · " + labels.resource_status(resource.status))
        post = next((post for post in self.features.command_posts if post.incident_no == chosen.no), None)
        if post is not None:
            line += Text("\n" + COMMAND_POST_MARK + " ", style=STYLES["command_post"]) + plain(post.location)
            line += Text(" · ") + plain(post.commander)
        detail.update(line)

    def choose(self, incident_no: str) -> None:
        """Mark an incident here and move the queue to it."""
        self.selected = incident_no
        self.query_one(DistrictMapView).highlight(incident_no)
        table = self.query_one("#map-incidents", DataTable)
        if incident_no in table.rows:
            table.move_cursor(row=table.get_row_index(incident_no))
        self._detail()
        if self.follow is not None:
            self.follow(incident_no)

    def action_step(self, direction: int) -> None:
        if self.features is None or not self.features.incidents:
            return
        numbers = [incident.no for incident in self.features.incidents]
        index = numbers.index(self.selected) if self.selected in numbers else -direction
        self.choose(numbers[(index + direction) % len(numbers)])

    def action_zoom(self, steps: int) -> None:
        self.query_one(DistrictMapView).zoom(steps)

    def action_pan(self, east: int, north: int) -> None:
        self.query_one(DistrictMapView).pan(east, north)

    def action_fit(self) -> None:
        self.query_one(DistrictMapView).fit()

    def action_centre(self) -> None:
        chosen = self._chosen()
        if chosen is not None and chosen.position is not None:
            self.query_one(DistrictMapView).centre_on(chosen.position)

    def action_back(self) -> None:
        self.dismiss()
