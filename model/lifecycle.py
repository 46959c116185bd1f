"""Allowed state moves for incidents and resources: pure functions, no database.

The tables here are the whole rule book; the action layer asks them before it writes anything.
"""

from __future__ import annotations

from enum import StrEnum

from model.state_names import incident_state, resource_status
from model.text import _


class IncidentState(StrEnum):
    RECEIVED = "received"
    VERIFIED = "verified"
    ACTIVE = "active"
    ENDED = "ended"
    CLOSED = "closed"
    FALSE_ALARM = "false_alarm"
    MERGED = "merged"


class ResourceStatus(StrEnum):
    AVAILABLE = "available"
    DISPATCHED = "dispatched"
    ACKNOWLEDGED = "acknowledged"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"
    RETURNING = "returning"
    OUT_OF_SERVICE = "out_of_service"


class StepStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"


OPEN_INCIDENT_STATES = frozenset({IncidentState.RECEIVED, IncidentState.VERIFIED, IncidentState.ACTIVE})
"""States in which an incident is still being handled and can take reports, orders and notes."""

INCIDENT_MOVES: dict[IncidentState, frozenset[IncidentState]] = {
    IncidentState.RECEIVED: frozenset({IncidentState.VERIFIED, IncidentState.FALSE_ALARM, IncidentState.MERGED}),
    IncidentState.VERIFIED: frozenset({IncidentState.ACTIVE, IncidentState.ENDED, IncidentState.MERGED}),
    IncidentState.ACTIVE: frozenset({IncidentState.ENDED}),
    IncidentState.ENDED: frozenset({IncidentState.CLOSED}),
    IncidentState.CLOSED: frozenset(),
    IncidentState.FALSE_ALARM: frozenset({IncidentState.CLOSED}),
    IncidentState.MERGED: frozenset(),
}

RESOURCE_MOVES: dict[ResourceStatus, frozenset[ResourceStatus]] = {
    ResourceStatus.AVAILABLE: frozenset({ResourceStatus.DISPATCHED, ResourceStatus.OUT_OF_SERVICE}),
    ResourceStatus.DISPATCHED: frozenset({ResourceStatus.ACKNOWLEDGED, ResourceStatus.EN_ROUTE,
                                          ResourceStatus.RETURNING, ResourceStatus.AVAILABLE}),
    ResourceStatus.ACKNOWLEDGED: frozenset({ResourceStatus.EN_ROUTE, ResourceStatus.RETURNING,
                                            ResourceStatus.AVAILABLE}),
    ResourceStatus.EN_ROUTE: frozenset({ResourceStatus.ON_SCENE, ResourceStatus.RETURNING}),
    ResourceStatus.ON_SCENE: frozenset({ResourceStatus.RETURNING}),
    ResourceStatus.RETURNING: frozenset({ResourceStatus.AVAILABLE}),
    ResourceStatus.OUT_OF_SERVICE: frozenset({ResourceStatus.AVAILABLE}),
}

COMMITTED_STATUSES = frozenset({ResourceStatus.DISPATCHED, ResourceStatus.ACKNOWLEDGED,
                                ResourceStatus.EN_ROUTE, ResourceStatus.ON_SCENE})
"""A resource in one of these still works the incident: it must be withdrawn before the end."""

ASSIGNMENT_TIME_COLUMN: dict[ResourceStatus, str] = {
    ResourceStatus.ACKNOWLEDGED: "acknowledged_at",
    ResourceStatus.EN_ROUTE: "en_route_at",
    ResourceStatus.ON_SCENE: "on_scene_at",
    ResourceStatus.RETURNING: "returning_at",
    ResourceStatus.AVAILABLE: "cleared_at",
}


def incident_move_refusal(current: str, target: str) -> str | None:
    """Why an incident may not go from `current` to `target`, or None if it may."""
    allowed = INCIDENT_MOVES[IncidentState(current)]
    if IncidentState(target) in allowed:
        return None
    if not allowed:
        return _("it is {state} and can no longer change").format(state=incident_state(current))
    return _("it is {state}; from there it can only become {allowed}").format(
        state=incident_state(current), allowed=", ".join(incident_state(state) for state in sorted(allowed)))


def resource_move_refusal(current: str, target: str) -> str | None:
    """Why a resource may not go from `current` to `target`, or None if it may."""
    allowed = RESOURCE_MOVES[ResourceStatus(current)]
    if ResourceStatus(target) in allowed:
        return None
    return _("it is {status}; from there it can only go to {allowed}").format(
        status=resource_status(current), allowed=", ".join(resource_status(status) for status in sorted(allowed)))


def is_open(state: str) -> bool:
    return IncidentState(state) in OPEN_INCIDENT_STATES
