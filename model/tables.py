"""The current-state tables and the ledger table.

State tables hold only what the ledger says: every row is written by an action from the changes
recorded in its ledger entry, so `ledger verify` can rebuild them by replaying the ledger.
Keys are assigned by the action layer (not by the database) so the replay gives the same keys.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, ColumnElement, DateTime, Index, Text, TypeDecorator, UniqueConstraint, text, type_coerce
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel


def utc_of(moment: datetime) -> datetime:
    """A time as the dialect's own DateTime reads it, made aware UTC.

    SQLite keeps no offset, so a naive value read back is UTC by construction; a server gives
    an aware value in its session's zone, normalised here.
    """
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC on every dialect and gives them back aware (`utc_of`)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} has no time zone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else utc_of(value)

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], datetime | None]:
        """`process_result_value` after the dialect's own reading, in one call per value.

        TypeDecorator's generic wrapper around the same two steps cost more than the reading itself.
        """
        read = self.impl_instance.dialect_impl(dialect).result_processor(dialect, coltype)

        def process(value: Any) -> datetime | None:
            moment: datetime | None = read(value) if read is not None and value is not None else value
            return None if moment is None else utc_of(moment)

        return process

    @staticmethod
    def stored(column: ColumnElement[datetime]) -> ColumnElement[datetime]:
        """`column` read by the dialect's own DateTime alone (C code on SQLite), without this type's step.

        For `ledger verify`, which reads every time of a year in bulk: each value it reads so
        must go through `utc_of`, the step this type would have taken, before it is used.
        """
        return type_coerce(column, UTCDateTime.impl)


def utc_field(*, index: bool = False, nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), index=index, nullable=nullable))


def text_field(default: str = "") -> Any:
    return Field(default=default, sa_column=Column(Text, nullable=False, default=default))


class Unit(SQLModel, table=True):
    """A linkage unit with a 24-hour duty office."""

    code: str = Field(primary_key=True)
    name: str
    kind: str = Field(index=True)
    tier: int
    duty_phone: str
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    contact: str = ""


class Resource(SQLModel, table=True):
    """A team, vehicle or piece of equipment of a unit, with its current status."""

    code: str = Field(primary_key=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    type: str = Field(index=True)
    name: str
    status: str = Field(default="available", index=True)
    status_since: datetime | None = utc_field()
    incident_no: str | None = Field(default=None, index=True)
    assignment_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    capacity: str = ""
    last_dispatched_at: datetime | None = utc_field()


class Expert(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("name", "phone"),)
    id: int = Field(primary_key=True)
    name: str
    field: str = Field(index=True)
    phone: str
    unit_code: str | None = None
    title: str = ""


class MaterialStock(SQLModel, table=True):
    __tablename__ = "material_stock"
    __table_args__ = (UniqueConstraint("item", "unit_code", "location"),)
    id: int = Field(primary_key=True)
    item: str = Field(index=True)
    unit_code: str = Field(foreign_key="unit.code")
    quantity: float
    location: str = ""


class Incident(SQLModel, table=True):
    """One emergency from first report to archive; numbered like 20261128-0007."""

    __table_args__ = (Index("ix_incident_type_received_at", "type", "received_at"),)
    """A new report's duplicate check asks for its type in the last hours (migration 0007)."""

    no: str = Field(primary_key=True)
    received_at: datetime = utc_field(index=True, nullable=False)
    occurred_at: datetime | None = utc_field()
    channel: str
    type: str
    address: str
    lat: float | None = None
    lon: float | None = None
    description: str = text_field()
    caller_name: str = ""
    caller_unit: str = ""
    caller_phone: str = ""
    people_affected: int | None = None
    injured: int | None = None
    deaths: int | None = None
    losses: str = ""
    trend: str = ""
    measures_taken: str = text_field()
    level: str | None = None
    state: str = Field(default="received", index=True)
    is_drill: bool = False
    merged_into: str | None = None
    received_by: str = ""
    verified_at: datetime | None = utc_field()
    activated_at: datetime | None = utc_field()
    ended_at: datetime | None = utc_field()
    closed_at: datetime | None = utc_field()
    external_id: str | None = Field(default=None, index=True, unique=True)
    updated_at: datetime = utc_field(nullable=False)


class Report(SQLModel, table=True):
    """One incoming report (接报); several can belong to one incident after a merge."""

    id: int = Field(primary_key=True)
    incident_no: str = Field(foreign_key="incident.no", index=True)
    received_at: datetime = utc_field(nullable=False)
    channel: str
    caller_name: str = ""
    caller_phone: str = ""
    description: str = text_field()


class Assignment(SQLModel, table=True):
    """A resource ordered to an incident (调派), with the time of every status it passed."""

    id: int = Field(primary_key=True)
    incident_no: str = Field(foreign_key="incident.no", index=True)
    resource_code: str = Field(foreign_key="resource.code", index=True)
    step_id: str | None = None
    status: str = "dispatched"
    dispatched_at: datetime = utc_field(nullable=False)
    acknowledged_at: datetime | None = utc_field()
    en_route_at: datetime | None = utc_field()
    on_scene_at: datetime | None = utc_field()
    returning_at: datetime | None = utc_field()
    cleared_at: datetime | None = utc_field()
    dispatched_by: str = ""


class PlanActivation(SQLModel, table=True):
    """A plan started for an incident; keeps the plan text so later YAML edits change nothing."""

    __tablename__ = "plan_activation"
    id: int = Field(primary_key=True)
    incident_no: str = Field(foreign_key="incident.no", index=True)
    plan_id: str
    plan_version: str
    content_hash: str
    plan_text: str = text_field()
    level: str
    activated_at: datetime = utc_field(nullable=False)


class StepState(SQLModel, table=True):
    """One checklist item of an activated plan, with its deadline and where it stands."""

    __tablename__ = "step_state"
    __table_args__ = (UniqueConstraint("incident_no", "step_id"),)
    id: int = Field(primary_key=True)
    activation_id: int = Field(foreign_key="plan_activation.id", index=True)
    incident_no: str = Field(foreign_key="incident.no", index=True)
    step_id: str
    level: str
    position: int
    text: str = text_field()
    responsible: str
    due_at: datetime | None = utc_field(index=True)
    interval_minutes: int | None = None
    approval_by: str = ""
    depends_on: str = text_field("[]")
    effects: str = text_field("{}")
    state: str = "pending"
    reason: str = ""
    round: int = 1
    completed_at: datetime | None = utc_field()
    completed_by: str = ""
    settled_by: int | None = None
    """The seq of the ledger entry that settled the step (done or skipped): the record behind the tick."""


class Approval(SQLModel, table=True):
    """A decision of an outside authority (管委会, district government) recorded against a step."""

    id: int = Field(primary_key=True)
    incident_no: str = Field(foreign_key="incident.no", index=True)
    step_id: str | None = None
    authority: str
    approved_by: str
    channel: str
    decision: str = "approved"
    decided_at: datetime = utc_field(nullable=False)
    note: str = text_field()


class CommandPost(SQLModel, table=True):
    """The on-site command post (现场指挥部) of an incident."""

    __tablename__ = "command_post"
    id: int = Field(primary_key=True)
    incident_no: str = Field(foreign_key="incident.no", index=True)
    commander: str
    location: str
    phone: str = ""
    opened_at: datetime = utc_field(nullable=False)
    closed_at: datetime | None = utc_field()


class WarningNotice(SQLModel, table=True):
    """A colour-level warning (预警) with area and validity."""

    __tablename__ = "warning"
    id: int = Field(primary_key=True)
    colour: str
    type: str
    area: str
    area_geometry: str = ""
    text_zh: str = text_field()
    text_en: str = text_field()
    effective_at: datetime = utc_field(nullable=False)
    expires_at: datetime | None = utc_field()
    incident_no: str | None = Field(default=None, foreign_key="incident.no")
    state: str = "issued"
    is_drill: bool = False
    issued_at: datetime = utc_field(nullable=False)
    updated_at: datetime | None = utc_field()
    lifted_at: datetime | None = utc_field()
    revision: int = 1


class Shift(SQLModel, table=True):
    """A duty period with its officers and the notes handed to the next shift."""

    id: int = Field(primary_key=True)
    name: str
    officers: str
    started_at: datetime = utc_field(nullable=False)
    ended_at: datetime | None = utc_field()
    handover_notes: str = text_field()
    handed_to: str = ""


OUT_OF_SERVICE_MOVES = "kind = 'resource_status' AND instr(payload, '\"to\":\"out_of_service\"') > 0"
"""The entries that took a resource out of service, as SQL: a partial index holds just these.

A query must repeat this condition word for word for SQLite to use the index; `kind` leads the
index's columns so that SQLite prefers it to the index on kind alone. In canonical JSON
the quoted key and value can only be the facts' `to`, never text inside a string.
"""


RESOURCE_MOVES = "kind = 'resource_status'"
"""The entries that moved a resource from one status to another, as SQL (a partial index's condition)."""
RESOURCE_MOVED = "json_extract(payload, '$.facts.resource')"
"""The code of the resource a status move moved, as SQL: the key of the index of a resource's moves.

SQLite uses the index only for a query that repeats this expression and `RESOURCE_MOVES` as written
here; the value compared is the code itself, so `A_1` never matches `AB1`.
"""


class LedgerEntry(SQLModel, table=True):
    """One immutable, hash-chained record of something that happened (台账记录).

    `payload` is canonical JSON text stored as hashed, so verifying never re-encodes it.
    """

    __tablename__ = "ledger_entry"
    __table_args__ = (Index("ix_ledger_entry_happened_at", "happened_at"),
                      Index("ix_ledger_entry_out_of_service", "kind", "happened_at",
                            sqlite_where=text(OUT_OF_SERVICE_MOVES)),
                      Index("ix_ledger_entry_resource_moves", text(RESOURCE_MOVED), "happened_at",
                            sqlite_where=text(RESOURCE_MOVES)))
    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    happened_at: datetime = utc_field(nullable=False)
    entered_at: datetime = utc_field(index=True, nullable=False)
    operator: str
    shift_id: int | None = None
    incident_no: str | None = Field(default=None, index=True)
    kind: str = Field(index=True)
    corrects_seq: int | None = None
    payload: str = text_field()
    prev_hash: str
    hash: str


class LedgerMeta(SQLModel, table=True):
    """Which ledger this is: one row, written when the ledger is created and never changed.

    The chain starts from a genesis hash made from `ledger_id` (`model.ledger.genesis_hash`), so
    every hash in the chain depends on it and another ledger's entries cannot be spliced in. A
    ledger that already held entries when it got its id (before migration 0003) keeps the
    all-zero genesis its chain was written with; `identified_seq` is then the entry that recorded
    the id, which binds the entries before it, through their hashes, to this id as well.
    """

    __tablename__ = "ledger_meta"
    ledger_id: str = Field(primary_key=True)
    created_at: datetime = utc_field(nullable=False)
    identified_seq: int | None = None


STATE_TABLES: tuple[type[SQLModel], ...] = (
    Unit,
    Resource,
    Expert,
    MaterialStock,
    Incident,
    Report,
    Assignment,
    PlanActivation,
    StepState,
    Approval,
    CommandPost,
    WarningNotice,
    Shift,
)
"""Every table the ledger replays into, in foreign-key order."""
