"""A printed report as a neutral document: sections of field lists, tables, paragraphs and a chart.

The layout modules build one of these from gathered data and labels; the PDF, HTML and text
renderers each lay out any document, so a report's content is decided once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from model.display import shown


@dataclass(frozen=True)
class Fields:
    """Label–value pairs, one per line."""

    pairs: tuple[tuple[str, str], ...]
    lists: tuple[int, ...] = ()
    """Pairs whose values list names, one a line (the officers on duty): joined and broken as a
    `Table`'s list cells are (`packed_names`)."""
    joiner: str = ", "


@dataclass(frozen=True)
class Table:
    """Columns with relative widths; `empty` is printed instead of a table without rows."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]
    empty: str
    lists: tuple[int, ...] = ()
    """Columns whose cells list names, one a line (a seat's roles): each renderer joins them with
    `joiner`, as many to a line as fit, and breaks lines between names, never inside one."""
    joiner: str = ", "


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Chart:
    """A bar per label (reports per hour)."""

    bars: tuple[tuple[str, int], ...]
    unit: str


@dataclass(frozen=True)
class TimelineRow:
    """One line of a timeline: a span from `start` to `end` (drill minutes), or a point when `end` is None.

    `tone` says how it went: inject, on_time, late, missed or not_due; `deadline` is the minute it was due.
    """

    label: str
    start: float
    end: float | None
    deadline: float | None
    tone: str
    note: str


@dataclass(frozen=True)
class Timeline:
    """Rows on one time axis from 0 to `span` minutes (a drill's injects and the desk's actions)."""

    rows: tuple[TimelineRow, ...]
    span: float
    axis: str
    """The axis' name and unit, such as "drill minute"."""
    legend: str


def timeline_ticks(span: float, most: int = 12) -> list[int]:
    """Minutes to mark on a timeline's axis: a round step (1, 2, 5, 10, 15, 30, 60 …) giving at most `most` marks."""
    for step in (1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 480, 1440):
        if span / step <= most:
            return list(range(0, int(span) + 1, step))
    return [0, int(span)]


@dataclass(frozen=True)
class Signatures:
    """Lines to sign by hand: one per role, each with a place for the time."""

    roles: tuple[str, ...]
    time_label: str
    anchor: str
    """The ledger's head when printed, so the paper anchors the chain (`ledger verify --anchor`)."""


WORD_SHARE = 0.3
"""The most of a table's width that one unbroken word may claim before it is broken too."""

WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
"""Chinese, Japanese and Korean characters (and full-width forms): lines may break between any two."""

WORDS = re.compile(f"[{WIDE}]{{1,4}}|[^\\s{WIDE}]+")
"""What a column should be wide enough to hold unbroken: a run of letters, digits and signs
without a space (a number, a time, an English word), or four Chinese characters, so that a
short name (未定级, 接报时间) stays whole while longer Chinese breaks anywhere."""


def column_widths(natural: list[float], words: list[float], weights: tuple[int, ...], room: float) -> list[float]:
    """Widths of a table's columns that always add up to no more than `room`.

    Every column first gets its longest word (a number, a time), capped at WORD_SHARE of the
    room; the room left goes to the columns whose lines are longer than that, by weight, none
    wider than its longest line. So narrow columns (numbers, times, levels) stay whole and the
    place and description, which weigh most, take the rest. If even the words do not fit, the
    longest are cut down first and break.

    Shared by the renderers, each measuring in its own unit (cells of text, millimetres of PDF).
    """
    weights = tuple(max(1, weight) for weight in weights)
    widths = _cut_to(room, [min(word, width, room * WORD_SHARE) for word, width in zip(words, natural, strict=True)])
    left = room - sum(widths)
    growing = [index for index in range(len(natural)) if natural[index] > widths[index]]
    while growing and left > 0:
        weight = sum(weights[index] for index in growing)
        share = {index: left * weights[index] / weight for index in growing}
        whole = [index for index in growing if natural[index] - widths[index] <= share[index]]
        if not whole:
            for index in growing:
                widths[index] += share[index]
            break
        for index in whole:
            left -= natural[index] - widths[index]
            widths[index] = natural[index]
        growing = [index for index in growing if index not in whole]
    return widths


def _cut_to(room: float, floors: list[float]) -> list[float]:
    """`floors` with the largest lowered to one common width, just enough to fit `room`."""
    if sum(floors) <= room:
        return list(floors)
    ordered = sorted(floors, reverse=True)
    for count in range(1, len(ordered) + 1):
        level = (room - sum(ordered[count:])) / count
        if count == len(ordered) or level >= ordered[count]:
            return [min(floor, level) for floor in floors]
    return list(floors)


def measured(table: Table, measure: Callable[[str], float], padding: float) -> tuple[list[float], list[float]]:
    """Each column's longest line and longest word, measured by the renderer, plus its cell padding.

    The weightiest column (the place and what happened) keeps runs of Chinese whole as well, so a
    place name such as 港城大道测试点77号 gets the room for one line; elsewhere Chinese breaks anywhere.
    A list column's line is all its names on one line, and its word a name with its joiner.
    """
    heaviest = table.widths.index(max(table.widths))
    natural, words = [], []
    for index in range(len(table.columns)):
        if index in table.lists:
            listed = [row[index].splitlines() for row in table.rows]
            natural.append(max([measure(table.columns[index]), *(measure(table.joiner.join(names))
                                                                 for names in listed)]) + padding)
            words.append(max((measure(name + table.joiner.rstrip()) for names in listed for name in names),
                             default=0.0) + padding)
            continue
        cells = [row[index] for row in (table.columns, *table.rows)]
        natural.append(max(measure(line) for cell in cells for line in cell.splitlines() or [""]) + padding)
        pieces = (cell.split() if index == heaviest else WORDS.findall(cell) for cell in cells)
        words.append(max((measure(piece) for found in pieces for piece in found), default=0.0) + padding)
    return natural, words


def packed_names(names: list[str], joiner: str, room: float, measure: Callable[[str], float]) -> str:
    """`names` joined with `joiner`, as many to a line as fit `room`: the lines break between names.
    A name wider than the room has a line of its own, which the renderer breaks as it must."""
    lines, line = [], ""
    for number, name in enumerate(names):
        piece = name + (joiner if number < len(names) - 1 else "")
        if line and measure(line + piece.rstrip()) > room:
            lines.append(line.rstrip())
            line = ""
        line += piece
    return "\n".join([*lines, line.rstrip()])


def packed(table: Table, row: tuple[str, ...], widths: list[float], measure: Callable[[str], float],
           padding: float) -> tuple[str, ...]:
    """The row with each list cell's names packed into its column, less the cell's padding (`packed_names`)."""
    if not table.lists:
        return row
    cells = list(row)
    for index in table.lists:
        cells[index] = packed_names(cells[index].splitlines(), table.joiner, widths[index] - padding, measure)
    return tuple(cells)


Block = Fields | Table | Paragraph | Chart | Timeline | Signatures
R = TypeVar("R")


@dataclass(frozen=True)
class BlockLayout(Generic[R]):
    """What to do with each kind of block (a renderer's layout of it, a change of its text):
    `layout(block)` runs the one for the block's kind, the one dispatch every renderer shares."""

    fields: Callable[[Fields], R]
    table: Callable[[Table], R]
    chart: Callable[[Chart], R]
    timeline: Callable[[Timeline], R]
    signatures: Callable[[Signatures], R]
    paragraph: Callable[[Paragraph], R]

    def __call__(self, block: Block) -> R:
        if isinstance(block, Fields):
            return self.fields(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Chart):
            return self.chart(block)
        if isinstance(block, Timeline):
            return self.timeline(block)
        if isinstance(block, Signatures):
            return self.signatures(block)
        return self.paragraph(block)


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """`page_label` has {page} and {pages} to fill; `notices` stand out under the title; `continued`
    marks the part of a table row carried over to the next page."""

    title: str
    center: str
    notices: tuple[str, ...]
    sections: tuple[Section, ...]
    printed: str
    page_label: str
    lang: str
    continued: str

    @property
    def colon(self) -> str:
        """What follows a label: the full-width colon in Chinese, a colon and a space in English."""
        return "：" if self.lang == "zh" else ": "


def map_text(document: Document, change: Callable[[str], str]) -> Document:
    """The same document with `change` applied to every string it prints."""

    block: BlockLayout[Block] = BlockLayout(
        fields=lambda item: replace(item, pairs=tuple((change(label), change(value)) for label, value in item.pairs)),
        table=lambda item: replace(item, columns=tuple(map(change, item.columns)), empty=change(item.empty),
                                   rows=tuple(tuple(map(change, row)) for row in item.rows)),
        chart=lambda item: Chart(tuple((change(label), count) for label, count in item.bars), change(item.unit)),
        timeline=lambda item: replace(item, axis=change(item.axis), legend=change(item.legend), rows=tuple(
            replace(row, label=change(row.label), note=change(row.note)) for row in item.rows)),
        signatures=lambda item: Signatures(tuple(map(change, item.roles)), change(item.time_label),
                                           change(item.anchor)),
        paragraph=lambda item: Paragraph(change(item.text)))

    return replace(document, title=change(document.title), center=change(document.center),
                   notices=tuple(map(change, document.notices)), printed=change(document.printed),
                   page_label=change(document.page_label), continued=change(document.continued),
                   sections=tuple(Section(change(section.heading), tuple(map(block, section.blocks)))
                                  for section in document.sections))


def shown_document(document: Document) -> Document:
    """The document as every renderer prints it: all its text through the one display rule, line
    feeds kept (cells stack short lines), every other control, format or bidi character made visible."""
    return map_text(document, lambda text: shown(text, lines=True))
