"""Recommendations: lower tier first, then nearest, then least recently used; shortfall when short."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from model import actions, clock
from model.recommend import distance_km, recommend
from model.schemas import ResourceIn, UnitIn
from tests.model.conftest import OPERATOR, report


def _roster(session: Session) -> None:
    for code, tier in (("XF", 1), ("QY", 3)):
        actions.register_unit(session=session, operator=OPERATOR, unit=UnitIn(
            code=code, name=code, kind="fire" if tier == 1 else "enterprise", tier=tier, duty_phone="119"))
    engines = {
        "FAR": ("XF", 38.60, 117.40), "NEAR": ("XF", 38.501, 117.40), "NEAR2": ("XF", 38.501, 117.40),
        "ENTERPRISE": ("QY", 38.5001, 117.40), "NOWHERE": ("XF", None, None),
    }
    for code, (unit, lat, lon) in engines.items():
        actions.register_resource(session=session, operator=OPERATOR, resource=ResourceIn(
            code=code, unit_code=unit, type="fire_engine", name=code, lat=lat, lon=lon))
    actions.register_resource(session=session, operator=OPERATOR, resource=ResourceIn(
        code="AMB", unit_code="XF", type="ambulance", name="AMB", lat=38.5, lon=117.4))


def test_order_is_tier_then_distance_then_least_recently_used(session: Session, frozen_clock: datetime) -> None:
    _roster(session)
    other = actions.receive_report(session=session, operator=OPERATOR, report=report(address="别处"))
    actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=other.no, resource_code="NEAR",
                              happened_at=frozen_clock - timedelta(hours=2))
    actions.set_resource_status(session=session, operator=OPERATOR, resource_code="NEAR", status="available")
    fire = actions.receive_report(session=session, operator=OPERATOR, report=report(lat=38.5, lon=117.4))
    chosen = recommend(session, fire.no, "fire_engine", 5)
    assert [resource.code for resource in chosen.resources] == ["NEAR2", "NEAR", "FAR", "NOWHERE", "ENTERPRISE"]
    assert chosen.shortfall == 0


def test_busy_resources_are_left_out_and_the_shortfall_shown(session: Session, frozen_clock: datetime) -> None:
    _roster(session)
    fire = actions.receive_report(session=session, operator=OPERATOR, report=report(lat=38.5, lon=117.4))
    with clock.frozen(frozen_clock):
        actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=fire.no, resource_code="NEAR2")
    chosen = recommend(session, fire.no, "fire_engine", 7)
    assert "NEAR2" not in [resource.code for resource in chosen.resources]
    assert (len(chosen.resources), chosen.shortfall) == (4, 3)
    assert recommend(session, fire.no, "crane", 2).shortfall == 2
    assert [resource.code for resource in recommend(session, fire.no, "fire_engine", 1).resources] == ["NEAR"]


def test_distance_is_great_circle_kilometres() -> None:
    assert distance_km(38.5, 117.4, 38.5, 117.4) == 0
    assert 11.0 < distance_km(38.5, 117.4, 38.6, 117.4) < 11.2
