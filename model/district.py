"""The district drawn under the map: its outline, named areas, main roads and places, from GeoJSON.

The file is the center's configuration (`district_map` in the center settings), not data the
desk records: a center draws or exports its own. The packaged `data/district.geojson` is a sample
drawn around the demo roster. Coordinates are WGS 84 as GeoJSON writes them, longitude first.

Features are read by their `kind` property: `boundary` (the district's outline, a Polygon or
MultiPolygon), `area` (a named zone such as a chemical park, Polygon), `road` (LineString or
MultiLineString) and `place` (a named Point). A feature of another kind is not drawn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from model.errors import LinkdeskError
from model.text import _

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "data" / "district.geojson"

Point = tuple[float, float]
"""(lon, lat) in degrees, the order GeoJSON uses."""


@dataclass(frozen=True)
class Outline:
    """A named line on the map: a district's or an area's ring, or a road."""

    name: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Place:
    name: str
    lon: float
    lat: float


@dataclass(frozen=True)
class DistrictMap:
    """What the map draws under the incidents and resources, and the extent it opens on."""

    name: str
    boundaries: tuple[Outline, ...]
    areas: tuple[Outline, ...]
    roads: tuple[Outline, ...]
    places: tuple[Place, ...]

    def extent(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of everything drawn; the whole world for an empty map."""
        points = [point for line in (*self.boundaries, *self.areas, *self.roads) for point in line.points]
        points += [(place.lon, place.lat) for place in self.places]
        if not points:
            return (-180.0, -90.0, 180.0, 90.0)
        lons, lats = [lon for lon, _lat in points], [lat for _lon, lat in points]
        return (min(lons), min(lats), max(lons), max(lats))


def _point(value: Any, where: str) -> Point:
    if (not isinstance(value, list) or len(value) < 2
            or not all(isinstance(part, (int, float)) and not isinstance(part, bool) for part in value[:2])):
        raise ValueError(_("{where}: a position must be [longitude, latitude]").format(where=where))
    lon, lat = float(value[0]), float(value[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(_("{where}: position {lon}, {lat} is off the globe").format(where=where, lon=lon, lat=lat))
    return (lon, lat)


def _line(value: Any, where: str) -> tuple[Point, ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise ValueError(_("{where}: a line needs at least two positions").format(where=where))
    return tuple(_point(item, where) for item in value)


def _lines(geometry: dict[str, Any], where: str) -> list[tuple[Point, ...]]:
    """Every line of a geometry: the rings of polygons (holes too), or the lines themselves."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if not isinstance(coordinates, list):
        raise ValueError(_("{where}: the geometry has no coordinates").format(where=where))
    if kind == "LineString":
        return [_line(coordinates, where)]
    if kind in ("MultiLineString", "Polygon"):
        return [_line(line, where) for line in coordinates]
    if kind == "MultiPolygon":
        return [_line(ring, where) for polygon in coordinates for ring in polygon]
    raise ValueError(_("{where}: a {kind} cannot be drawn as a line or an area").format(where=where, kind=kind))


def parse_district(document: Any, source: str) -> DistrictMap:
    """The district of a GeoJSON FeatureCollection; refuses, naming the feature, what it cannot draw."""
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise LinkdeskError(_("{source}: the district map must be a GeoJSON FeatureCollection").format(source=source))
    groups: dict[str, list[Outline]] = {"boundary": [], "area": [], "road": []}
    places: list[Place] = []
    for index, feature in enumerate(document.get("features") or []):
        properties = (feature.get("properties") or {}) if isinstance(feature, dict) else {}
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        kind, name = properties.get("kind"), str(properties.get("name") or "")
        where = f"{source}: feature {index + 1}" + (f" ({name})" if name else "")
        if not isinstance(geometry, dict):
            raise LinkdeskError(_("{where}: the feature has no geometry").format(where=where))
        try:
            if kind == "place":
                if geometry.get("type") != "Point":
                    raise ValueError(_("{where}: a place must be a Point").format(where=where))
                lon, lat = _point(geometry.get("coordinates"), where)
                places.append(Place(name=name, lon=lon, lat=lat))
            elif kind in groups:
                groups[kind].extend(Outline(name=name, points=line) for line in _lines(geometry, where))
        except ValueError as error:
            raise LinkdeskError(str(error)) from None
    return DistrictMap(name=str(document.get("name") or ""), boundaries=tuple(groups["boundary"]),
                       areas=tuple(groups["area"]), roads=tuple(groups["road"]), places=tuple(places))


@cache
def load_district(path: Path) -> DistrictMap:
    """The district map in the GeoJSON file at `path`, read once per process."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise LinkdeskError(_("cannot read the district map {path}: {error}").format(
            path=path, error=error.strerror or error)) from error
    except ValueError as error:
        raise LinkdeskError(_("the district map {path} is not JSON: {error}").format(path=path, error=error)) from error
    return parse_district(document, str(path))


def configured_district() -> DistrictMap:
    """The district map the center's configuration names, else the packaged sample."""
    from model.config import load_config

    configured = load_config().district_map
    return load_district(Path(configured) if configured else SAMPLE_PATH)
