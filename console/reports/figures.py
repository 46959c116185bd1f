"""Response-time figures for printed reports: the figures themselves live in `model.figures`
(the assessment reads them too); this module adds how a duration is printed."""

from __future__ import annotations

from model.figures import Durations, durations, nearest_rank

__all__ = ["Durations", "durations", "minutes_seconds", "nearest_rank"]


def minutes_seconds(seconds: float | None) -> str:
    """A duration as m:ss (h:mm:ss past an hour); a dash when there is none."""
    if seconds is None:
        return "—"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
