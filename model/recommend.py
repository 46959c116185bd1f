"""Which resources to suggest for a dispatch step: the nearest cheap help first, fairly shared.

Order: lower tier first (first responders before departments before social forces), then the
nearest to the incident, then the one that has waited longest since its last dispatch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlmodel import Session, col

from model.lifecycle import ResourceStatus
from model.lookups import incident, plain
from model.tables import Resource, Unit

EARTH_RADIUS_KM = 6371.0
NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Recommendation:
    """The resources to suggest, best first, and how many more the step asks for than are available."""

    resources: list[Resource] = field(default_factory=list)
    shortfall: int = 0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); ample for ordering units within a district."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi, half_dlambda = math.radians(lat2 - lat1) / 2, math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def recommend(session: Session, incident_no: str, resource_type: str, count: int) -> Recommendation:
    """Up to `count` available resources of `resource_type` for the incident, and the shortfall.

    A resource or incident without coordinates sorts after every one with them.
    """
    target = incident(session, incident_no)
    rows = session.execute(
        select(Resource, col(Unit.tier)).join(Unit, col(Unit.code) == col(Resource.unit_code))
        .where(col(Resource.type) == resource_type, col(Resource.status) == ResourceStatus.AVAILABLE.value)
    ).all()

    def order(row: tuple[Resource, int]) -> tuple[int, float, datetime, str]:
        resource, tier = row
        known = None not in (target.lat, target.lon, resource.lat, resource.lon)
        distance = distance_km(target.lat, target.lon, resource.lat, resource.lon) if known else math.inf  # type: ignore[arg-type]
        return tier, distance, resource.last_dispatched_at or NEVER, resource.code

    chosen = [plain(resource) for resource, _tier in sorted(rows, key=order)[:count]]
    return Recommendation(resources=chosen, shortfall=max(0, count - len(chosen)))
