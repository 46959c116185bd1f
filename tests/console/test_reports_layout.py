"""The printed handover never fails: the demo's shift in English, a row longer than a page, and
column widths that fit the page whatever the table holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from console.reports import write_shift_report
from console.reports.document import column_widths
from console.reports.pdf import drawable
from model import actions, clock
from model.db import ledger_url, open_ledger, write_session
from model.schemas import ReportIn
from tests.conftest import FROZEN_AT
from tests.console.conftest import HANDOVER, PRINTED, SHIFT_START, at
from tests.console.pdf_text import pages_text


def test_the_demo_shift_prints_in_english_and_chinese(demo_ledger: Path | str, tmp_path: Path) -> None:
    """`demo` then `report shift` at an English desk ended in "Invalid value provided width=…"."""
    engine = open_ledger(ledger_url(demo_ledger))
    for lang, signature in (("en", "Outgoing officer (signature)"), ("zh", "交班人（签字）")):
        with clock.frozen(FROZEN_AT):
            path = write_shift_report(engine, fmt="pdf", output=tmp_path / f"shift-{lang}.pdf", lang=lang)
        assert signature in pages_text(path)[-1]
    engine.dispose()


@pytest.mark.parametrize(("lang", "continued"), [("zh", "（续）"), ("en", "(continued)")])
def test_a_ten_thousand_character_description_runs_across_pages(engine: Engine, tmp_path: Path, lang: str,
                                                                continued: str) -> None:
    """Any description of about 1,500 characters or more failed the PDF ("row … too high"); the
    place column was the narrowest and broke 港城大道测试点77号 into "港城大道测试点7" / "7号"."""
    sentences = [f"第{number:04d}句" for number in range(1450)]
    with clock.frozen(PRINTED), write_session(engine) as session:
        actions.start_shift(session=session, operator="甲", name="白班", officers=["甲"], happened_at=SHIFT_START)
        actions.receive_report(session=session, operator="甲", received_at=at(10), report=ReportIn(
            channel="119", type="hazardous_chemical_leak", address="港城大道测试点77号",
            description=" ".join(sentences)))
        actions.hand_over_shift(session=session, operator="甲", notes="", handed_to="乙", happened_at=HANDOVER)
    with clock.frozen(PRINTED):
        path = write_shift_report(engine, fmt="pdf", output=tmp_path / "shift.pdf", lang=lang, shift_id=1)
    pages = pages_text(path)
    text = "".join("\n".join(pages).split())
    assert len("".join(sentences)) + len(sentences) > 10_000 and len(pages) >= 4
    positions = [text.find(sentence) for sentence in sentences]
    assert -1 not in positions and positions == sorted(positions)
    assert any(continued in page for page in pages[1:])
    assert any("港城大道测试点77号" in page.splitlines() for page in pages)


@settings(max_examples=300, deadline=None)
@given(columns=st.lists(st.tuples(st.floats(0, 400), st.floats(0, 400), st.integers(0, 40)), min_size=1, max_size=9),
       room=st.floats(10, 300))
def test_column_widths_fit_the_room_and_waste_none_of_it(columns: list[tuple[float, float, int]], room: float) -> None:
    natural = [width for width, _, _ in columns]
    words = [min(word, width) for width, word, _ in columns]
    widths = column_widths(natural, words, tuple(weight for _, _, weight in columns), room)
    assert sum(widths) <= room * (1 + 1e-9) and all(width >= 0 for width in widths)
    assert all(width <= max(line, 0) + 1e-9 or sum(words) > room for width, line in zip(widths, natural, strict=True))
    if sum(natural) <= room:
        assert widths == pytest.approx(natural)
    else:
        assert sum(widths) == pytest.approx(room)


def test_the_place_and_description_get_the_most_room() -> None:
    """Widths of the shift report's incident table, in millimetres, as the English demo measures it."""
    natural = [24.7, 15.9, 39.5, 17.2, 24.7, 77.3, 17.7, 27.9]
    words = [24.7, 15.9, 22.0, 17.2, 24.7, 30.0, 17.7, 19.3]
    widths = column_widths(natural, words, (8, 4, 6, 4, 6, 30, 7, 9), 180)
    assert sum(widths) == pytest.approx(180) and max(widths) == widths[5] >= 30.0
    assert all(width >= word - 1e-9 for width, word in zip(widths, words, strict=True))


def test_what_the_face_cannot_draw_is_spelled_out_not_dropped() -> None:
    """Noto Sans SC has no control pictures and no ⟨ ⟩: fpdf2 would leave them off the page unsaid."""
    shown_text = "来电␛[2J␇⟨U+202E⟩号"
    face = frozenset("来电[2JU+202E号")
    assert drawable(shown_text, face) == "来电<ESC>[2J<BEL><U+202E>号"
