"""The center configuration's schema: what `load_config` validates the YAML into.

Apart from model/config.py so that reading a setting's type does not cost pydantic's import on
the console's way to its first paint; model.config re-exports these names.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from model.config import UnknownCode
from model.text import _


class Named(BaseModel):
    """A configured code with its Chinese and English names."""

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
    """Names for a narrow column (the queue's type) where the full name does not fit; empty: the full name."""


class WarningColourDef(Named):
    rank: int = Field(ge=1)


class ShiftPattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    start: str = Field(pattern=r"^\d\d:\d\d$")
    end: str = Field(pattern=r"^\d\d:\d\d$")


class ReportDeadline(BaseModel):
    """How soon reports upward are due at one level: by phone, in writing, and then how often."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    level: str
    phone_minutes: int = Field(ge=1)
    written_minutes: int = Field(ge=1)
    follow_up_minutes: int = Field(ge=1)


class GradingThreshold(BaseModel):
    """The smallest figures that make an incident this level (any one suffices)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    level: str
    deaths: int = Field(ge=1)
    injured: int = Field(ge=1)
    loss_yuan: float = Field(gt=0)


class OperatorDef(BaseModel):
    """A person who may sit at the desk: the login they work under and the roles they hold.

    `login` is the OS login name on an SQLite ledger and the database role on PostgreSQL: the
    name every entry of theirs carries, vouched for by the system, not typed in.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    login: str = Field(min_length=1)
    name: str = Field(min_length=1)
    roles: tuple[str, ...] = Field(min_length=1)


class ReservedAction(BaseModel):
    """An action only some roles may take; at the listed levels only, or at every level when none are."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    action: str
    roles: tuple[str, ...] = Field(min_length=1)
    levels: tuple[str, ...] = ()


class Config(BaseModel):
    """Everything a center may set differently from another center."""

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
        """Map a code or Chinese name in one of the configured lists to its code, or refuse."""
        entries: tuple[Named, ...] = getattr(self, field)
        for entry in entries:
            if value in (entry.code, entry.zh, entry.en):
                return entry.code
        known = ", ".join(f"{entry.code} {entry.zh}" for entry in entries)
        raise UnknownCode(f"unknown {field.rstrip('s').replace('_', ' ')} {value!r}; known: {known}")

    def name_of(self, field: str, code: str, lang: str = "zh") -> str:
        entries: tuple[Named, ...] = getattr(self, field)
        for entry in entries:
            if entry.code == code:
                return entry.zh if lang == "zh" else entry.en
        return code
