"""Every move of the incident and resource life cycles, allowed or refused, checked one by one."""

from __future__ import annotations

import itertools

import pytest

from model.state_names import incident_state, resource_status
from model.lifecycle import (
    IncidentState,
    ResourceStatus,
    incident_move_refusal,
    resource_move_refusal,
)

I = IncidentState
R = ResourceStatus

ALLOWED_INCIDENT = {
    (I.RECEIVED, I.VERIFIED), (I.RECEIVED, I.FALSE_ALARM), (I.RECEIVED, I.MERGED),
    (I.VERIFIED, I.ACTIVE), (I.VERIFIED, I.ENDED), (I.VERIFIED, I.MERGED),
    (I.ACTIVE, I.ENDED), (I.ENDED, I.CLOSED), (I.FALSE_ALARM, I.CLOSED),
}
ALLOWED_RESOURCE = {
    (R.AVAILABLE, R.DISPATCHED), (R.AVAILABLE, R.OUT_OF_SERVICE),
    (R.DISPATCHED, R.ACKNOWLEDGED), (R.DISPATCHED, R.EN_ROUTE), (R.DISPATCHED, R.RETURNING), (R.DISPATCHED, R.AVAILABLE),
    (R.ACKNOWLEDGED, R.EN_ROUTE), (R.ACKNOWLEDGED, R.RETURNING), (R.ACKNOWLEDGED, R.AVAILABLE),
    (R.EN_ROUTE, R.ON_SCENE), (R.EN_ROUTE, R.RETURNING),
    (R.ON_SCENE, R.RETURNING), (R.RETURNING, R.AVAILABLE), (R.OUT_OF_SERVICE, R.AVAILABLE),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(I, I)))
def test_incident_moves(current: IncidentState, target: IncidentState) -> None:
    refusal = incident_move_refusal(current, target)
    if (current, target) in ALLOWED_INCIDENT:
        assert refusal is None
    else:
        assert refusal is not None and incident_state(current) in refusal


@pytest.mark.parametrize(("current", "target"), list(itertools.product(R, R)))
def test_resource_moves(current: ResourceStatus, target: ResourceStatus) -> None:
    refusal = resource_move_refusal(current, target)
    if (current, target) in ALLOWED_RESOURCE:
        assert refusal is None
    else:
        assert refusal is not None and resource_status(current) in refusal


def test_on_scene_only_after_dispatch_and_travel() -> None:
    assert resource_move_refusal(R.AVAILABLE, R.ON_SCENE) is not None
    assert resource_move_refusal(R.DISPATCHED, R.ON_SCENE) is not None
