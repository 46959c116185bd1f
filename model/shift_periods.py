"""Read helpers for duty periods: which recorded shift held the desk at a time, and which configured
pattern a time falls in when no shift was recorded. Reports use these; nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlmodel import Session, col

from model import clock
from model.config import Config, load_config
from model.errors import DomainError
from model.tables import Shift
from model.text import _


@dataclass(frozen=True)
class PatternPeriod:
    """One occurrence of a configured shift pattern, as aware UTC times."""

    name: str
    start: datetime
    end: datetime


def _at(day: date, hhmm: str, config: Config) -> datetime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=config.tz)


def pattern_period(at: datetime, config: Config | None = None) -> PatternPeriod:
    """The occurrence of a configured pattern whose local hours contain `at`.

    A pattern whose end is not after its start (20:00–08:00) runs past midnight, so the
    occurrence that started the local day before is tried too.
    """
    settings = config or load_config()
    moment = clock.as_utc(at)
    today = moment.astimezone(settings.tz).date()
    for day in (today - timedelta(days=1), today):
        for pattern in settings.shift_patterns:
            start = _at(day, pattern.start, settings)
            end = _at(day, pattern.end, settings)
            if end <= start:
                end = _at(day + timedelta(days=1), pattern.end, settings)
            if start <= moment < end:
                return PatternPeriod(pattern.name, clock.as_utc(start), clock.as_utc(end))
    raise DomainError(_("no configured shift pattern covers {at}").format(
        at=f"{moment.astimezone(settings.tz):%Y-%m-%d %H:%M}"))


def shift_at(session: Session, at: datetime) -> Shift | None:
    """The recorded shift on duty at `at` (started at or before it and not yet ended)."""
    moment = clock.as_utc(at)
    statement = (select(Shift).where(col(Shift.started_at) <= moment)
                 .where((col(Shift.ended_at).is_(None)) | (col(Shift.ended_at) > moment))
                 .order_by(col(Shift.started_at).desc()).limit(1))
    return session.execute(statement).scalars().first()


def latest_shift(session: Session) -> Shift | None:
    """The shift started last, open or handed over: "the current or last shift"."""
    statement = select(Shift).order_by(col(Shift.started_at).desc(), col(Shift.id).desc()).limit(1)
    return session.execute(statement).scalars().first()


def shifts_between(session: Session, start: datetime, end: datetime) -> list[Shift]:
    """Every recorded shift that overlaps [start, end), earliest first."""
    statement = (select(Shift).where(col(Shift.started_at) < clock.as_utc(end))
                 .where((col(Shift.ended_at).is_(None)) | (col(Shift.ended_at) > clock.as_utc(start)))
                 .order_by(col(Shift.started_at)))
    return list(session.execute(statement).scalars())
