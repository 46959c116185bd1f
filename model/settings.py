"""The center configuration's schema: what `load_config` validates the YAML into.

Apart from model/config.py so that reading a setting's type costs nothing on the console's way to
its first paint; model.config re-exports these names.

The settings are frozen dataclasses, validated by pydantic-core against the schema pydantic itself
generates for models of these fields with `extra="forbid"`: the same checks, coercions, messages
and field paths, written out here (`config_schema`). Defined as pydantic models they cost 0.1-0.3 s
of class building at every start, before the desk could paint a row. tests/model/test_settings.py
keeps the pydantic models they replace and checks that both take and refuse the same input.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from model.config import UnknownCode
from model.text import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic_core import SchemaValidator


@dataclass(frozen=True)
class Named:
    """A configured code with its Chinese and English names."""

    code: str
    zh: str
    en: str

    @property
    def names(self) -> tuple[str, ...]:
        """Everything an officer or a file may give for this entry: its code and its names."""
        return (self.code, self.zh, self.en)


@dataclass(frozen=True)
class LevelDef(Named):
    colour: str
    rank: int


@dataclass(frozen=True)
class TierDef:
    tier: int
    zh: str
    en: str


@dataclass(frozen=True)
class UnitKindDef(Named):
    tier: int


@dataclass(frozen=True)
class IncidentTypeDef(Named):
    category: str
    short_zh: str = ""
    short_en: str = ""
    """Names for a narrow column (the queue's and the board's type) where the full name does not fit; empty:
    the full name. Typed or imported, a short name gives its type (`names`)."""

    @property
    def names(self) -> tuple[str, ...]:
        """The code, the names and the short names (an officer who reads `Hazmat leak` may type it)."""
        return (*super().names, *(name for name in (self.short_zh, self.short_en) if name))

    def within(self, lang: str, fits: Callable[[str], bool]) -> str:
        """The name in `lang` for a column `fits` tells about: the full one where it fits, else the
        short one (where one is configured; the full one otherwise, for the column to cut)."""
        full = self.zh if lang == "zh" else self.en
        return full if fits(full) else (self.short_zh if lang == "zh" else self.short_en) or full


@dataclass(frozen=True)
class WarningColourDef(Named):
    rank: int


@dataclass(frozen=True)
class ShiftPattern:
    name: str
    start: str
    end: str


@dataclass(frozen=True)
class ReportDeadline:
    """How soon reports upward are due at one level: by phone, in writing, and then how often."""

    level: str
    phone_minutes: int
    written_minutes: int
    follow_up_minutes: int


@dataclass(frozen=True)
class GradingThreshold:
    """The smallest figures that make an incident this level (any one suffices)."""

    level: str
    deaths: int
    injured: int
    loss_yuan: float


@dataclass(frozen=True)
class OperatorDef:
    """A person who may sit at the desk: the login they work under and the roles they hold.

    `login` is the OS login name on an SQLite ledger and the database role on PostgreSQL: the
    name every entry of theirs carries, vouched for by the system, not typed in.
    """

    login: str
    name: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class ReservedAction:
    """An action only some roles may take; at the listed levels only, or at every level when none are."""

    action: str
    roles: tuple[str, ...]
    levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """Everything a center may set differently from another center."""

    center_name: str
    center_name_en: str
    cap_sender: str
    timezone: str
    ack_timeout_minutes: int
    merge_distance_m: float
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
    correction_minutes: int
    district_map: str | None = None
    """GeoJSON file of the district (outline, areas, roads, places) under the map; a relative path is
    read from the folder of the configuration file that names it. None: the sample in data/."""
    roles: tuple[Named, ...] = ()
    operators: tuple[OperatorDef, ...] = ()
    """The center's roster of operators; empty, every operator holds every role."""
    reserved_actions: tuple[ReservedAction, ...] = ()
    typed_operator: bool = True
    """Whether `--operator` (or LINKDESK_OPERATOR) may name who is at an SQLite desk; else the OS login."""
    seats: tuple[Named, ...] = ()
    """The desk's seats (接警席, 调度席 …) a signing-in operator names; empty, any name is taken."""
    seat_required: bool = False
    """Whether the console holds every key until its operator has signed in at a seat in the open
    shift (Escape at the seat prompt then keeps the prompt); False, Escape lets them work seatless."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def level(self, code: str) -> LevelDef:
        for level in self.levels:
            if level.code == code:
                return level
        known = ", ".join(level.code for level in self.levels)
        raise UnknownCode(_("unknown level {code!r}; the levels are {known}").format(code=code, known=known))

    def level_rank(self, code: str | None) -> int:
        """Sort key: most severe first, ungraded last."""
        return self.level(code).rank if code else len(self.levels) + 1

    def report_deadline(self, level: str | None) -> ReportDeadline | None:
        """The report deadlines of `level`; an ungraded incident reports as the least severe level does."""
        code = level or max(self.levels, key=lambda item: item.rank).code
        return next((item for item in self.report_deadlines if item.level == code), None)

    def unit_kind(self, code: str) -> UnitKindDef | None:
        return next((kind for kind in self.unit_kinds if code in (kind.code, kind.zh)), None)

    def resolve(self, field: str, value: str) -> str:
        """Map a code or a name (Chinese, English, or a configured short name) in one of the configured
        lists to its code, or refuse: the one way a typed or imported name becomes a code. Letters
        match whatever their case, as the form's completion does."""
        entries: tuple[Named, ...] = getattr(self, field)
        wanted = value.casefold()
        for entry in entries:
            if wanted in (name.casefold() for name in entry.names):
                return entry.code
        known = ", ".join(f"{entry.code} {entry.zh}" for entry in entries)
        raise UnknownCode(f"unknown {field.rstrip('s').replace('_', ' ')} {value!r}; known: {known}")

    def name_of(self, field: str, code: str, lang: str = "zh") -> str:
        entries: tuple[Named, ...] = getattr(self, field)
        for entry in entries:
            if entry.code == code:
                return entry.zh if lang == "zh" else entry.en
        return code


Schema = dict[str, Any]
"""A pydantic-core schema, as the plain dictionary pydantic-core reads."""

TEXT: Schema = {"type": "str"}
FLAG: Schema = {"type": "bool"}


def whole(**bounds: int) -> Schema:
    """`int`, with pydantic's `Field(ge=…)` bounds when given."""
    return {"type": "int", **bounds}


def number(**bounds: int) -> Schema:
    """`float`, with pydantic's `Field(ge=…, gt=…)` bounds when given."""
    return {"type": "float", **bounds}


def text(**checks: str | int) -> Schema:
    """`str`, with pydantic's `Field(pattern=…, min_length=…)` when given."""
    return {"type": "str", **checks}


def many(item: Schema, **bounds: int) -> Schema:
    """`tuple[item, ...]`, with pydantic's `Field(min_length=…)` when given."""
    return {"type": "tuple", "items_schema": [item], "variadic_item_index": 0, **bounds}


def model(cls: type, checks: dict[str, Schema] | None = None) -> Schema:
    """The schema pydantic makes of a model `cls` with `extra="forbid"`: its fields in the order the
    dataclass declares them, each a `str` unless `checks` says otherwise, defaults from the dataclass.

    pydantic-core fills the instance's `__dict__` as it does a pydantic model's, so the instance
    also holds pydantic's three bookkeeping attributes; the dataclass's fields, equality, hash and
    repr leave them out."""
    declared: dict[str, Schema] = {}
    for field in fields(cls):
        schema = (checks or {}).get(field.name, TEXT)
        if field.default is not MISSING:
            schema = {"type": "default", "schema": schema, "default": field.default}
        declared[field.name] = {"type": "model-field", "schema": schema}
    return {"type": "model", "cls": cls, "config": {"extra_fields_behavior": "forbid", "title": cls.__name__},
            "schema": {"type": "model-fields", "model_name": cls.__name__, "fields": declared}}


def config_schema() -> Schema:
    """`Config`'s schema: the checks the pydantic models in tests/model/test_settings.py declare."""
    named, at_least_one, clock_time = model(Named), whole(ge=1), text(pattern=r"^\d\d:\d\d$")
    return model(Config, {
        "cap_sender": text(pattern=r"^[^\s,<&]+$"),
        "ack_timeout_minutes": at_least_one,
        "merge_distance_m": number(ge=0),
        "levels": many(model(LevelDef, {"rank": at_least_one})),
        "tiers": many(model(TierDef, {"tier": at_least_one})),
        "unit_kinds": many(model(UnitKindDef, {"tier": at_least_one})),
        "resource_types": many(named),
        "incident_types": many(model(IncidentTypeDef)),
        "categories": many(named),
        "channels": many(named),
        "warning_colours": many(model(WarningColourDef, {"rank": at_least_one})),
        "shift_patterns": many(model(ShiftPattern, {"start": clock_time, "end": clock_time})),
        "verification_methods": many(named),
        "report_deadlines": many(model(ReportDeadline, {
            "phone_minutes": at_least_one, "written_minutes": at_least_one, "follow_up_minutes": at_least_one})),
        "grading_thresholds": many(model(GradingThreshold, {
            "deaths": at_least_one, "injured": at_least_one, "loss_yuan": number(gt=0)})),
        "correction_minutes": at_least_one,
        "district_map": {"type": "nullable", "schema": TEXT},
        "roles": many(named),
        "operators": many(model(OperatorDef, {
            "login": text(min_length=1), "name": text(min_length=1), "roles": many(TEXT, min_length=1)})),
        "reserved_actions": many(model(ReservedAction, {"roles": many(TEXT, min_length=1), "levels": many(TEXT)})),
        "typed_operator": FLAG,
        "seats": many(named),
        "seat_required": FLAG,
    })


def validator() -> SchemaValidator:
    """What `load_config` checks the settings with (pydantic-core only: pydantic itself is not imported)."""
    from pydantic_core import SchemaValidator

    return SchemaValidator(config_schema())
