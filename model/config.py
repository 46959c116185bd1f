"""Center configuration: levels, unit kinds and tiers, types and channels come from YAML, not code.

The packaged `defaults.yaml` is the starting point; `LINKDESK_CONFIG` names a center's own file,
whose top-level keys replace the defaults' keys of the same name.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from model.errors import DomainError, LinkdeskError
from model.text import _

DEFAULTS_PATH = Path(__file__).with_name("defaults.yaml")


class UnknownCode(DomainError, ValueError):
    """A code or name that the configured list does not know; the message lists the known ones."""


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


class WarningColourDef(Named):
    rank: int = Field(ge=1)


class ShiftPattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    start: str = Field(pattern=r"^\d\d:\d\d$")
    end: str = Field(pattern=r"^\d\d:\d\d$")


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


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LinkdeskError(_("cannot read configuration {path}: {error}").format(path=path, error=error)) from error
    if not isinstance(data, dict):
        raise LinkdeskError(_("configuration {path} must be a mapping of settings").format(path=path))
    return data


@cache
def load_config(path: str | None = None) -> Config:
    """The defaults overlaid with the file named by `path` or LINKDESK_CONFIG, validated once."""
    settings = _read(DEFAULTS_PATH)
    override = path or os.environ.get("LINKDESK_CONFIG")
    if override:
        settings.update(_read(Path(override)))
    try:
        return Config.model_validate(settings)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise LinkdeskError(f"configuration {override or DEFAULTS_PATH}: {where}: {first['msg']}") from error


def default_ledger_path() -> Path:
    """LINKDESK_DB, else ledger.db in the user data directory."""
    from platformdirs import user_data_path

    configured = os.environ.get("LINKDESK_DB")
    return Path(configured).expanduser() if configured else user_data_path("linkdesk") / "ledger.db"


def demo_ledger_path() -> Path:
    """The demo ledger lives apart from the real one so a demo never touches real records."""
    from platformdirs import user_data_path

    return user_data_path("linkdesk") / "demo.db"


def default_operator() -> str:
    """LINKDESK_OPERATOR, else the login name."""
    import getpass

    return os.environ.get("LINKDESK_OPERATOR") or getpass.getuser()
