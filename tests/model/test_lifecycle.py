"""Every move of the incident and resource life cycles, allowed or refused, checked one by one."""

from __future__ import annotations

import itertools

import pytest

from model.lifecycle import (
    IncidentState,
    ResourceStatus,
    incident_move_refusal,
    resource_move_refusal,
)
from model.state_names import incident_state, resource_status

S = IncidentState
R = ResourceStatus

ALLOWED_INCIDENT = {
    (S.RECEIVED, S.VERIFIED), (S.RECEIVED, S.FALSE_ALARM), (S.RECEIVED, S.MERGED),
    (S.VERIFIED, S.ACTIVE), (S.VERIFIED, S.ENDED), (S.VERIFIED, S.MERGED),
    (S.ACTIVE, S.ENDED), (S.ENDED, S.CLOSED), (S.FALSE_ALARM, S.CLOSED),
}
ALLOWED_RESOURCE = {
    (R.AVAILABLE, R.DISPATCHED), (R.AVAILABLE, R.OUT_OF_SERVICE),
    (R.DISPATCHED, R.ACKNOWLEDGED), (R.DISPATCHED, R.EN_ROUTE),
    (R.DISPATCHED, R.RETURNING), (R.DISPATCHED, R.AVAILABLE),
    (R.ACKNOWLEDGED, R.EN_ROUTE), (R.ACKNOWLEDGED, R.RETURNING), (R.ACKNOWLEDGED, R.AVAILABLE),
    (R.EN_ROUTE, R.ON_SCENE), (R.EN_ROUTE, R.RETURNING),
    (R.ON_SCENE, R.RETURNING), (R.RETURNING, R.AVAILABLE), (R.OUT_OF_SERVICE, R.AVAILABLE),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
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
