"""Reading and showing times the way the desk writes them: local wall time, stored as UTC.

Times are shown in the convention of the language: Chinese writes the numeric date of
GB/T 7408 (2026-11-28 08:00), English the day before the month's name (28 Nov 2026 08:00).
The layouts are catalog messages with named fields, so each language orders them its way.
"""

from __future__ import annotations

from datetime import UTC, datetime

from model.config import load_config
from model.errors import DomainError
from model.text import N_, _, language, translate

LOCAL_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")

DATE_TIME = N_("{year}-{month}-{day} {hour}:{minute}")
DATE_TIME_SECONDS = N_("{year}-{month}-{day} {hour}:{minute}:{second}")
DAY_TIME = N_("{month}-{day} {hour}:{minute}")
DAY_TIME_SECONDS = N_("{month}-{day} {hour}:{minute}:{second}")
DAY_OVER_TIME = N_("{month}-{day}\n{hour}:{minute}")
TIME = "{hour}:{minute}"
TIME_SECONDS = "{hour}:{minute}:{second}"
HOUR = "{hour}:00"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""English month names, fixed rather than from the C library's locale, which a desk may not have."""


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


def show(moment: datetime | None, layout: str = DATE_TIME, lang: str | None = None) -> str:
    """A stored instant as the desk reads it, in `lang` (default: the desk's); empty for no time."""
    if moment is None:
        return ""
    at = local(moment)
    return translate(layout, lang or language()).format(
        year=f"{at.year:04d}", month=f"{at.month:02d}", day=f"{at.day:02d}", hour=f"{at.hour:02d}",
        minute=f"{at.minute:02d}", second=f"{at.second:02d}", month_name=MONTHS[at.month - 1],
        day_plain=str(at.day))


def iso_local(moment: datetime) -> str:
    """ISO 8601 to the second with the center's offset (`+08:00`, never `Z`), for files sent out."""
    return local(moment).replace(microsecond=0).isoformat()
