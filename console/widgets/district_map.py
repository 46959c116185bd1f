"""The district map drawn on textual-hires-canvas: outline, areas, roads, places, warnings, resources, incidents.

The canvas rasterises (braille lines, cell markers); this widget only projects longitude and
latitude onto its cells and chooses what goes on top of what. A terminal cell is about twice as
tall as it is wide, so a cell spans twice as many metres north–south as east–west: the district
keeps its shape at any size. Zoom and pan move the view; the selected incident is marked in
reverse with its number and type, the others with the last digits of their numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from itertools import pairwise

from rich.cells import cell_len
from rich.color import Color as RichColor
from rich.color import ColorParseError as RichColorError
from textual import events
from textual.color import Color, ColorParseError
from textual_hires_canvas import Canvas, HiResMode

from console import labels
from console.panes.unit_roster import STATUS_STYLE
from model.display import shown
from model.district import DistrictMap, Point
from model.map_features import MapFeatures, MapIncident

CELL_ASPECT = 2.0
"""How many times taller than wide a terminal cell is."""
ZOOM_STEP = 1.25
PAN_STEP = 0.25
"""A pan moves the view by this share of what it shows."""
MARGIN = 1.06
"""The district fits with a little room around it."""

STYLES = {
    "boundary": "bold #c0c0c0", "area": "#6c8c6c", "road": "#8a8a8a", "place": "italic #9aa5b1",
    "command_post": "bold #ffffff on #5f0087", "selected": "reverse bold", "ungraded": "bold #ffffff",
    "drill": "bold magenta",
}
"""What each layer is drawn in; levels and warnings take their configured colours."""
INCIDENT_MARK = "◆"
DRILL_MARK = "◇"
RESOURCE_MARK = "▪"
COMMAND_POST_MARK = "⌂"
BRAILLE_FIRST, BRAILLE_LAST = "\u2800", "\u28ff"
"""The characters the canvas draws lines with."""


def rich_colour(name: str) -> str:
    """A configured colour as Rich reads it: a Rich name (`grey50`) or any CSS name (`orange`)."""
    try:
        RichColor.parse(name)
        return name
    except RichColorError:
        pass
    try:
        return Color.parse(name).hex
    except ColorParseError:
        return "#ffffff"


@dataclass(frozen=True)
class View:
    """The centre of the view and how many degrees of longitude its width spans."""

    lon: float
    lat: float
    span: float


class DistrictMapView(Canvas):
    """The map itself; `MapScreen` owns the keys and the selection and calls `show`, `zoom`, `pan` and `fit`."""

    def __init__(self, **kwargs: str) -> None:
        super().__init__(1, 1, default_hires_mode=HiResMode.BRAILLE, **kwargs)  # type: ignore[arg-type]
        self.district: DistrictMap | None = None
        self.features: MapFeatures | None = None
        self.selected: str | None = None
        self.view: View | None = None
        self.level_colours: dict[str, str] = {}
        self.warning_colours: dict[str, str] = {}

    def on_resize(self, event: events.Resize) -> None:
        self.reset(size=event.size, refresh=False)
        self.redraw()

    def show(self, district: DistrictMap, features: MapFeatures, selected: str | None,
             level_colours: dict[str, str], warning_colours: dict[str, str]) -> None:
        """Draw the district and what is on it now; the view opens on the whole district."""
        self.district, self.features, self.selected = district, features, selected
        self.level_colours = {code: rich_colour(colour) for code, colour in level_colours.items()}
        self.warning_colours = {code: rich_colour(colour) for code, colour in warning_colours.items()}
        if self.view is None:
            self.fit()
        else:
            self.redraw()

    def highlight(self, incident_no: str | None) -> None:
        self.selected = incident_no
        self.redraw()

    def fit(self) -> None:
        """The whole district in view."""
        if self.district is None:
            return
        west, south, east, north = self.district.extent()
        lat = (south + north) / 2
        width, height = max(self.size.width, 1), max(self.size.height, 1)
        tall = (north - south) / (CELL_ASPECT * math.cos(math.radians(lat))) * width / height
        self.view = View(lon=(west + east) / 2, lat=lat, span=max(east - west, tall, 1e-6) * MARGIN)
        self.redraw()

    def zoom(self, steps: int) -> None:
        """In (positive) or out (negative) by whole steps, about the centre."""
        if self.view is not None:
            self.view = replace(self.view, span=self.view.span / ZOOM_STEP ** steps)
            self.redraw()

    def pan(self, east: int, north: int) -> None:
        """Move the view by a quarter of its width east or west, of its height north or south."""
        if self.view is None:
            return
        lon_cell, lat_cell = self._degrees_per_cell()
        self.view = replace(self.view, lon=self.view.lon + east * PAN_STEP * lon_cell * self.size.width,
                            lat=self.view.lat + north * PAN_STEP * lat_cell * self.size.height)
        self.redraw()

    def centre_on(self, position: Point) -> None:
        if self.view is not None:
            self.view = replace(self.view, lon=position[0], lat=position[1])
            self.redraw()

    def _degrees_per_cell(self) -> tuple[float, float]:
        assert self.view is not None
        lon_cell = self.view.span / max(self.size.width, 1)
        return lon_cell, lon_cell * CELL_ASPECT * math.cos(math.radians(self.view.lat))

    def cell_of(self, position: Point) -> tuple[float, float]:
        """Where a (lon, lat) falls on the canvas, in cells from the top left (fractions for braille lines)."""
        assert self.view is not None
        lon_cell, lat_cell = self._degrees_per_cell()
        return (self.size.width / 2 + (position[0] - self.view.lon) / lon_cell,
                self.size.height / 2 - (position[1] - self.view.lat) / lat_cell)

    def _lines(self, points: tuple[Point, ...], style: str) -> None:
        cells = [self.cell_of(point) for point in points]
        self.draw_hires_lines([(x0, y0, x1, y1) for (x0, y0), (x1, y1) in pairwise(cells)], style=style)

    def _put(self, x: int, y: int, char: str, style: str) -> None:
        """One character in a cell; a wide one takes the next cell too, and a wide one it covers goes."""
        if not (0 <= y < self.size.height and 0 <= x < self.size.width):
            return
        if self.get_pixel(x, y)[0] == "" and x > 0:
            self.set_pixel(x - 1, y, " ", "")
        if cell_len(self.get_pixel(x, y)[0]) == 2 and x + 1 < self.size.width:
            self.set_pixel(x + 1, y, " ", "")
        self.set_pixel(x, y, char, style)
        if cell_len(char) == 2 and x + 1 < self.size.width:
            if cell_len(self.get_pixel(x + 1, y)[0]) == 2 and x + 2 < self.size.width:
                self.set_pixel(x + 2, y, " ", "")
            self.set_pixel(x + 1, y, "", style)

    def _label(self, x: int, y: int, text: str, style: str) -> None:
        """Outside text (names from the district file, the ledger) as plain characters, never markup."""
        column = x
        for char in shown(text):
            if column + cell_len(char) > self.size.width:
                return
            self._put(column, y, char, style)
            column += cell_len(char)

    def _mark(self, position: Point, char: str, style: str) -> tuple[int, int]:
        x, y = self.cell_of(position)
        cell = (math.floor(x), math.floor(y))
        self._put(*cell, char, style)
        return cell

    def redraw(self) -> None:
        if self.view is None or self.district is None or not self.size.area:
            return
        with self.batch_refresh():
            self.reset(refresh=False)
            self._draw_district(self.district)
            if self.features is not None:
                self._draw_features(self.features)
            self._draw_places(self.district)
            if self.features is not None:
                self._draw_incident_labels(self.features)

    def _draw_district(self, district: DistrictMap) -> None:
        for area in district.areas:
            self._lines(area.points, STYLES["area"])
        for road in district.roads:
            self._lines(road.points, STYLES["road"])
        for boundary in district.boundaries:
            self._lines(boundary.points, STYLES["boundary"])

    def _free(self, x: int, y: int, width: int) -> bool:
        """Nothing but blank cells or lines there: a name may go over a road, never over a mark."""
        if not (0 <= y < self.size.height and x >= 0 and x + width <= self.size.width):
            return False
        return all(self.get_pixel(column, y)[0] == " " or BRAILLE_FIRST <= self.get_pixel(column, y)[0] <= BRAILLE_LAST
                   for column in range(x, x + width))

    def _draw_places(self, district: DistrictMap) -> None:
        """Each place name on its point's row, else the row above or below; left out where marks fill all three."""
        for place in district.places:
            x, y = self.cell_of((place.lon, place.lat))
            width = cell_len(shown(place.name))
            left = math.floor(x) - width // 2
            row = next((row for row in (math.floor(y), math.floor(y) - 1, math.floor(y) + 1)
                        if self._free(left, row, width)), None)
            if row is not None:
                self._label(left, row, place.name, STYLES["place"])

    def _draw_features(self, features: MapFeatures) -> None:
        for warning in features.warnings:
            if warning.ring:
                self._lines(warning.ring, f"dim {self.warning_colours.get(warning.colour, '#ffffff')}")
        for resource in features.resources:
            if resource.position is not None:
                self._mark(resource.position, RESOURCE_MARK, STATUS_STYLE.get(resource.status, "white"))
        for post in features.command_posts:
            if post.position is not None:
                x, y = self.cell_of(post.position)
                self._put(math.floor(x) - 1, math.floor(y), COMMAND_POST_MARK, STYLES["command_post"])
        for incident in features.incidents:
            if incident.position is not None:
                self._mark(incident.position, DRILL_MARK if incident.is_drill else INCIDENT_MARK,
                           self._incident_style(incident))

    def _incident_style(self, incident: MapIncident) -> str:
        if incident.no == self.selected:
            return STYLES["selected"]
        if incident.is_drill:
            return STYLES["drill"]
        return f"bold {self.level_colours.get(incident.level or '', STYLES['ungraded'].split()[-1])}"

    def _draw_incident_labels(self, features: MapFeatures) -> None:
        """Last: the incidents' numbers over anything, the selected one's number and type over everything."""
        placed = [incident for incident in features.incidents if incident.position is not None]
        for incident in sorted(placed, key=lambda incident: incident.no == self.selected):
            assert incident.position is not None
            x, y = self.cell_of(incident.position)
            if incident.no == self.selected:
                name = labels.configured("incident_types", incident.type)
                self._label(math.floor(x) + 1, math.floor(y), f" {incident.no} {name} ", STYLES["selected"])
            else:
                self._label(math.floor(x) + 1, math.floor(y), incident.no[-4:], self._incident_style(incident))
