"""The center configuration is checked as pydantic models of the same fields would check it.

model.settings validates with pydantic-core against a schema written out by hand (defining the
settings as pydantic models cost a tenth of a second or more at every start, before the desk
could paint a row). The pydantic models below are what the settings were: for the packaged
defaults and for every field broken in every common way, both must take or refuse the same input,
with the same errors in the same order, so a center's bad file meets the same refusal line.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from model.config import DEFAULTS_PATH, _read, load_config
from model.errors import LinkdeskError
from model.settings import validator


class Named(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    zh: str
    en: str


class LevelDef(Named):
    colour: str
    rank: int = Field(ge=1)


class TierDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    tier: int = Field(ge=1)
    zh: str
    en: str


class UnitKindDef(Named):
    tier: int = Field(ge=1)


class IncidentTypeDef(Named):
    category: str
    short_zh: str = ""
    short_en: str = ""


class WarningColourDef(Named):
    rank: int = Field(ge=1)


class ShiftPattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    start: str = Field(pattern=r"^\d\d:\d\d$")
    end: str = Field(pattern=r"^\d\d:\d\d$")


class ReportDeadline(BaseModel):

    model_config = ConfigDict(extra="forbid", frozen=True)
    level: str
    phone_minutes: int = Field(ge=1)
    written_minutes: int = Field(ge=1)
    follow_up_minutes: int = Field(ge=1)


class GradingThreshold(BaseModel):

    model_config = ConfigDict(extra="forbid", frozen=True)
    level: str
    deaths: int = Field(ge=1)
    injured: int = Field(ge=1)
    loss_yuan: float = Field(gt=0)


class OperatorDef(BaseModel):

    model_config = ConfigDict(extra="forbid", frozen=True)
    login: str = Field(min_length=1)
    name: str = Field(min_length=1)
    roles: tuple[str, ...] = Field(min_length=1)


class ReservedAction(BaseModel):

    model_config = ConfigDict(extra="forbid", frozen=True)
    action: str
    roles: tuple[str, ...] = Field(min_length=1)
    levels: tuple[str, ...] = ()


class Config(BaseModel):

    model_config = ConfigDict(extra="forbid", frozen=True)
    center_name: str
    center_name_en: str
    cap_sender: str = Field(pattern=r"^[^\s,<&]+$")
    timezone: str
    ack_timeout_minutes: int = Field(ge=1)
    merge_distance_m: float = Field(ge=0)
    levels: tuple[LevelDef, ...]
    tiers: tuple[TierDef, ...]
    unit_kinds: tuple[UnitKindDef, ...]
    resource_types: tuple[Named, ...]
    incident_types: tuple[IncidentTypeDef, ...]
    categories: tuple[Named, ...]
    channels: tuple[Named, ...]
    warning_colours: tuple[WarningColourDef, ...]
    shift_patterns: tuple[ShiftPattern, ...]
    verification_methods: tuple[Named, ...]
    report_deadlines: tuple[ReportDeadline, ...]
    grading_thresholds: tuple[GradingThreshold, ...]
    correction_minutes: int = Field(ge=1)
    district_map: str | None = None
    roles: tuple[Named, ...] = ()
    operators: tuple[OperatorDef, ...] = ()
    reserved_actions: tuple[ReservedAction, ...] = ()
    typed_operator: bool = True
    seats: tuple[Named, ...] = ()
    seat_required: bool = False


SAMPLE_ENTRIES = {
    "operators": [{"login": "zhangwei", "name": "张伟", "roles": ["call_taker"]}],
    "district_map": "maps/zone.geojson",
}
"""Lists the defaults leave empty, and optional fields they leave out, filled so their fields are broken too."""

BROKEN = (None, "", "x", "5", "12:3", 0, -1, 1.5, True, [], ["x"], {}, {"x": 1})
"""What a hand-edited YAML file can put where a value belongs."""


def good_settings() -> dict[str, Any]:
    return {**_read(DEFAULTS_PATH), **SAMPLE_ENTRIES}


def places(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every field path of the settings, into the first entry of each list."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from places(item, (*path, key))
    elif isinstance(value, list) and value:
        yield (*path, 0)
        yield from places(value[0], (*path, 0))


def changed(settings: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    broken = copy.deepcopy(settings)
    holder: Any = broken
    for step in path[:-1]:
        holder = holder[step]
    if value is dataclasses.MISSING:
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    return broken


def variants() -> Iterator[dict[str, Any]]:
    """The good settings, then each field left out, given each broken value, and joined by an unknown key."""
    settings = good_settings()
    yield settings
    yield {**settings, "surplus": 1}
    for path in places(settings):
        for value in (dataclasses.MISSING, *BROKEN):
            if value is dataclasses.MISSING and isinstance(path[-1], int):
                continue
            yield changed(settings, path, value)
        if len(path) > 1 and isinstance(path[-1], str):
            yield changed(settings, (*path[:-1], "surplus"), 1)


def plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    return value


def outcome(validate: Any, settings: dict[str, Any]) -> Any:
    try:
        return plain(validate(settings))
    except ValidationError as error:
        return error.errors(include_url=False)


def test_every_broken_field_is_refused_as_the_pydantic_models_refused_it() -> None:
    checked = validator()
    cases = list(variants())
    assert len(cases) > 1000
    for settings in cases:
        assert outcome(checked.validate_python, settings) == outcome(Config.model_validate, settings)


def test_a_centers_bad_file_meets_one_line_naming_the_file_and_field(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    center = tmp_path / "center.yaml"
    center.write_text("levels:\n  - {code: I, zh: 特别重大, en: Especially major, colour: red, rank: 0}\n",
                      encoding="utf-8")
    monkeypatch.setenv("LINKDESK_CONFIG", str(center))
    load_config.cache_clear()
    try:
        with pytest.raises(LinkdeskError) as refused:
            load_config()
    finally:
        monkeypatch.delenv("LINKDESK_CONFIG")
        load_config.cache_clear()
    assert str(refused.value) == f"configuration {center}: levels.0.rank: Input should be greater than or equal to 1"
