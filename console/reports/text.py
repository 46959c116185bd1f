"""Plain-text rendering for a monospaced printer: CJK characters take two columns, so widths are
counted in terminal cells, never in characters, and every column lines up.
"""

from __future__ import annotations

from rich.cells import cell_len

from console.reports.document import (
    BlockLayout,
    Chart,
    Document,
    Fields,
    Signatures,
    Table,
    Timeline,
    column_widths,
    measured,
    packed,
    packed_names,
    shown_document,
    timeline_ticks,
)

LINE_WIDTH = 100
PAGE_LINES = 64
"""Cells per line and lines per page of a 10-cpi printer on A4 with margins."""

NARROWEST = 2
"""Cells a column keeps at the least, so that a Chinese character still fits."""

BAR = "#"
"""ASCII on purpose: block characters are East Asian "ambiguous" width and break the columns."""


def wrap(text: str, width: int) -> list[str]:
    """Split `text` into lines of at most `width` cells, at line breaks, else at the last space
    that fits, and inside a word (or a run of Chinese) only where it must."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0
        for char in paragraph:
            size = cell_len(char)
            if used + size > width and line:
                cut = line.rfind(" ")
                if char == " ":
                    lines.append(line)
                    line, used = "", 0
                    continue
                lines.append(line[:cut] if cut > 0 else line)
                line = line[cut + 1:] if cut > 0 else ""
                used = cell_len(line)
            line += char
            used += size
        lines.append(line)
    return lines


def pad(text: str, width: int) -> str:
    """`text` filled with spaces to exactly `width` cells."""
    return text + " " * max(0, width - cell_len(text))


def _column_widths(table: Table, room: int) -> list[int]:
    natural, words = measured(table, cell_len, 0)
    return [max(NARROWEST, int(width)) for width in column_widths(natural, words, table.widths, room)]


def _table(table: Table) -> list[list[str]]:
    if not table.rows:
        return [[table.empty]]
    widths = _column_widths(table, LINE_WIDTH - (len(table.columns) - 1) * 2)
    groups: list[list[str]] = []
    for index, row in enumerate((table.columns, *(packed(table, row, widths, cell_len, 0) for row in table.rows))):
        cells = [wrap(value, width) for value, width in zip(row, widths, strict=True)]
        lines = ["  ".join(pad(cell[depth] if depth < len(cell) else "", width)
                           for cell, width in zip(cells, widths, strict=True)).rstrip()
                 for depth in range(max(len(cell) for cell in cells))]
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
        groups.append(lines)
    return groups


def _fields(fields: Fields, colon: str) -> list[str]:
    label_width = max(cell_len(label + colon) for label, _ in fields.pairs)
    out: list[str] = []
    for index, (label, value) in enumerate(fields.pairs):
        if index in fields.lists:
            value = packed_names(value.splitlines(), fields.joiner, LINE_WIDTH - label_width, cell_len)
        for depth, line in enumerate(wrap(value, LINE_WIDTH - label_width)):
            out.append(pad(label + colon if depth == 0 else "", label_width) + line)
    return out


def _chart(chart: Chart) -> list[str]:
    top = max((count for _, count in chart.bars), default=0)
    label_width = max((cell_len(label) for label, _ in chart.bars), default=0) + 1
    scale = max(1, -(-top // (LINE_WIDTH - label_width - 8)))
    return [f"{pad(label, label_width)}{BAR * -(-count // scale) if count else ''} {count}" for label,
            count in chart.bars]


TIMELINE_MARKS = {"inject": "*", "on_time": "o", "late": "!", "missed": "x", "not_due": "."}
"""The end mark of a timeline row in text, by how it went (ASCII, for the same reason as BAR)."""


def _cut(text: str, width: int) -> str:
    line = wrap(text, width)[0]
    return line if line == text else wrap(text, width - 1)[0] + "…"


def _timeline(timeline: Timeline) -> list[str]:
    """Each row as a track of cells: `|` where it starts, `-` while it runs, `D` at its deadline and
    the mark of how it went at its end (a missed row runs to the end of the drill)."""
    label_width, note_width = 30, 9
    track = LINE_WIDTH - label_width - note_width - 2
    span = max(timeline.span, 1.0)
    cell = lambda minute: min(track - 1, max(0, round(minute / span * (track - 1))))  # noqa: E731
    axis = [" "] * track
    numbers = [" "] * (track + 6)
    for minute in timeline_ticks(span):
        axis[cell(minute)] = "+"
        text = str(minute)
        at = cell(minute)
        if all(char == " " for char in numbers[max(0, at - 1):at + len(text) + 1]):
            numbers[at:at + len(text)] = list(text)
    lines = [pad(timeline.axis, label_width) + "  " + "".join(numbers).rstrip(),
             " " * label_width + "  " + "".join(axis)]
    for row in timeline.rows:
        cells = [" "] * track
        mark = TIMELINE_MARKS.get(row.tone, "o")
        if row.end is None and row.tone != "missed":
            cells[cell(row.start)] = mark
        else:
            finish = row.end if row.end is not None else span
            for index in range(cell(row.start), cell(finish) + 1):
                cells[index] = "-" if row.tone != "missed" else "."
            cells[cell(row.start)] = "|"
            if row.deadline is not None:
                cells[cell(row.deadline)] = "D"
            cells[cell(finish)] = mark
        lines.append(pad(_cut(row.label, label_width), label_width) + "  " + "".join(cells) + " " + row.note)
    return [*lines, "", *wrap(timeline.legend, LINE_WIDTH)]


def _signatures(signatures: Signatures, colon: str) -> list[str]:
    lines = [line for role in signatures.roles
             for line in ("", f"{role}{colon}{'_' * 24}    {signatures.time_label}{colon}{'_' * 20}")]
    return [*lines, "", *wrap(signatures.anchor, LINE_WIDTH)]


def _layout(colon: str) -> BlockLayout[list[list[str]]]:
    """The lines of a block, in groups that must stay on one page."""
    return BlockLayout(
        fields=lambda block: [_fields(block, colon)], table=_table, chart=lambda block: [_chart(block)],
        timeline=lambda block: [_timeline(block)], signatures=lambda block: [_signatures(block, colon)],
        paragraph=lambda block: [wrap(block.text, LINE_WIDTH)])


def body_groups(document: Document) -> list[list[str]]:
    """The document's lines in groups that must stay on one page (a table row, a heading)."""
    groups = [[document.center, document.title, "=" * LINE_WIDTH,
               *(f"*** {notice} ***" for notice in document.notices)]]
    layout = _layout(document.colon)
    for section in document.sections:
        blocks = [group for block in section.blocks for group in layout(block)]
        groups.append(["", section.heading, "-" * cell_len(section.heading), *blocks[0]])
        groups += blocks[1:]
    return groups


def _paginate(groups: list[list[str]], per_page: int) -> list[list[str]]:
    """Groups kept on one page where they fit one; a longer group (a very long row or note) starts
    a page and runs on over as many as it needs."""
    pages: list[list[str]] = [[]]
    for group in groups:
        if pages[-1] and len(pages[-1]) + len(group) > per_page:
            pages.append([])
        for start in range(0, len(group), per_page):
            if start:
                pages.append([])
            pages[-1].extend(group[start:start + per_page])
    return pages


def render_text(document: Document) -> str:
    """The document as pages separated by form feeds, each ending with "page X of Y" and the print time."""
    per_page = PAGE_LINES - 2
    pages = _paginate(body_groups(shown_document(document)), per_page)
    out = []
    for number, page in enumerate(pages, start=1):
        label = document.page_label.format(page=number, pages=len(pages))
        footer = pad(document.printed, LINE_WIDTH - cell_len(label)) + label
        out.append("\n".join([*page, *([""] * (per_page - len(page))), "", footer]))
    return "\f\n".join(out) + "\n"
