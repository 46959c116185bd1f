"""Response-time figures as duty reports state them: how many, the median and the 90th percentile.

The 90th percentile is the nearest-rank one: the smallest observed time that at least 90 % of the
observations do not exceed (ceil(0.9 n)-th smallest). It reads the way NFPA 1225 benchmarks are
written ("90 % of calls within …") and is always a time that really happened. The median is
the usual one: the middle value, or the mean of the two middle values of an even count.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Durations:
    """Count, median and 90th percentile of a set of intervals, in seconds; None when empty."""

    count: int
    median: float | None
    p90: float | None


def nearest_rank(values: list[float], percent: float) -> float:
    """The nearest-rank percentile of sorted `values` (percent in 0–100]."""
    rank = max(1, math.ceil(percent / 100 * len(values)))
    return values[rank - 1]


def p90(values: Iterable[float]) -> float | None:
    """The nearest-rank 90th percentile of `values`; None when there are none."""
    ordered = sorted(values)
    return nearest_rank(ordered, 90) if ordered else None


def durations(pairs: Iterable[tuple[datetime, datetime | None]]) -> Durations:
    """Figures of `later - earlier` over the pairs whose later time is known."""
    seconds = sorted((later - earlier).total_seconds() for earlier, later in pairs if later is not None)
    if not seconds:
        return Durations(0, None, None)
    return Durations(len(seconds), statistics.median(seconds), nearest_rank(seconds, 90))
