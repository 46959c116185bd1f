"""CAP 1.2 messages of warnings: valid against the OASIS schema, chained by references, local times."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from typing import Any

import pytest
import xmlschema
from pydantic import ValidationError
from sqlmodel import Session

from model import actions, cap, clock, warnings_view
from model.errors import DomainError
from model.schemas import WarningIn
from model.tables import WarningNotice

OPERATOR = "officer"
NS = {"cap": cap.CAP_NAMESPACE}


def notice(**overrides: Any) -> WarningIn:
    fields: dict[str, Any] = {"colour": "yellow", "type": "暴雨", "area": "南大港全区",
                              "text_zh": "预计未来6小时降雨量将达50毫米以上"}
    return WarningIn(**{**fields, **overrides})


def export(session: Session, warning_id: int) -> ET.Element:
    return ET.fromstring(cap.export_alert(session, warning_id).xml)


def text(element: ET.Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None and found.text is not None, f"no {path}"
    return found.text


def issue(session: Session, **overrides: Any) -> WarningNotice:
    return actions.issue_warning(session=session, operator=OPERATOR, warning=notice(**overrides))


def test_alert_update_cancel_each_valid_and_chained(session: Session, frozen_clock: datetime,
                                                    cap_schema: xmlschema.XMLSchema) -> None:
    issued = issue(session, expires_at=frozen_clock + timedelta(hours=6), text_en="Rainstorm expected")
    first = cap.export_alert(session, issued.id)
    with clock.frozen(frozen_clock + timedelta(minutes=30)):
        actions.update_warning(session=session, operator=OPERATOR, warning_id=issued.id,
                               warning=notice(colour="orange"))
    second = cap.export_alert(session, issued.id)
    with clock.frozen(frozen_clock + timedelta(hours=2)):
        actions.lift_warning(session=session, operator=OPERATOR, warning_id=issued.id)
    third = cap.export_alert(session, issued.id)

    for message in (first, second, third):
        cap_schema.validate(message.xml.decode("utf-8"))
    alerts = [ET.fromstring(message.xml) for message in (first, second, third)]
    assert [text(alert, "cap:msgType") for alert in alerts] == ["Alert", "Update", "Cancel"]
    assert [text(alert, "cap:sent") for alert in alerts] == [
        "2026-11-28T10:00:00+08:00", "2026-11-28T10:30:00+08:00", "2026-11-28T12:00:00+08:00"]
    sender = text(alerts[0], "cap:sender")
    ids = [text(alert, "cap:identifier") for alert in alerts]
    assert len(set(ids)) == 3
    assert alerts[0].find("cap:references", NS) is None
    assert text(alerts[1], "cap:references") == f"{sender},{ids[0]},2026-11-28T10:00:00+08:00"
    assert text(alerts[2], "cap:references").split() == [
        f"{sender},{ids[0]},2026-11-28T10:00:00+08:00", f"{sender},{ids[1]},2026-11-28T10:30:00+08:00"]
    assert text(alerts[2], "cap:info/cap:urgency") == "Past"


def test_identifier_is_stable_across_exports(session: Session, frozen_clock: datetime) -> None:
    issued = issue(session)
    assert cap.export_alert(session, issued.id).xml == cap.export_alert(session, issued.id).xml


def test_drill_goes_out_as_exercise_and_stays_a_drill(session: Session, frozen_clock: datetime,
                                                      cap_schema: xmlschema.XMLSchema) -> None:
    drill = issue(session, is_drill=True)
    exported = cap.export_alert(session, drill.id).xml
    cap_schema.validate(exported.decode("utf-8"))
    assert text(ET.fromstring(exported), "cap:status") == "Exercise"
    assert text(ET.fromstring(exported), "cap:info/cap:headline").startswith("【演练】")
    with pytest.raises(DomainError, match=f"warning {drill.id} is a drill"):
        actions.update_warning(session=session, operator=OPERATOR, warning_id=drill.id, warning=notice())
    real = issue(session)
    assert text(export(session, real.id), "cap:status") == "Actual"


@pytest.mark.parametrize(("colour", "severity"), [
    ("red", "Extreme"), ("orange", "Severe"), ("yellow", "Moderate"), ("blue", "Minor")])
def test_colour_sets_severity(session: Session, frozen_clock: datetime, colour: str, severity: str) -> None:
    alert = export(session, issue(session, colour=colour).id)
    assert text(alert, "cap:info/cap:severity") == severity


def test_times_carry_the_local_offset(session: Session, frozen_clock: datetime,
                                      cap_schema: xmlschema.XMLSchema) -> None:
    issued = issue(session, effective_at=frozen_clock + timedelta(hours=1),
                   expires_at=frozen_clock + timedelta(hours=7, seconds=30, microseconds=5))
    exported = cap.export_alert(session, issued.id).xml
    cap_schema.validate(exported.decode("utf-8"))
    alert = ET.fromstring(exported)
    assert text(alert, "cap:info/cap:effective") == "2026-11-28T11:00:00+08:00"
    assert text(alert, "cap:info/cap:expires") == "2026-11-28T17:00:30+08:00"
    assert b"Z<" not in exported


def test_english_info_only_with_english_text(session: Session, frozen_clock: datetime) -> None:
    chinese_only = export(session, issue(session).id)
    assert [text(info, "cap:language") for info in chinese_only.findall("cap:info", NS)] == ["zh-CN"]
    both = export(session, issue(session, text_en="Rainstorm in the whole district").id)
    infos = both.findall("cap:info", NS)
    assert [text(info, "cap:language") for info in infos] == ["zh-CN", "en-US"]
    assert text(infos[1], "cap:description") == "Rainstorm in the whole district"


@pytest.mark.parametrize(("typed", "element", "points"), [
    ("circle: 38.45,117.32  5", "circle", "38.45,117.32 5.0"),
    ("polygon:38.4,117.3 38.5,117.3 38.5,117.4 38.4,117.3", "polygon",
     "38.4,117.3 38.5,117.3 38.5,117.4 38.4,117.3"),
])
def test_area_shape_exported(session: Session, frozen_clock: datetime, cap_schema: xmlschema.XMLSchema,
                             typed: str, element: str, points: str) -> None:
    exported = cap.export_alert(session, issue(session, area_geometry=typed).id).xml
    cap_schema.validate(exported.decode("utf-8"))
    assert text(ET.fromstring(exported), f"cap:info/cap:area/cap:{element}") == points


@pytest.mark.parametrize(("typed", "message"), [
    ("polygon:38.4,117.3 38.5,117.3 38.5,117.4 38.6,117.3", "must end where it starts"),
    ("polygon:38.4,117.3 38.5,117.3 38.4,117.3", "at least 4 points"),
    ("circle:95,117.3 5", "off the globe"),
    ("circle:38.4,117.3 -1", "more than 0 km"),
    ("square:1,2", "must start with circle: or polygon:"),
])
def test_malformed_shape_refused(typed: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        notice(area_geometry=typed)


def test_user_text_is_data(session: Session, frozen_clock: datetime, cap_schema: xmlschema.XMLSchema) -> None:
    exported = cap.export_alert(session, issue(session, area="港区 <A&B> 段", text_zh="[b]注意[/b] & 撤离").id).xml
    cap_schema.validate(exported.decode("utf-8"))
    alert = ET.fromstring(exported)
    assert text(alert, "cap:info/cap:area/cap:areaDesc") == "港区 <A&B> 段"
    assert text(alert, "cap:info/cap:description") == "[b]注意[/b] & 撤离"


def test_expired_warning_leaves_force_and_in_force_come_first(session: Session, frozen_clock: datetime) -> None:
    short = issue(session, colour="blue", expires_at=frozen_clock + timedelta(hours=1))
    long = issue(session, colour="yellow", expires_at=frozen_clock + timedelta(days=1))
    red = issue(session, colour="red")
    later = issue(session, colour="red", effective_at=frozen_clock + timedelta(hours=5))
    now = frozen_clock + timedelta(hours=2)
    assert [row.id for row in warnings_view.warnings_in_force(session, now)] == [red.id, long.id]
    ordered = warnings_view.all_warnings(session, now)
    assert [row.id for row in ordered[:2]] == [red.id, long.id]
    assert {row.id: warnings_view.status(row, now) for row in ordered} == {
        red.id: "in_force", long.id: "in_force", short.id: "expired", later.id: "pending"}
    assert [row.id for row in warnings_view.warnings_in_force(session, frozen_clock)] == [red.id, long.id, short.id]
