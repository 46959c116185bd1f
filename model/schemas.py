"""Validated inputs of the actions (what an officer or an import file supplies).

Codes of channels, types and kinds may be given by code or Chinese name; they are resolved
against the configuration here, once, so every entry stores codes.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from model.area import normalise as normalise_area
from model.config import load_config


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReportIn(Input):
    """One incoming report (接报) as the officer takes it down."""

    channel: str = Field(min_length=1)
    type: str = Field(min_length=1)
    address: str = Field(min_length=1)
    description: str = ""
    caller_name: str = ""
    caller_unit: str = ""
    caller_phone: str = ""
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    occurred_at: datetime | None = None
    people_affected: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    deaths: int | None = Field(default=None, ge=0)
    losses: str = ""
    trend: str = ""
    measures_taken: str = ""
    is_drill: bool = False
    external_id: str | None = None

    @field_validator("channel")
    @classmethod
    def known_channel(cls, value: str) -> str:
        return load_config().resolve("channels", value)

    @field_validator("type")
    @classmethod
    def known_type(cls, value: str) -> str:
        return load_config().resolve("incident_types", value)


class UnitIn(Input):
    code: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    tier: int = Field(ge=1)
    duty_phone: str = Field(min_length=1)
    address: str = ""
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    contact: str = ""

    @field_validator("kind")
    @classmethod
    def known_kind(cls, value: str) -> str:
        return load_config().resolve("unit_kinds", value)


class ResourceIn(Input):
    code: str = Field(min_length=1)
    unit_code: str = Field(min_length=1)
    type: str = Field(min_length=1)
    name: str = Field(min_length=1)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    capacity: str = ""

    @field_validator("type")
    @classmethod
    def known_type(cls, value: str) -> str:
        return load_config().resolve("resource_types", value)


class ExpertIn(Input):
    name: str = Field(min_length=1)
    field: str = Field(min_length=1)
    phone: str = Field(min_length=1)
    unit_code: str | None = None
    title: str = ""


class MaterialIn(Input):
    item: str = Field(min_length=1)
    unit_code: str = Field(min_length=1)
    quantity: float = Field(ge=0)
    location: str = ""


class WarningIn(Input):
    """A warning as issued or updated; colour is red, orange, yellow or blue (or 红/橙/黄/蓝色预警).

    `area_geometry` is an optional circle or polygon in the form `model.area` describes.
    """

    colour: str = Field(min_length=1)
    type: str = Field(min_length=1)
    area: str = Field(min_length=1)
    text_zh: str = Field(min_length=1)
    text_en: str = ""
    area_geometry: str = ""
    effective_at: datetime | None = None
    expires_at: datetime | None = None
    incident_no: str | None = None
    is_drill: bool = False

    @field_validator("colour")
    @classmethod
    def known_colour(cls, value: str) -> str:
        return load_config().resolve("warning_colours", value)

    @field_validator("area_geometry")
    @classmethod
    def readable_shape(cls, value: str) -> str:
        return normalise_area(value)


def describe_invalid(error: ValidationError, what: str) -> str:
    """One line naming each bad field of an input, for an officer rather than a developer."""
    parts = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"]) or what
        message = str(problem["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}")
    return f"{what}: " + "; ".join(parts)
