"""Actions reserved by role: the refusal names the action, the roles it is reserved to and who tried."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine

from model import actions
from model.db import read_session, write_session
from model.errors import DomainError
from model.sign_ins import sign_ins


def test_a_call_taker_is_refused_an_approval_and_the_shift_leader_records_it(
        roster_config: None, engine: Engine, incident_no: str) -> None:
    with write_session(engine) as session, pytest.raises(DomainError) as refused:
        actions.record_approval(session=session, operator="zhang", incident_no=incident_no,
                                authority="管委会", approved_by="刘主任", channel="phone")
    assert str(refused.value) == ("recording an approval is reserved to the Shift leader: "
                                  "张伟 is Call-taker")
    with write_session(engine) as session:
        approval = actions.record_approval(session=session, operator="wang", incident_no=incident_no,
                                           authority="管委会", approved_by="刘主任", channel="phone")
    assert approval.authority == "管委会"


def test_grading_major_is_the_shift_leaders_and_general_anyone_s(
        roster_config: None, engine: Engine, incident_no: str) -> None:
    with write_session(engine) as session, pytest.raises(DomainError, match=r"grading at level II \(Major\) is "
                                                                            "reserved to the Shift leader: 李娜 is"):
        actions.grade(session=session, operator="li", incident_no=incident_no, level="II")
    with write_session(engine) as session:
        assert actions.grade(session=session, operator="li", incident_no=incident_no, level="IV").level == "IV"
    with write_session(engine) as session, pytest.raises(DomainError, match="reserved to the Shift leader"):
        actions.regrade(session=session, operator="li", incident_no=incident_no, level="I", reason="死亡人数上升")


def test_someone_off_the_roster_records_nothing(roster_config: None, engine: Engine, incident_no: str) -> None:
    with write_session(engine) as session, pytest.raises(DomainError, match="not on this center's roster"):
        actions.add_note(session=session, operator="visitor", incident_no=incident_no, text="看一眼")


def test_a_seat_signs_in_with_the_roles_the_roster_gives(roster_config: None, engine: Engine) -> None:
    with write_session(engine) as session:
        actions.start_shift(session=session, operator="wang", name="白班", officers=["王强", "李娜"])
        actions.sign_in(session=session, operator="zhang", seat="intake")
        actions.sign_in(session=session, operator="wang", seat="leader")
    with write_session(engine) as session, pytest.raises(DomainError, match="not one of this desk's seats"):
        actions.sign_in(session=session, operator="li", seat="kitchen")
    with read_session(engine) as session:
        found = sign_ins(session, 1)
    assert [(row.seat, row.name, row.roles) for row in found] == [
        ("intake", "张伟", ("call_taker",)), ("leader", "王强", ("shift_leader", "duty_officer"))]


def test_the_shift_report_lists_who_signed_in_at_each_seat(roster_config: None, engine: Engine) -> None:
    from console.reports.labels import Labels
    from console.reports.shift_layout import shift_document
    from console.reports.text import render_text
    from model.shift_report import gather_shift, resolve_period

    with write_session(engine) as session:
        actions.start_shift(session=session, operator="wang", name="白班", officers=["王强", "张伟"])
        actions.sign_in(session=session, operator="zhang", seat="intake")
        actions.sign_in(session=session, operator="wang", seat="leader")
    with read_session(engine) as session:
        report = gather_shift(session, resolve_period(session, shift_id=1))
    chinese = seat_rows(render_text(shift_document(report, Labels("zh"))), "席位签到")
    assert chinese[0] == ["席位", "签到人员", "角色", "签到时间"]
    assert [row[:3] for row in chinese[1:]] == [["接警席", "张伟", "接警员"], ["带班席", "王强", "带班领导、值班员"]]
    english = seat_rows(render_text(shift_document(report, Labels("en"))), "Signed in at the seats")
    assert english[0] == ["Seat", "Officer", "Roles", "Signed in at"]
    assert [row[:2] for row in english[1:]] == [["Intake seat", "张伟"], ["Shift leader's seat", "王强"]]
    assert english[1][2] == "Call-taker" and english[2][2].startswith("Shift leader, Duty")


def seat_rows(text: str, heading: str) -> list[list[str]]:
    """The seat table under `heading` in a text report: its heading row, then each row's cells (one line each)."""
    lines = text.splitlines()
    start = lines.index(heading) + 2
    end = lines.index("", start)
    return [re.split(r" {2,}", line.strip()) for line in lines[start:end] if not line.startswith("--")]
