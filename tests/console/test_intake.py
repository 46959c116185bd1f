"""The intake form (n): every field of a report at once, focus on the first field, Tab takes the completion."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from console.app import make_app
from console.panes import IncidentQueue
from console.screens.choose import ChooseScreen
from console.screens.form import FormScreen
from model import clock
from model.config import load_config
from model.text import pick
from tests.conftest import FROZEN_AT
from tests.console.pilot_keys import SIZE, entries, on_screen, queue_numbers, settle

FIELDS = ("type", "address", "description", "occurred_at", "trend", "channel", "received_at", "caller_name",
          "caller_unit", "caller_phone", "people_affected", "injured", "deaths", "losses", "measures_taken",
          "is_drill")


@pytest.fixture(autouse=True)
def english_at_a_frozen_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINKDESK_LANG", "en")
    with clock.frozen(FROZEN_AT):
        yield


async def test_every_field_of_a_report_is_on_one_screen_and_recorded(demo_ledger: Path | str) -> None:
    """Type with Tab completing the name, a known place by Tab, then every other field by keys."""
    app = make_app(demo_ledger, "值班员 李娜")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        form = app.screen
        for name in FIELDS:
            widget = form.query_one(f"#field-{name}")
            assert widget.region.bottom <= SIZE[1] and widget.region.width > 0, name  # on screen, no scrolling
        assert app.focused is form.query_one("#field-type")
        assert not form.query("#field-lat") and not form.query("#field-lon")  # no coordinates to prefill
        await pilot.press(*"Hazardous")
        await settle(pilot, lambda: form.query_one("#field-type", Input)._suggestion == "Hazardous chemical leak")
        await pilot.press("tab")
        assert form.query_one("#field-type", Input).value == "Hazardous chemical leak"
        assert app.focused is form.query_one("#field-address")
        await pilot.press(*"南大港管理区电力")
        await settle(pilot, lambda: bool(form.query_one("#field-address", Input)._suggestion))
        await pilot.press("tab", *"苯罐阀门泄漏", "tab", *"2026-11-28 09:50", "tab", *"spreading downwind", "tab")
        await pilot.press("tab", "tab", *"张伟", "tab", *"鑫源化工", "tab", *"13800000000", "tab")
        await pilot.press(*"40", "tab", *"2", "tab", *"0", "tab", *"one tank", "tab", *"valve closed", "tab", "space")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: len(queue_numbers(app)) == 5)
    _kind, _no, facts = entries(demo_ledger, "report_received")[-1]
    report = facts["report"]
    assert report["type"] == "hazardous_chemical_leak" and report["address"] == "南大港管理区电力路1号"
    assert (report["description"], report["trend"], report["measures_taken"], report["losses"]) == (
        "苯罐阀门泄漏", "spreading downwind", "valve closed", "one tank")
    assert (report["caller_name"], report["caller_unit"], report["caller_phone"]) == ("张伟", "鑫源化工", "13800000000")
    assert (report["people_affected"], report["injured"], report["deaths"], report["is_drill"]) == (40, 2, 0, True)
    assert report["occurred_at"].startswith("2026-11-28T01:50")  # 09:50 in Asia/Shanghai
    assert report["channel"] == "phone"


def fire_in_the_queue(app: App[None]) -> str:
    return next(row.no for row in app.screen.query_one(IncidentQueue).rows if row.type == "fire")


async def type_a_second_call_about_the_fire(pilot: Pilot[None]) -> None:
    """The demo's open fire, reported again: same type, same place."""
    await pilot.press("n")
    await settle(pilot, on_screen(pilot.app, FormScreen))
    await pilot.press(*"fire", "tab", *"南大港农场三分场居民区", "ctrl+s")


async def test_a_second_call_about_an_open_incident_is_offered_as_a_merge(demo_ledger: Path | str) -> None:
    """Same type at the same place: the desk asks before recording, and the merge folds the new report in."""
    app = make_app(demo_ledger, "值班员 李娜")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        fire = fire_in_the_queue(app)
        received = len(entries(demo_ledger, "report_received"))
        await type_a_second_call_about_the_fire(pilot)
        await settle(pilot, on_screen(app, ChooseScreen))
        assert len(entries(demo_ledger, "report_received")) == received  # nothing recorded before the answer
        assert app.screen.options[0][0] == fire
        await pilot.press("enter")
        await settle(pilot, lambda: entries(demo_ledger)[-1][0] == "incident_merged")
        assert len(queue_numbers(app)) == 4
    kind, number, facts = entries(demo_ledger)[-1]
    assert kind == "incident_merged" and facts["into"] == fire and number != fire


async def test_a_second_call_recorded_as_its_own_incident_when_the_officer_says_so(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 李娜")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        await type_a_second_call_about_the_fire(pilot)
        await settle(pilot, on_screen(app, ChooseScreen))
        await pilot.press("down", "enter")
        await settle(pilot, lambda: len(queue_numbers(app)) == 5)
    assert entries(demo_ledger)[-1][0] == "report_received"


async def test_ctrl_s_pressed_again_while_saving_records_one_report(demo_ledger: Path | str) -> None:
    app = make_app(demo_ledger, "值班员 李娜")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        received = len(entries(demo_ledger, "report_received"))
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*"traffic_accident", "tab", *"纬五路", "ctrl+s", "ctrl+s", "ctrl+s")
        await settle(pilot, lambda: len(queue_numbers(app)) == 5)
        assert len(entries(demo_ledger, "report_received")) == received + 1


@pytest.mark.parametrize(("lang", "typed", "code"), [
    ("en", "Hazmat leak", "hazardous_chemical_leak"),
    ("en", "road crash", "traffic_accident"),
    ("zh", "危化品泄漏", "hazardous_chemical_leak"),
])
async def test_a_short_type_name_typed_records_that_type(demo_ledger: Path | str, lang: str, typed: str, code: str,
                                                         request: pytest.FixtureRequest) -> None:
    """The queue shows `Hazmat leak` (危化品泄漏) where the full name does not fit; an officer who types that
    name, in either language and whatever its case, records the type it names, as the full name would."""
    if lang == "zh":
        request.getfixturevalue("chinese")
    app = make_app(demo_ledger, "值班员 李娜")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(queue_numbers(app)) == 4)
        before = set(queue_numbers(app))
        await pilot.press("n")
        await settle(pilot, on_screen(app, FormScreen))
        await pilot.press(*typed, "tab", *"纬五路", "ctrl+s")
        await settle(pilot, lambda: len(queue_numbers(app)) == 5)
        new, = set(queue_numbers(app)) - before
        queue = app.screen.query_one(IncidentQueue)
        shown = str(queue.query_one(DataTable).get_cell(new, "type"))
        entry = next(entry for entry in load_config().incident_types if entry.code == code)
        assert shown in (pick(entry.zh, entry.en), pick(entry.short_zh, entry.short_en)), shown
    _kind, _no, facts = entries(demo_ledger, "report_received")[-1]
    assert facts["report"]["type"] == code
