"""The district under the map: the sample file, a center's own file, and files the map cannot draw."""

from __future__ import annotations

import csv
import json
from itertools import pairwise
from pathlib import Path

import pytest

from model.config import load_config
from model.demo import DATA_DIR
from model.district import SAMPLE_PATH, configured_district, load_district, parse_district
from model.errors import LinkdeskError
from model.map_features import circle_ring, warning_ring


def _inside(ring: tuple[tuple[float, float], ...], lon: float, lat: float) -> bool:
    crossings = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            crossings = not crossings
    return crossings


def test_the_sample_district_holds_the_demo_roster() -> None:
    district = load_district(SAMPLE_PATH)
    assert district.boundaries and district.roads and district.places
    assert {road.name for road in district.roads} >= {"津汕高速", "港城大道", "纬三路"}
    outline = district.boundaries[0].points
    for name in ("units.csv", "resources.csv"):
        with (DATA_DIR / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert _inside(outline, float(row["lon"]), float(row["lat"])), row["code"]


def test_a_center_names_its_own_file_beside_its_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "zone.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kind": "place", "name": "码头"},
         "geometry": {"type": "Point", "coordinates": [118.0, 39.0]}}]}), encoding="utf-8")
    (tmp_path / "center.yaml").write_text("district_map: maps/zone.geojson\n", encoding="utf-8")
    monkeypatch.setenv("LINKDESK_CONFIG", str(tmp_path / "center.yaml"))
    load_config.cache_clear()
    try:
        district = configured_district()
    finally:
        monkeypatch.delenv("LINKDESK_CONFIG")
        load_config.cache_clear()
    assert [(place.name, place.lon, place.lat) for place in district.places] == [("码头", 118.0, 39.0)]


@pytest.mark.parametrize(("document", "says"), [
    ({"type": "Feature"}, "FeatureCollection"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kind": "road", "name": "纬三路"},
                                                  "geometry": {"type": "LineString", "coordinates": [[117.4, 38.5]]}}]},
     "feature 1 (纬三路): a line needs at least two positions"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kind": "place", "name": "X"},
                                                  "geometry": {"type": "Point", "coordinates": [517.4, 38.5]}}]},
     "off the globe"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kind": "boundary"},
                                                  "geometry": None}]}, "no geometry"),
])
def test_a_file_the_map_cannot_draw_is_refused_by_feature(document: object, says: str) -> None:
    with pytest.raises(LinkdeskError, match=says.replace("(", r"\(").replace(")", r"\)")):
        parse_district(document, "zone.geojson")


def test_a_warning_circle_is_round_on_the_ground() -> None:
    """6.5 km is about 0.058° of latitude, and more degrees of longitude at 38.5° north."""
    ring = circle_ring(38.528, 117.389, 6.5)
    assert ring[0] == ring[-1]
    lats = [lat for _lon, lat in ring]
    lons = [lon for lon, _lat in ring]
    assert max(lats) - 38.528 == pytest.approx(0.05845, abs=1e-4)
    assert (max(lons) - 117.389) / (max(lats) - 38.528) == pytest.approx(1 / 0.7826, rel=1e-3)
    assert warning_ring("polygon:38.4,117.3 38.5,117.3 38.5,117.4 38.4,117.3")[1] == (117.3, 38.5)
    assert warning_ring("") == ()
