"""A printed report as a neutral document: sections of field lists, tables, paragraphs and a chart.

The layout modules build one of these from gathered data and labels; the PDF, HTML and text
renderers each lay out any document, so a report's content is decided once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fields:
    """Label–value pairs, one per line."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """Columns with relative widths; `empty` is printed instead of a table without rows."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]
    empty: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Chart:
    """A bar per label (reports per hour)."""

    bars: tuple[tuple[str, int], ...]
    unit: str


@dataclass(frozen=True)
class Signatures:
    """Lines to sign by hand: one per role, each with a place for the time."""

    roles: tuple[str, ...]
    time_label: str


def column_widths(natural: list[float], weights: tuple[int, ...], room: float, minimum: float) -> list[float]:
    """Narrow columns (numbers, times, levels) as wide as their longest line, narrowest first, while
    the others keep at least `minimum` each; the wide ones share what is left by weight.

    Shared by the renderers, each measuring in its own unit (cells of text, millimetres of PDF).
    """
    widths: dict[int, float] = {}
    for index in sorted(range(len(natural)), key=lambda column: natural[column]):
        others = len(natural) - len(widths) - 1
        if natural[index] <= room - sum(widths.values()) - minimum * others:
            widths[index] = natural[index]
    left = room - sum(widths.values())
    open_columns = [index for index in range(len(natural)) if index not in widths]
    weight = sum(weights[index] for index in open_columns)
    for index in open_columns:
        widths[index] = max(minimum, left * weights[index] / weight)
    return [widths[index] for index in range(len(natural))]


Block = Fields | Table | Paragraph | Chart | Signatures


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """`page_label` has {page} and {pages} to fill; `notices` stand out under the title."""

    title: str
    center: str
    notices: tuple[str, ...]
    sections: tuple[Section, ...]
    printed: str
    page_label: str
    lang: str
