"""What the map shows from the ledger's state: incidents, resources, warning areas and command posts.

Plain frozen read models; positions are (lon, lat) as on the district map. The incidents are the
queue's (open ones, then ended ones waiting to be closed), so a selection on the map names a row
of the queue and the other way round.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from model.area import shape
from model.district import Point
from model.queries import desk_incident_rows
from model.situation import SituationIncident, resources_with_units
from model.tables import CommandPost
from model.warnings_view import warnings_in_force

EARTH_RADIUS_KM = 6371.0
CIRCLE_POINTS = 48
"""Corners of the polygon that draws a warning's circle: round at any zoom the map allows."""


@dataclass(frozen=True)
class MapIncident(SituationIncident):
    position: Point | None
    """None when the report gave no coordinates: the map lists it beside the drawing."""


@dataclass(frozen=True)
class MapResource:
    code: str
    name: str
    unit_name: str
    type: str
    status: str
    incident_no: str | None
    position: Point | None


@dataclass(frozen=True)
class MapWarning:
    id: int
    colour: str
    type: str
    area: str
    ring: tuple[Point, ...]
    """The warning's area as a closed line; empty when the warning names its area only in words."""


@dataclass(frozen=True)
class MapCommandPost:
    incident_no: str
    commander: str
    location: str
    position: Point | None
    """A command post records its place in words; it is drawn at its incident."""


@dataclass(frozen=True)
class MapFeatures:
    incidents: tuple[MapIncident, ...]
    resources: tuple[MapResource, ...]
    warnings: tuple[MapWarning, ...]
    command_posts: tuple[MapCommandPost, ...]


def _position(lat: float | None, lon: float | None) -> Point | None:
    return (lon, lat) if lat is not None and lon is not None else None


def circle_ring(lat: float, lon: float, radius_km: float, points: int = CIRCLE_POINTS) -> tuple[Point, ...]:
    """A circle on the ground as a closed ring of (lon, lat): wider in degrees of longitude away from the equator."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(lat)), 1e-6)
    ring = [(lon + dlon * math.cos(2 * math.pi * step / points), lat + dlat * math.sin(2 * math.pi * step / points))
            for step in range(points)]
    return (*ring, ring[0])


def warning_ring(stored: str) -> tuple[Point, ...]:
    """The ring of a stored CAP shape (`model.area`), latitude first there, longitude first here."""
    found = shape(stored)
    if found is None:
        return ()
    if found.kind == "circle":
        centre, radius = found.points.split()
        lat, lon = (float(part) for part in centre.split(","))
        return circle_ring(lat, lon, float(radius))
    pairs = [tuple(float(part) for part in point.split(",")) for point in found.points.split()]
    return tuple((lon, lat) for lat, lon in pairs)


def map_features(session: Session, now: datetime) -> MapFeatures:
    """Everything the map draws over the district, as the ledger's state has it at `now`."""
    rows = desk_incident_rows(session, now)
    incidents = tuple(MapIncident.of(row, position=_position(row.lat, row.lon)) for row in rows)
    where = {incident.no: incident.position for incident in incidents}
    resources = tuple(
        MapResource(code=resource.code, name=resource.name, unit_name=unit.name, type=resource.type,
                    status=resource.status, incident_no=resource.incident_no,
                    position=_position(resource.lat, resource.lon))
        for resource, unit in resources_with_units(session))
    warnings = tuple(MapWarning(id=row.id, colour=row.colour, type=row.type, area=row.area,
                                ring=warning_ring(row.area_geometry)) for row in warnings_in_force(session, now))
    posts = session.execute(select(CommandPost).where(col(CommandPost.closed_at).is_(None),
                                                      col(CommandPost.incident_no).in_(list(where)))
                            .order_by(col(CommandPost.id))).scalars()
    command_posts = tuple(MapCommandPost(incident_no=post.incident_no, commander=post.commander, location=post.location,
                                         position=where.get(post.incident_no)) for post in posts)
    return MapFeatures(incidents=incidents, resources=resources, warnings=warnings, command_posts=command_posts)
