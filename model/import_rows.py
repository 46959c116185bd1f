"""How each kind of imported row is checked, matched with what is stored, and turned into changes.

The bulk import action (`model.actions.imports`) is the same for every kind; what differs per
kind lives here: the input schema, the key a row is matched by, the checks that need the
database, and the full row a new record gets. Rows become plain dicts, never ORM objects, so a
file of 100,000 rows costs one validation and one dict per row.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any, ClassVar

from pydantic import BaseModel
from sqlalchemy import Table, func, select
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlmodel import Session, col

from model import clock
from model.columns import ImportKind
from model.config import UnknownCode, load_config
from model.errors import DomainError
from model.ledger import Change
from model.lifecycle import ResourceStatus
from model.schemas import ExpertIn, MaterialIn, ReportIn, ResourceIn, UnitIn
from model.tables import Expert, Incident, MaterialStock, Report, Resource, Unit
from model.text import _
from model.timefmt import parse_time, show

Key = tuple[Any, ...]
Row = dict[str, Any]

SETTABLE_STATUSES = {"available": "available", "待命": "available",
                     "out_of_service": "out_of_service", "停用": "out_of_service"}
"""The resource statuses a file may set; every other status changes only by dispatch at the desk."""
DATE_ONLY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
"""A received time written as a day alone, as a date-formatted spreadsheet cell reads."""


class RowRefused(DomainError):
    """One field of one row cannot be imported; `field` names the input field it is about."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


@cache
def _layout(table: Table) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Every column with its scalar default in table order, and the key columns, once per table."""
    columns = {column.name: column.default.arg if isinstance(column.default, ScalarElementColumnDefault) else None
               for column in table.columns}
    return columns, tuple(column.name for column in table.primary_key.columns)


def _insert(table: Table, values: Mapping[str, Any]) -> Change:
    """A new row's change: its key columns, and every other column given or defaulted, in table order."""
    defaults, key_names = _layout(table)
    row = {**defaults, **values}
    if len(row) != len(defaults):
        row = {name: row[name] for name in defaults}
    key = {name: row.pop(name) for name in key_names}
    return Change(table.name, key, row, insert=True)


def _update(table: Table, stored: Mapping[str, Any], values: Row) -> Change:
    return Change(table.name, {name: stored[name] for name in _layout(table)[1]}, values)


class KindRules(ABC):
    """The rules of one kind of row; subclasses say what differs."""

    kind: ClassVar[ImportKind]
    model: ClassVar[Any]
    schema: ClassVar[type[BaseModel]]

    def __init__(self, session: Session, operator: str) -> None:
        self.session = session
        self.operator = operator
        self.now = clock.now()
        self.unit_codes: set[str] = set(session.execute(select(Unit.__table__.c.code)).scalars())  # type: ignore[attr-defined]
        self._next_id: int | None = None

    @property
    def table(self) -> Table:
        return self.model.__table__  # type: ignore[no-any-return]

    def check(self, raw: Mapping[str, str]) -> Row:
        """The validated field values of a row; empty cells take the schema's default."""
        return self._validated(raw)

    def _validated(self, raw: Mapping[str, str], checked_apart: tuple[str, ...] = ()) -> Row:
        """The schema's values for the non-empty cells, leaving out fields the subclass checks itself.

        An input model is flat, so its field values are its `__dict__`; `model_dump` would
        serialise every value again at a third of the cost of validating it.
        """
        given = {name: value for name, value in raw.items() if value != "" and name not in checked_apart}
        return vars(self.schema.model_validate(given))

    @abstractmethod
    def key(self, values: Row) -> Key:
        """What a row is matched by: the same key in the file and in the ledger is the same record."""

    def label(self, key: Key) -> str:
        """A key as messages show it."""
        return "/".join(str(part) for part in key)

    def stored(self) -> dict[Key, Mapping[str, Any]]:
        """Every stored row by its key, read in one SELECT."""
        rows = (dict(row) for row in self.session.execute(select(self.table)).mappings())
        return {self.key(row): row for row in rows}

    def refuse(self, values: Row, stored: Mapping[str, Any] | None) -> None:
        """Raise RowRefused when a row is valid alone but not against the ledger; by default every row is."""
        return

    def new_row(self, values: Row) -> list[Change]:
        return [_insert(self.table, values)]

    def changed(self, values: Row, stored: Mapping[str, Any]) -> Row:
        """The fields the row would change; empty when the stored row already says the same."""
        return {name: value for name, value in values.items() if stored[name] != value}

    def update(self, stored: Mapping[str, Any], changed: Row) -> Change:
        return _update(self.table, stored, changed)

    def allocate_id(self) -> int:
        """Keys for new rows, counted from the largest stored key (the write lock is held)."""
        if self._next_id is None:
            column = next(iter(self.table.primary_key.columns))
            self._next_id = int(self.session.execute(select(func.coalesce(func.max(column), 0))).scalar_one()) + 1
        allocated, self._next_id = self._next_id, self._next_id + 1
        return allocated

    def _require_unit(self, code: str | None) -> None:
        if code and code not in self.unit_codes:
            raise RowRefused("unit_code", _("unit {unit} is not on the roster").format(unit=code))


class UnitRules(KindRules):
    kind = ImportKind.UNITS
    model = Unit
    schema = UnitIn

    def key(self, values: Row) -> Key:
        return (values["code"],)


class ResourceRules(KindRules):
    kind = ImportKind.RESOURCES
    model = Resource
    schema = ResourceIn

    def check(self, raw: Mapping[str, str]) -> Row:
        status = raw.get("status", "")
        values = self._validated(raw, checked_apart=("status",))
        if status:
            values["status"] = self._status(status)
        return values

    @staticmethod
    def _status(text: str) -> str:
        if text in SETTABLE_STATUSES:
            return SETTABLE_STATUSES[text]
        if text in {status.value for status in ResourceStatus}:
            return text
        known = ", ".join(f"{code} {zh}" for zh, code in SETTABLE_STATUSES.items() if zh != code)
        raise RowRefused("status", _("unknown status {value!r}; known: {known}").format(value=text, known=known))

    def key(self, values: Row) -> Key:
        return (values["code"],)

    def refuse(self, values: Row, stored: Mapping[str, Any] | None) -> None:
        self._require_unit(values["unit_code"])
        status = values.get("status")
        current = stored["status"] if stored is not None else None
        if status is None or status == current:
            return
        settable = set(SETTABLE_STATUSES.values())
        if status not in settable or (current is not None and current not in settable):
            where = _(" at incident {no}").format(no=stored["incident_no"]) if stored and stored["incident_no"] else ""
            raise RowRefused("status", _("resource {code} is {current}{where}; a file may only set "
                                         "available or out_of_service, and not while it is out on an "
                                         "incident").format(code=values["code"], current=current or _("new"),
                                                            where=where))

    def changed(self, values: Row, stored: Mapping[str, Any]) -> Row:
        changed = super().changed(values, stored)
        if "status" in changed:
            changed["status_since"] = self.now
        return changed


class ExpertRules(KindRules):
    kind = ImportKind.EXPERTS
    model = Expert
    schema = ExpertIn

    def key(self, values: Row) -> Key:
        return (values["name"], values["phone"])

    def refuse(self, values: Row, stored: Mapping[str, Any] | None) -> None:
        self._require_unit(values["unit_code"])

    def new_row(self, values: Row) -> list[Change]:
        return [_insert(self.table, {"id": self.allocate_id(), **values})]


class MaterialRules(KindRules):
    kind = ImportKind.MATERIALS
    model = MaterialStock
    schema = MaterialIn

    def key(self, values: Row) -> Key:
        return (values["item"], values["unit_code"], values["location"])

    def refuse(self, values: Row, stored: Mapping[str, Any] | None) -> None:
        self._require_unit(values["unit_code"])

    def new_row(self, values: Row) -> list[Change]:
        return [_insert(self.table, {"id": self.allocate_id(), **values})]


class IncidentRules(KindRules):
    """Incidents match by external id, else by time, channel, type and place, so a re-import of a
    file without ids still changes nothing; new ones are received at the file's time (late entry).

    A received time given as a day alone is refused rather than taken as 00:00: the received time
    starts the response clock and numbers the incident, and a midnight nobody wrote would look
    like a night call in every report after.
    """

    kind = ImportKind.INCIDENTS
    model = Incident
    schema = ReportIn

    def __init__(self, session: Session, operator: str) -> None:
        super().__init__(session, operator)
        self._last_number: dict[str, int] = {}
        self._next_report: int | None = None

    def check(self, raw: Mapping[str, str]) -> Row:
        values = self._validated(raw, checked_apart=("received_at", "level"))
        values = {name: values[name] for name in (*raw, "external_id") if name in values}
        received = raw.get("received_at", "")
        if DATE_ONLY.fullmatch(received.strip()):
            raise RowRefused("received_at", _(
                "{value!r} is a day without a time; write when the report came in (YYYY-MM-DD HH:MM): "
                "a time of 00:00 taken for it would read as a call at midnight").format(value=received))
        try:
            values["received_at"] = parse_time(received)
        except DomainError as error:
            raise RowRefused("received_at", str(error)) from error
        level = raw.get("level", "")
        try:
            values["level"] = load_config().resolve("levels", level) if level else None
        except UnknownCode as error:
            raise RowRefused("level", str(error)) from error
        return values

    def key(self, values: Row) -> Key:
        if values.get("external_id"):
            return ("external_id", values["external_id"])
        return ("received", clock.as_utc(values["received_at"]), values["channel"], values["type"], values["address"])

    def label(self, key: Key) -> str:
        if key[0] == "external_id":
            return str(key[1])
        return "/".join((show(key[1]), *key[2:]))

    def refuse(self, values: Row, stored: Mapping[str, Any] | None) -> None:
        if stored is None or values["level"] is None or stored["level"] in (None, values["level"]):
            return
        raise RowRefused("level", _("incident {no} is already level {level}; regrade it at the desk, "
                                    "with a reason").format(no=stored["no"], level=stored["level"]))

    def changed(self, values: Row, stored: Mapping[str, Any]) -> Row:
        changed = super().changed({name: value for name, value in values.items() if name != "level"}, stored)
        if values["level"] is not None and stored["level"] is None:
            changed["level"] = values["level"]
        if changed:
            changed["updated_at"] = self.now
        return changed

    def new_row(self, values: Row) -> list[Change]:
        received: datetime = values["received_at"]
        number = self._number(received)
        incident = {**values, "no": number, "received_by": self.operator,
                    "updated_at": received, "state": "received"}
        report = {
            "id": self._report_id(), "incident_no": number, "received_at": received,
            "channel": values["channel"], "caller_name": values.get("caller_name", ""),
            "caller_phone": values.get("caller_phone", ""), "description": values["description"]}
        return [_insert(self.table, incident), _insert(Report.__table__, report)]  # type: ignore[attr-defined]

    def _number(self, received: datetime) -> str:
        """Numbers run per local day of receipt, after the largest stored number of that day."""
        prefix = received.astimezone(load_config().tz).strftime("%Y%m%d-")
        if prefix not in self._last_number:
            last = self.session.execute(select(func.max(col(Incident.no)))
                                        .where(col(Incident.no).startswith(prefix))).scalar_one()
            self._last_number[prefix] = int(last[len(prefix):]) if last else 0
        self._last_number[prefix] += 1
        return f"{prefix}{self._last_number[prefix]:04d}"

    def _report_id(self) -> int:
        if self._next_report is None:
            self._next_report = int(self.session.execute(select(func.coalesce(func.max(col(Report.id)),
                                                                              0))).scalar_one())
        self._next_report += 1
        return self._next_report


RULES: dict[ImportKind, type[KindRules]] = {
    rules.kind: rules for rules in (UnitRules, ResourceRules, ExpertRules, MaterialRules, IncidentRules)
}
