"""Reading and showing times the way the desk writes them: local wall time, stored as UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from model.config import load_config
from model.errors import DomainError
from model.text import _

LOCAL_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


def parse_time(text: str) -> datetime:
    """`YYYY-MM-DD HH:MM` in the center's time zone, or ISO 8601 with an offset; aware UTC out."""
    value = text.strip()
    for layout in LOCAL_FORMATS:
        try:
            naive = datetime.strptime(value, layout)
        except ValueError:
            continue
        return naive.replace(tzinfo=load_config().tz).astimezone(UTC)
    try:
        parsed: datetime | None = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise DomainError(_("cannot read the time {text!r}: write YYYY-MM-DD HH:MM (local time) "
                            "or ISO 8601 with an offset such as 2026-11-28T08:00+08:00").format(text=text))
    return parsed.astimezone(UTC)


def local(moment: datetime) -> datetime:
    """The instant in the center's time zone."""
    return moment.astimezone(load_config().tz)


def show(moment: datetime | None, layout: str = "%Y-%m-%d %H:%M") -> str:
    """A stored instant as the desk reads it; empty for no time."""
    return local(moment).strftime(layout) if moment is not None else ""


def iso_local(moment: datetime) -> str:
    """ISO 8601 to the second with the center's offset (`+08:00`, never `Z`), for files sent out."""
    return local(moment).replace(microsecond=0).isoformat()
