"""CAP 1.2 (OASIS Common Alerting Protocol) messages for warnings, the format sirens, SMS gateways
and the province's platform read.

Each revision of a warning is one message: the issue is an Alert, every update an Update and the
lift a Cancel; each later message references all the earlier ones, so a receiver that missed one
can still tie the chain together. Drills go out with status Exercise. Times carry the center's
offset (`+08:00`), never `Z`.

The message text is in Chinese (zh-CN) and, when the warning has English text, in English (en-US)
too; it is content for the receivers in their language, so it does not follow the console's
language setting.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from model import area, timefmt, warnings_view
from model.config import Config, load_config
from model.errors import DomainError
from model.tables import WarningNotice
from model.text import _
from model.warnings_view import Message

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"


@dataclass(frozen=True)
class CapLevel:
    """How one warning colour reads in CAP's three scales."""

    severity: str
    urgency: str
    certainty: str


LEVELS: dict[str, CapLevel] = {
    "red": CapLevel(severity="Extreme", urgency="Immediate", certainty="Likely"),
    "orange": CapLevel(severity="Severe", urgency="Immediate", certainty="Likely"),
    "yellow": CapLevel(severity="Moderate", urgency="Expected", certainty="Likely"),
    "blue": CapLevel(severity="Minor", urgency="Future", certainty="Likely"),
}
"""The one colour table (README, "Warnings"). Severity follows the four levels one to one. Urgency
follows the lead time of the national colour scheme: red and orange come hours or less before the
event (act now), yellow soon, blue further ahead. Every level is issued because the event is
expected, so certainty is Likely. A Cancel has urgency Past. A colour a center adds that is not
here is sent as Unknown on all three scales."""

UNKNOWN_LEVEL = CapLevel(severity="Unknown", urgency="Unknown", certainty="Unknown")

CATEGORIES: dict[str, str] = {
    **dict.fromkeys(("rainstorm", "暴雨", "typhoon", "台风", "gale", "大风", "blizzard", "暴雪",
                     "cold_wave", "寒潮", "heat_wave", "高温", "drought", "干旱", "lightning", "雷电",
                     "hail", "冰雹", "frost", "霜冻", "fog", "大雾", "haze", "霾", "road_icing",
                     "道路结冰", "sandstorm", "沙尘暴", "flood", "洪水", "洪涝", "storm_surge",
                     "风暴潮"), "Met"),
    **dict.fromkeys(("earthquake", "地震", "landslide", "滑坡", "geological", "地质灾害"), "Geo"),
    **dict.fromkeys(("fire", "火灾", "forest_fire", "森林火险"), "Fire"),
    **dict.fromkeys(("chemical_release", "hazardous_chemical_leak", "危险化学品泄漏", "危化品泄漏",
                     "pollution", "环境污染"), "Env"),
    **dict.fromkeys(("public_health", "公共卫生事件", "epidemic", "疫情"), "Health"),
}
"""CAP category of the common warning types (by code or Chinese name); any other type is Other."""


def identifier(row: WarningNotice, revision: int) -> str:
    """Unique per revision and the same on every export: issue time (local), warning id, revision.

    The issue time keeps identifiers apart even if a ledger is started afresh and ids repeat.
    """
    return f"{timefmt.local(row.issued_at):%Y%m%dT%H%M%S}-W{row.id}-R{revision}"


def _add(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{CAP_NAMESPACE}}}{tag}")
    element.text = text
    return element


def _headline(row: WarningNotice, config: Config, lang: str, cancel: bool) -> str:
    colour = config.name_of("warning_colours", row.colour, lang)
    if lang == "zh":
        drill = "【演练】" if row.is_drill else ""
        return f"{drill}{'解除' if cancel else ''}{row.type}{colour}"
    drill = "[DRILL] " if row.is_drill else ""
    return f"{drill}{'Lifted: ' if cancel else ''}{colour} {row.type} warning"


def _info(alert: ET.Element, row: WarningNotice, config: Config, lang: str, cancel: bool) -> None:
    level = LEVELS.get(row.colour, UNKNOWN_LEVEL)
    info = _add(alert, "info")
    _add(info, "language", "zh-CN" if lang == "zh" else "en-US")
    _add(info, "category", CATEGORIES.get(row.type.lower(), "Other"))
    _add(info, "event", row.type)
    if cancel:
        _add(info, "responseType", "AllClear")
    _add(info, "urgency", "Past" if cancel else level.urgency)
    _add(info, "severity", level.severity)
    _add(info, "certainty", level.certainty)
    _add(info, "effective", timefmt.iso_local(row.effective_at))
    if row.expires_at is not None:
        _add(info, "expires", timefmt.iso_local(row.expires_at))
    _add(info, "senderName", config.center_name if lang == "zh" else config.center_name_en)
    _add(info, "headline", _headline(row, config, lang, cancel))
    _add(info, "description", row.text_zh if lang == "zh" else row.text_en)
    where = _add(info, "area")
    _add(where, "areaDesc", row.area)
    shape = area.shape(row.area_geometry)
    if shape is not None:
        _add(where, shape.kind, shape.points)


def _reference(sender: str, row: WarningNotice, message: Message) -> str:
    return f"{sender},{identifier(row, message.revision)},{timefmt.iso_local(message.sent)}"


def alert(row: WarningNotice, chain: Sequence[Message], config: Config | None = None) -> ET.Element:
    """The CAP `alert` of the warning's current revision; `chain` is every message it has sent."""
    config = config or load_config()
    if not chain or chain[-1].revision != row.revision:
        raise DomainError(_("the ledger does not hold the messages of warning {id}; run `linkdesk ledger verify`")
                          .format(id=row.id))
    current, earlier = chain[-1], chain[:-1]
    root = ET.Element(f"{{{CAP_NAMESPACE}}}alert")
    _add(root, "identifier", identifier(row, current.revision))
    _add(root, "sender", config.cap_sender)
    _add(root, "sent", timefmt.iso_local(current.sent))
    _add(root, "status", "Exercise" if row.is_drill else "Actual")
    _add(root, "msgType", current.msg_type)
    _add(root, "scope", "Public")
    if earlier:
        _add(root, "references", " ".join(_reference(config.cap_sender, row, message) for message in earlier))
    if row.incident_no:
        _add(root, "incidents", row.incident_no)
    cancel = current.msg_type == "Cancel"
    _info(root, row, config, "zh", cancel)
    if row.text_en:
        _info(root, row, config, "en", cancel)
    return root


def to_xml(root: ET.Element) -> bytes:
    """UTF-8 XML with the CAP namespace as the default one, indented for people who open the file."""
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=CAP_NAMESPACE)
    return xml


@dataclass(frozen=True)
class Export:
    """A message ready to send, with what a script needs to log about it."""

    identifier: str
    msg_type: str
    xml: bytes


def export_alert(session: Session, warning_id: int) -> Export:
    """The CAP 1.2 message of a warning's current revision, its earlier messages read from the ledger."""
    row = warnings_view.warning(session, warning_id)
    chain = warnings_view.messages(session, warning_id)
    root = alert(row, chain)
    return Export(identifier=identifier(row, row.revision), msg_type=chain[-1].msg_type, xml=to_xml(root))
