"""The optional shape of a warning's area, written the way CAP 1.2 writes it.

A warning stores at most one shape in `area_geometry`, as text:

    circle:LAT,LON RADIUS_KM                    e.g. circle:38.45,117.32 5
    polygon:LAT,LON LAT,LON LAT,LON LAT,LON ... e.g. polygon:38.4,117.3 38.5,117.3 38.5,117.4 38.4,117.3

Coordinates are WGS 84 decimal degrees, latitude first, as CAP requires; a polygon has at least
four points and its last point repeats its first. The part after the colon is exactly the text of
the CAP `circle` or `polygon` element, so export needs no conversion.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.text import _

SHAPES = ("circle", "polygon")


@dataclass(frozen=True)
class Shape:
    """One CAP area shape: its element name and its element text."""

    kind: str
    points: str


def _point(text: str) -> str:
    parts = text.split(",")
    if len(parts) != 2:
        raise ValueError(_("{text!r} is not a point: write LAT,LON").format(text=text))
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise ValueError(_("{text!r} is not a point: write LAT,LON in decimal degrees").format(text=text)) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(_("point {text!r} is off the globe: latitude -90..90, longitude -180..180")
                         .format(text=text))
    return f"{lat!r},{lon!r}"


def _circle(text: str) -> str:
    parts = text.split()
    if len(parts) != 2:
        raise ValueError(_("a circle is written circle:LAT,LON RADIUS_KM"))
    try:
        radius = float(parts[1])
    except ValueError:
        raise ValueError(_("circle radius {text!r} is not a number of kilometres").format(text=parts[1])) from None
    if radius <= 0:
        raise ValueError(_("circle radius must be more than 0 km"))
    return f"{_point(parts[0])} {radius!r}"


def _polygon(text: str) -> str:
    points = [_point(part) for part in text.split()]
    if len(points) < 4:
        raise ValueError(_("a polygon needs at least 4 points, the last one repeating the first"))
    if points[0] != points[-1]:
        raise ValueError(_("a polygon must end where it starts: repeat the first point at the end"))
    return " ".join(points)


def normalise(text: str) -> str:
    """The stored form of a shape typed at the desk, or "" for none; refuses a malformed one."""
    value = text.strip()
    if not value:
        return ""
    kind, colon, rest = value.partition(":")
    kind = kind.strip().lower()
    if not colon or kind not in SHAPES:
        raise ValueError(_("area shape {text!r} must start with circle: or polygon:").format(text=text))
    points = _circle(rest) if kind == "circle" else _polygon(rest)
    return f"{kind}:{points}"


def shape(stored: str) -> Shape | None:
    """The CAP element of a stored shape; None when the warning has no shape."""
    if not stored:
        return None
    kind, _colon, points = stored.partition(":")
    return Shape(kind=kind, points=points)
