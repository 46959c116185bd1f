"""A mistaken roster move is undone by a correction entry within the configured window, never deleted."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import Session

from model import actions, clock, ledger
from model.errors import DomainError
from model.tables import Incident
from tests.model.conftest import OPERATOR, entries


def test_a_move_is_corrected_back_as_a_new_entry(
        session: Session, open_incident: Incident, frozen_clock: datetime) -> None:
    actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=open_incident.no, resource_code="XF-E12")
    actions.set_resource_status(session=session, operator=OPERATOR, resource_code="XF-E12", status="acknowledged")
    earlier = entries(session)[-1].seq
    actions.set_resource_status(session=session, operator=OPERATOR, resource_code="XF-E12", status="en_route")
    wrong = entries(session)[-1].seq
    actions.set_resource_status(session=session, operator=OPERATOR, resource_code="XF-E13", status="out_of_service",
                                reason="检修")
    with pytest.raises(DomainError, match="is not a roster move"):
        actions.correct_resource_status(session=session, operator=OPERATOR, seq=earlier - 1)
    with pytest.raises(DomainError, match="has moved since"):
        actions.correct_resource_status(session=session, operator=OPERATOR, seq=earlier)
    back = actions.correct_resource_status(session=session, operator=OPERATOR, seq=wrong)
    assert (back.status, back.incident_no) == ("acknowledged", open_incident.no)
    last = entries(session)[-1]
    assert (last.kind, last.corrects_seq) == ("resource_corrected", wrong)
    assert len(entries(session)) == wrong + 2, "nothing deleted"
    assert back.status_since == frozen_clock
    with pytest.raises(DomainError, match="already corrected"):
        actions.correct_resource_status(session=session, operator=OPERATOR, seq=wrong)
    assert ledger.verify(session).ok


def test_a_release_is_corrected_back_onto_its_incident_only_within_the_window(
        session: Session, open_incident: Incident, frozen_clock: datetime) -> None:
    actions.dispatch_resource(session=session, operator=OPERATOR, incident_no=open_incident.no, resource_code="XF-E12")
    actions.set_resource_status(session=session, operator=OPERATOR, resource_code="XF-E12", status="available")
    released = entries(session)[-1].seq
    with clock.frozen(frozen_clock + timedelta(minutes=6)), pytest.raises(DomainError, match="only within 5 minutes"):
        actions.correct_resource_status(session=session, operator=OPERATOR, seq=released)
    back = actions.correct_resource_status(session=session, operator=OPERATOR, seq=released)
    assert (back.status, back.incident_no, back.assignment_id) == ("dispatched", open_incident.no, 1)
    assert ledger.verify(session).ok
