"""Reports that never fail: the shift and incident reports over generated incidents (long, empty,
Chinese, control characters, markup), in both languages and all three formats, each file opened
and searched for the text as the display rule shows it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from sqlalchemy import Engine

from console.reports import write_incident_report, write_shift_report
from console.reports.labels import Labels
from console.reports.pdf import drawable
from model import actions, clock
from model.db import ledger_url, open_ledger, read_session, write_session
from model.display import shown
from model.ledger import head
from model.schemas import ReportIn
from tests.console.conftest import HANDOVER, PRINTED, SHIFT_START, at
from tests.console.pdf_text import pdf_text

HOSTILE = ("", "[/oops]", "[bold red]x[/]", "<script>alert(1)</script>", "</td></table>", "&amp;", "\x1b[2J\x1b[H",
           "\x1b]0;owned\x07", "\x07", "\r", "\t", "\u202e", "\u2028", "{page}", "港城大道测试点77号", "%s")

PIECES = st.one_of(st.sampled_from(HOSTILE),
                   st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
                   st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=12))
SHORT = st.lists(PIECES, max_size=5).map("".join)
LONG = st.tuples(SHORT, st.integers(min_value=0, max_value=260)).map(
    lambda parts: " ".join((parts[0], *(f"第{number:04d}句" for number in range(parts[1])))))
"""A hostile opening and up to 260 numbered sentences (about 2,000 characters): every one must print.

No NUL: the ledger refuses it on every backend (tests/model/test_actions.py), so no report meets one."""


@dataclass(frozen=True)
class Generated:
    address: str
    description: str
    caller: str


INCIDENTS = st.lists(st.builds(Generated, SHORT.map(lambda text: text.strip() or "无名地点"), LONG, SHORT),
                     min_size=1, max_size=3)


def squeezed(text: str) -> str:
    return "".join(text.split())


@cache
def glyphs() -> frozenset[str]:
    from fontTools.ttLib import TTFont
    from pylopdf_fonts_zh_cn import sans_path

    return frozenset(map(chr, TTFont(str(sans_path()), lazy=True)["cmap"].getBestCmap())) | {"\n"}


def txt_column(text: str, heading: str, printed: str) -> str:
    """The lines of one column of a text table, cut out by the cells its rule of dashes spans."""
    lines = [line for line in text.splitlines() if printed not in line]
    top = next(index for index, line in enumerate(lines) if heading in line and lines[index + 1].startswith("-"))
    start = cell_len(lines[top][:lines[top].index(heading)])
    end = start + len(lines[top + 1][start:].split(" ")[0])
    out = []
    for line in lines[top + 2:]:
        if line and not line.startswith(" ") and set(line) <= {"-"}:
            break
        position, kept = 0, []
        for char in line:
            if start <= position < end:
                kept.append(char)
            position += cell_len(char)
        out.append("".join(kept))
    return "\n".join(out)


def sentences_in_order(haystack: str, text: str) -> bool:
    """Every numbered sentence of `text` is in `haystack`, in the order written."""
    position = 0
    for word in text.split():
        if word.startswith("第") and word.endswith("句") and len(word) == 6:
            position = haystack.find(word, position)
            if position < 0:
                return False
    return True


def holds(haystack: str, text: str) -> bool:
    """`text` is on the page: whole where it is short; a long one by its opening and every sentence."""
    opening = text.split(" 第")[0]
    return squeezed(opening) in squeezed(haystack) and sentences_in_order(squeezed(haystack), squeezed(text))


def seeded(path: Path | str, incidents: list[Generated]) -> tuple[Engine, list[Generated], str]:
    """A shift that received the incidents and was handed over with the first description as its
    note; the incidents as stored (trimmed as the intake trims them) and the first one's number."""
    engine = open_ledger(ledger_url(path))
    stored = []
    with clock.frozen(PRINTED), write_session(engine) as session:
        actions.start_shift(session=session, operator="甲", name="白班", officers=["甲"], happened_at=SHIFT_START)
        for index, item in enumerate(incidents):
            row = actions.receive_report(session=session, operator="甲", received_at=at(10 + index), report=ReportIn(
                channel="119", type="fire", address=item.address, description=item.description,
                caller_name=item.caller))
            stored.append((row.no, Generated(row.address, row.description, row.caller_name)))
        actions.hand_over_shift(session=session, operator="甲", notes=stored[0][1].description, handed_to="乙",
                                happened_at=HANDOVER)
    return engine, [item for _, item in stored], stored[0][0]


def no_raw_controls(text: str) -> bool:
    return not any((ord(char) < 0x20 and char not in "\n\f") or char in "\x7f\u202e\u2028" for char in text)


@pytest.mark.parametrize("lang", ["zh", "en"])
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(incidents=INCIDENTS)
def test_every_report_writes_and_holds_the_text(lang: str, incidents: list[Generated], tmp_path: Path,
                                                fresh_ledger: Callable[[], Path | str]) -> None:
    """Each example seeds a fresh ledger of its own (`fresh_ledger`), as its first shift and incidents."""
    engine, incidents, number = seeded(fresh_ledger(), incidents)
    with read_session(engine) as session:
        ledger_head = head(session)
    assert ledger_head is not None
    anchor = f"{ledger_head.seq}:{ledger_head.hash}"
    printed = Labels(lang)("printed", at="")
    for fmt in ("pdf", "html", "txt"):
        with clock.frozen(PRINTED):
            shift = write_shift_report(engine, fmt=fmt, output=tmp_path / f"shift.{fmt}", lang=lang, shift_id=1)
            incident = write_incident_report(engine, number, fmt=fmt, output=tmp_path / f"incident.{fmt}",
                                             lang=lang)
        first = incidents[0]
        if fmt == "pdf":
            shift_text, incident_text = pdf_text(shift), pdf_text(incident)
            texts = [drawable(shown(item.address, lines=True), glyphs()) for item in incidents]
            assert all(holds(shift_text, text) for text in texts)
            assert holds(shift_text, drawable(shown(first.description, lines=True), glyphs()))
            assert holds(incident_text, drawable(shown(first.description, lines=True), glyphs()))
            assert holds(incident_text, drawable(shown(first.caller, lines=True), glyphs()))
        elif fmt == "html":
            shift_text, incident_text = shift.read_text(encoding="utf-8"), incident.read_text(encoding="utf-8")
            assert "<script" not in shift_text + incident_text and no_raw_controls(shift_text + incident_text)
            assert all(escape(shown(item.description, lines=True)) in shift_text for item in incidents)
            assert escape(shown(first.address, lines=True)) in incident_text
        else:
            shift_text, incident_text = shift.read_text(encoding="utf-8"), incident.read_text(encoding="utf-8")
            assert no_raw_controls(shift_text) and no_raw_controls(incident_text)
            place = txt_column(shift_text, Labels(lang)("place_nature"), printed.strip())
            assert all(holds(place, shown(item.description, lines=True)) for item in incidents)
            assert holds(incident_text, shown(first.description, lines=True))
            assert holds(shift_text, shown(first.description, lines=True))
        assert squeezed(anchor) in squeezed(shift_text) and squeezed(anchor) in squeezed(incident_text)
    engine.dispose()


SEATED_NAME = "\x1b[31m值班员\x07 " + "Verylongsurnamewithoutanyspaces" * 3 + " \u202e反向\u202c\t[bold]末尾[/]"
"""An officer's name as a login can give it: escapes, a bell, a bidi override, a tab, markup, one unbroken word
longer than a column."""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_hostile_officer_name_prints_whole_and_visible_in_the_seat_table(lang: str, engine: Engine,
                                                                           tmp_path: Path) -> None:
    with clock.frozen(PRINTED), write_session(engine) as session:
        actions.start_shift(session=session, operator="甲", name="白班", officers=["甲"], happened_at=SHIFT_START)
        actions.sign_in(session=session, operator=SEATED_NAME, seat="dispatch", happened_at=at(5))
    name = shown(SEATED_NAME, lines=True)
    assert "␛" in name and "⟨U+202E⟩" in name
    labels = Labels(lang)
    for fmt in ("pdf", "html", "txt"):
        with clock.frozen(PRINTED):
            path = write_shift_report(engine, fmt=fmt, output=tmp_path / f"shift.{fmt}", lang=lang, shift_id=1)
        if fmt == "pdf":
            assert squeezed(drawable(name, glyphs())) in squeezed(pdf_text(path))
        elif fmt == "html":
            text = path.read_text(encoding="utf-8")
            assert no_raw_controls(text) and f"<td>{escape(name)}</td>" in text
        else:
            text = path.read_text(encoding="utf-8")
            officer = txt_column(text, labels("seated_officer"), labels("printed", at="").strip())
            assert no_raw_controls(text) and squeezed(name) in squeezed(officer)
