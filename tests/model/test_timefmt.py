"""Times typed at the desk are local wall time; ISO with an offset is taken as written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from model.errors import DomainError
from model.timefmt import DAY_TIME, parse_time, show


def test_local_wall_time_is_shanghai() -> None:
    assert parse_time("2026-11-28 08:00") == datetime(2026, 11, 28, 0, 0, tzinfo=UTC)


def test_iso_with_offset() -> None:
    assert parse_time("2026-11-28T08:00+09:00") == datetime(2026, 11, 27, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["2026-11-28T08:00", "yesterday", "28/11/2026 08:00"])
def test_unreadable_or_naive_iso_is_refused(text: str) -> None:
    with pytest.raises(DomainError, match="cannot read the time"):
        parse_time(text)


def test_show_in_local_time_the_english_way() -> None:
    assert show(datetime(2026, 11, 28, 0, 0, tzinfo=UTC)) == "28 Nov 2026 08:00"
    assert show(datetime(2026, 1, 2, 0, 5, tzinfo=UTC), DAY_TIME) == "2 Jan 08:05"
    assert show(None) == ""


def test_show_in_local_time_the_chinese_way(chinese: None) -> None:
    assert show(datetime(2026, 11, 28, 0, 0, tzinfo=UTC)) == "2026-11-28 08:00"
    assert show(datetime(2026, 1, 2, 0, 5, tzinfo=UTC), DAY_TIME) == "01-02 08:05"


def test_a_report_shows_times_in_its_own_language_whatever_the_desk_speaks() -> None:
    assert show(datetime(2026, 11, 28, 0, 0, tzinfo=UTC), lang="zh") == "2026-11-28 08:00"
