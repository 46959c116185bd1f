"""The columns of the roster and incident files the desk imports and exports, in both languages.

One list per kind, so reading a header row, validating a row and writing an export all agree on
what a column is called and whether it is required.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ImportKind(StrEnum):
    UNITS = "units"
    RESOURCES = "resources"
    EXPERTS = "experts"
    MATERIALS = "materials"
    INCIDENTS = "incidents"


@dataclass(frozen=True)
class FileColumn:
    """One column of a file: the input field it fills and its English and Chinese headers."""

    field: str
    en: str
    zh: str
    required: bool = False

    @property
    def label(self) -> str:
        """How messages name the column, so an officer finds it whichever language the file uses."""
        return f"{self.en} {self.zh}"


def _required(field: str, en: str, zh: str) -> FileColumn:
    return FileColumn(field, en, zh, required=True)


COLUMNS: dict[ImportKind, tuple[FileColumn, ...]] = {
    ImportKind.UNITS: (
        _required("code", "code", "编码"),
        _required("name", "name", "名称"),
        _required("kind", "kind", "类别"),
        _required("tier", "tier", "梯队"),
        _required("duty_phone", "duty_phone", "值班电话"),
        FileColumn("address", "address", "地址"),
        FileColumn("lat", "lat", "纬度"),
        FileColumn("lon", "lon", "经度"),
        FileColumn("contact", "contact", "联系人"),
    ),
    ImportKind.RESOURCES: (
        _required("code", "code", "编码"),
        _required("unit_code", "unit", "所属单位"),
        _required("type", "type", "类型"),
        _required("name", "name", "名称"),
        FileColumn("status", "status", "状态"),
        FileColumn("lat", "lat", "纬度"),
        FileColumn("lon", "lon", "经度"),
        FileColumn("capacity", "capacity", "能力"),
    ),
    ImportKind.EXPERTS: (
        _required("name", "name", "姓名"),
        _required("field", "field", "专业"),
        _required("phone", "phone", "电话"),
        FileColumn("unit_code", "unit", "所属单位"),
        FileColumn("title", "title", "职称"),
    ),
    ImportKind.MATERIALS: (
        _required("item", "item", "物资"),
        _required("unit_code", "unit", "所属单位"),
        _required("quantity", "quantity", "数量"),
        FileColumn("location", "location", "存放地点"),
    ),
    ImportKind.INCIDENTS: (
        _required("received_at", "received_at", "接报时间"),
        _required("channel", "channel", "来源"),
        _required("type", "type", "类型"),
        _required("address", "address", "地点"),
        _required("description", "description", "描述"),
        FileColumn("caller_name", "caller", "报告人"),
        FileColumn("caller_phone", "phone", "电话"),
        FileColumn("level", "level", "级别"),
        FileColumn("lat", "lat", "纬度"),
        FileColumn("lon", "lon", "经度"),
        FileColumn("external_id", "external_id", "外部编号"),
    ),
}
"""Every column a file of each kind may have, required ones first."""


def column_of(kind: ImportKind, field: str) -> FileColumn:
    """The column that fills `field`; every field the row checks name is in the list."""
    return next(column for column in COLUMNS[kind] if column.field == field)
