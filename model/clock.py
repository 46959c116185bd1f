"""One source of "now" so that tests can freeze time and every stored time is aware UTC."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_frozen: datetime | None = None


def now() -> datetime:
    """The current instant as an aware UTC datetime (SQLModel refuses naive ones)."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Normalise an aware datetime to UTC; a naive one is a programming error, not a guess."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone")
    return moment.astimezone(UTC)


@contextmanager
def frozen(moment: datetime) -> Iterator[None]:
    """Make `now()` return `moment` inside the block (tests and snapshots)."""
    global _frozen
    previous, _frozen = _frozen, as_utc(moment)
    try:
        yield
    finally:
        _frozen = previous
