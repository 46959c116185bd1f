"""Drill actions (演练): start a drill, feed an inject, pause, resume, stop and finish.

Each inject is fed in one transaction: the action that brings it to the desk (a report, a note,
a warning), flagged as a drill, and the `drill_inject` entry that ties it to the drill. A drill
stopped while an inject was being fed therefore holds that inject whole or not at all.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from model import ledger
from model.actions._core import action, moment, require
from model.actions.incidents import add_note, receive_report
from model.actions.warnings import issue_warning
from model.config import load_config
from model.drill_record import FINISHED, INJECT, PAUSED, RESUMED, STARTED, STOPPED, DrillRecord, drill_record
from model.drills import CasualtiesInject, EscalationInject, FeedbackInject, ReportInject, Scenario, WarningInject
from model.errors import DomainError
from model.schemas import ReportIn, WarningIn
from model.tables import Incident, LedgerEntry, Unit
from model.text import _

AnyInject = ReportInject | FeedbackInject | CasualtiesInject | EscalationInject | WarningInject


def _new_id(session: Session, when: datetime) -> str:
    """Drill ids run per local day: D20261202-01, D20261202-02, …"""
    prefix = when.astimezone(load_config().tz).strftime("D%Y%m%d-")
    count = 0
    for payload in session.execute(select(LedgerEntry.payload).where(LedgerEntry.kind == STARTED)).scalars():  # type: ignore[call-overload]
        if f'"drill":"{prefix}' in payload:
            count += 1
    return f"{prefix}{count + 1:02d}"


def _running(session: Session, drill_id: str) -> DrillRecord:
    record = drill_record(session, drill_id)
    if record is None:
        raise DomainError(_("drill {id} does not exist").format(id=drill_id))
    require(not record.is_over, "drill {id} is already over", id=drill_id)
    return record


@action
def start_drill(*, session: Session, operator: str, scenario: Scenario, speed: float,
                happened_at: datetime | None = None) -> DrillRecord:
    """Record the start of a drill: the scenario's text and hash, and the speed of its clock."""
    require(speed > 0, "the drill speed must be above zero, not {speed}", speed=speed)
    when = moment(happened_at)
    drill_id = _new_id(session, when)
    ledger.append(session, kind=STARTED, operator=operator, happened_at=when, facts={
        "drill": drill_id, "scenario": scenario.id, "title_zh": scenario.title_zh, "title_en": scenario.title_en,
        "speed": speed, "duration": scenario.duration, "text": scenario.text, "hash": scenario.content_hash})
    record = drill_record(session, drill_id)
    assert record is not None
    return record


def _bring(session: Session, operator: str, record: DrillRecord, inject: AnyInject,
           when: datetime) -> tuple[str | None, int | None]:
    """Write the inject's own entry; the incident it concerns and the warning it issued."""
    if isinstance(inject, ReportInject):
        report = ReportIn(channel=inject.channel, type=inject.type, address=inject.address,
                          description=inject.description, caller_name=inject.caller_name,
                          caller_unit=inject.caller_unit, caller_phone=inject.caller_phone,
                          people_affected=inject.people_affected, injured=inject.injured, deaths=inject.deaths,
                          trend=inject.trend, lat=inject.lat, lon=inject.lon, is_drill=True)
        return receive_report(session=session, operator=operator, report=report, received_at=when).no, None
    if isinstance(inject, WarningInject):
        warning = WarningIn(colour=inject.colour, type=inject.type, area=inject.area, text_zh=inject.text_zh,
                            text_en=inject.text_en, expires_at=when + timedelta(hours=inject.hours), is_drill=True)
        return None, issue_warning(session=session, operator=operator, warning=warning, happened_at=when).id
    number = record.incidents.get(inject.incident)
    require(number is not None, "drill {id}: the report {key} has not been fed yet", id=record.drill_id,
            key=inject.incident)
    assert number is not None
    if isinstance(inject, CasualtiesInject):
        first = session.get_one(Incident, number)
        report = ReportIn(channel=inject.channel, type=first.type, address=first.address, description=inject.text,
                          caller_name=inject.caller_name, caller_phone=inject.caller_phone,
                          injured=inject.injured, deaths=inject.deaths, is_drill=True)
        return receive_report(session=session, operator=operator, report=report, received_at=when).no, None
    if isinstance(inject, FeedbackInject):
        require(session.get(Unit, inject.unit) is not None, "unit {code} is not on the roster", code=inject.unit)
        add_note(session=session, operator=operator, incident_no=number, text=inject.text, unit_code=inject.unit,
                 happened_at=when)
        return number, None
    text = _("{who} asks to escalate to level {level}: {text}").format(
        who=inject.requested_by, level=inject.level, text=inject.text)
    add_note(session=session, operator=operator, incident_no=number, text=text, happened_at=when)
    return number, None


@action
def feed_inject(*, session: Session, operator: str, drill_id: str, position: int, inject: AnyInject,
                happened_at: datetime | None = None) -> DrillRecord:
    """Bring one inject of a running drill to the desk and tie it to the drill, in one transaction."""
    record = _running(session, drill_id)
    require(record.state == "running", "drill {id} is paused: resume it first", id=drill_id)
    require(position not in record.fed_positions, "drill {id}: inject {position} was already fed",
            id=drill_id, position=position + 1)
    when = moment(happened_at)
    incident_no, warning_id = _bring(session, operator, record, inject, when)
    facts: dict[str, object] = {"drill": drill_id, "position": position, "key": inject.key, "inject": inject.kind,
                                "minute": inject.at}
    if warning_id is not None:
        facts["warning"] = warning_id
    ledger.append(session, kind=INJECT, operator=operator, incident_no=incident_no, happened_at=when, facts=facts)
    updated = drill_record(session, drill_id)
    assert updated is not None
    return updated


def _state_entry(session: Session, operator: str, drill_id: str, kind: str, when: datetime,
                 reason: str = "") -> DrillRecord:
    ledger.append(session, kind=kind, operator=operator, happened_at=when,
                  facts={"drill": drill_id, "reason": reason} if reason else {"drill": drill_id})
    record = drill_record(session, drill_id)
    assert record is not None
    return record


@action
def pause_drill(*, session: Session, operator: str, drill_id: str, happened_at: datetime | None = None) -> DrillRecord:
    """Stop the drill clock; no inject is fed until the drill is resumed."""
    record = _running(session, drill_id)
    require(record.state == "running", "drill {id} is already paused", id=drill_id)
    return _state_entry(session, operator, drill_id, PAUSED, moment(happened_at))


@action
def resume_drill(*, session: Session, operator: str, drill_id: str, happened_at: datetime | None = None) -> DrillRecord:
    """Start the drill clock again where it stood."""
    record = _running(session, drill_id)
    require(record.state == "paused", "drill {id} is not paused", id=drill_id)
    return _state_entry(session, operator, drill_id, RESUMED, moment(happened_at))


@action
def stop_drill(*, session: Session, operator: str, drill_id: str, reason: str = "",
               happened_at: datetime | None = None) -> DrillRecord:
    """End the drill before its scenario is through; injects not yet fed never will be."""
    _running(session, drill_id)
    return _state_entry(session, operator, drill_id, STOPPED, moment(happened_at), reason)


@action
def finish_drill(*, session: Session, operator: str, drill_id: str, happened_at: datetime | None = None) -> DrillRecord:
    """End the drill at the end of its scenario: every inject fed and its time run out."""
    _running(session, drill_id)
    return _state_entry(session, operator, drill_id, FINISHED, moment(happened_at))
