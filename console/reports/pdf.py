"""PDF rendering with fpdf2 and an embedded, subset Noto Sans SC face, so Chinese prints on any
machine: the font comes with the project's dependencies (pylopdf-fonts-zh-cn), never from the system.
"""

from __future__ import annotations

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, WrapMode
from fpdf.fonts import TTFFont
from fpdf.util import Padding
from pylopdf_fonts_zh_cn import sans_path

from console.reports.document import (
    BlockLayout,
    Chart,
    Document,
    Fields,
    Paragraph,
    Signatures,
    Table,
    Timeline,
    column_widths,
    map_text,
    measured,
    packed,
    packed_names,
    shown_document,
    timeline_ticks,
)

FONT = "NotoSansSC"
BODY_PT = 9
LINE_MM = 4.6
GREY = (225, 225, 225)
CELL_PADDING = 1.0
HEADER_MM = 6.0
"""The running header above the body of every page after the first."""

CONTROL_NAMES = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
                 "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS",
                 "US", "SP", "DEL"]
"""The names of the characters that U+2400–U+2421 picture, for a face without those pictures."""

BRACKETS = {"\u27e8": "<", "\u27e9": ">"}
"""The brackets of `⟨U+202E⟩` (model.display) in ASCII, for a face without them."""


def drawable(text: str, glyphs: frozenset[str]) -> str:
    """`text` with every character not in `glyphs` (what the face can draw) spelled out, so that
    nothing is silently left off the page."""
    if glyphs.issuperset(text):
        return text
    return "".join(character if character in glyphs else spelled(character) for character in text)


def spelled(character: str) -> str:
    """A character the face cannot draw, spelled in ASCII: ␛ as <ESC>, ⟨ as <, others as <U+XXXX>."""
    code = ord(character)
    if 0x2400 <= code < 0x2400 + len(CONTROL_NAMES):
        return f"<{CONTROL_NAMES[code - 0x2400]}>"
    return BRACKETS.get(character, f"<U+{code:04X}>")


class _ReportPDF(FPDF):
    """A4 portrait with the center and title on every page, and "page X of Y" and print time below."""

    def __init__(self, document: Document) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document = document
        self.add_font(FONT, fname=str(sans_path()))
        face = self.fonts[FONT.lower()]
        assert isinstance(face, TTFFont)
        self.glyphs = frozenset(map(chr, face.cmap)) | {"\n"}
        """What the face can draw, the line feed included."""
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(f"{document.center} {document.title}")
        self.set_creator("linkdesk")

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, size=7)
        self.set_text_color(90)
        self.cell(0, 4, f"{self.document.center} · {self.document.title}", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.ln(HEADER_MM - 4)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, size=7)
        self.set_text_color(90)
        self.cell(0, 5, self.document.printed, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, self.document.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages), align="R")
        self.set_text_color(0)


def _fields(pdf: FPDF, fields: Fields, colon: str) -> None:
    label_width = max(pdf.get_string_width(f"{label}{colon}") for label, _ in fields.pairs) + 3
    for index, (label, value) in enumerate(fields.pairs):
        pdf.cell(label_width, 5.5, f"{label}{colon}")
        if index in fields.lists:  # multi_cell(0) runs to the right margin, less its padding a side
            room = pdf.w - pdf.r_margin - pdf.get_x() - 2 * pdf.c_margin
            value = packed_names(value.splitlines(), fields.joiner, room, pdf.get_string_width)
        pdf.multi_cell(0, 5.5, value, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.WORD)


def _lines(pdf: FPDF, text: str, width: float) -> list[str]:
    """`text` as a table cell of `width` breaks it: at spaces, and inside a word only when it must."""
    lines = pdf.multi_cell(width, LINE_MM, text, dry_run=True, output=MethodReturnValue.LINES,
                           wrapmode=WrapMode.WORD, padding=Padding.new(CELL_PADDING))
    assert isinstance(lines, list)
    return lines or [""]


def _split_row(pdf: FPDF, row: tuple[str, ...], widths: list[float], most: int,
               continued: str) -> list[tuple[str, ...]]:
    """The row as it prints: whole when it fits a page, else in parts of at most `most` lines each,
    every part after the first headed by the row's first line and `continued`, so the row goes on
    across pages instead of failing."""
    if all(len(value) <= most and value.count("\n") < most for value in row):
        return [row]
    cells = [_lines(pdf, value, width) for value, width in zip(row, widths, strict=True)]
    depth = max(len(lines) for lines in cells)
    if depth <= most:
        return [row]
    first = f"{cells[0][0]}\n{continued}"
    parts = []
    for start in range(0, depth, most):
        part = ["\n".join(lines[start:start + most]) for lines in cells]
        if start and not part[0]:
            part[0] = first
        parts.append(tuple(part))
    return parts


def _table(pdf: _ReportPDF, table: Table) -> None:
    if not table.rows:
        pdf.multi_cell(0, 5.5, table.empty, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.WORD)
        return
    headings = FontFace(emphasis="", fill_color=GREY)
    padding = 2 * CELL_PADDING + 0.5
    natural, words = measured(table, pdf.get_string_width, padding)
    widths = column_widths(natural, words, table.widths, pdf.epw - 0.01)
    heading_lines = max(len(_lines(pdf, column, width)) for column, width in zip(table.columns, widths, strict=True))
    room = pdf.eph - HEADER_MM - (heading_lines + 2) * LINE_MM - 4 * CELL_PADDING
    most = max(1, int(room / LINE_MM))
    with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", text_align="LEFT", line_height=LINE_MM,
                   headings_style=headings, wrapmode=WrapMode.WORD, padding=CELL_PADDING, repeat_headings=1) as grid:
        rows = (packed(table, row, widths, pdf.get_string_width, padding) for row in table.rows)
        for values in (table.columns, *(part for row in rows
                                         for part in _split_row(pdf, row, widths, most, pdf.document.continued))):
            line = grid.row()
            for value in values:
                line.cell(value)
    pdf.ln(1.5)


def _chart(pdf: FPDF, chart: Chart) -> None:
    """Horizontal bars, one per hour, scaled to the busiest hour."""
    top = max((count for _, count in chart.bars), default=0)
    widest = max((pdf.get_string_width(label) for label, _ in chart.bars), default=0.0) + 2
    label_width, height = max(14.0, min(60.0, widest)), 4.2
    room = pdf.epw - label_width - 16
    pdf.set_fill_color(70, 110, 170)
    for label, count in chart.bars:
        if pdf.will_page_break(height):
            pdf.add_page()
        y = pdf.get_y()
        shown_label = label
        while shown_label and pdf.get_string_width(shown_label) > label_width - 1:
            shown_label = shown_label[:-1]
        pdf.cell(label_width, height, shown_label)
        if count:
            pdf.rect(pdf.l_margin + label_width, y + 0.7, room * count / top, height - 1.4, style="F")
        pdf.set_x(pdf.l_margin + label_width + (room * count / top if top else 0) + 1.5)
        pdf.cell(12, height, str(count), new_x="LMARGIN", new_y="NEXT")


TONES = {"inject": (70, 110, 170), "on_time": (58, 138, 58), "late": (208, 138, 0), "missed": (192, 48, 48),
         "not_due": (185, 185, 185)}
"""Fill colours of timeline rows by how they went."""


def _axis(pdf: FPDF, timeline: Timeline, left: float, track: float, height: float) -> None:
    span = max(timeline.span, 1.0)
    y = pdf.get_y()
    pdf.set_font(FONT, size=7)
    pdf.cell(left - pdf.l_margin, height, timeline.axis)
    for minute in timeline_ticks(span):
        x = left + track * minute / span
        text = str(minute)
        pdf.text(x - pdf.get_string_width(text) / 2, y + height - 1.2, text)
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_xy(pdf.l_margin, y + height)


def _timeline(pdf: FPDF, timeline: Timeline) -> None:
    """A row per inject and expected action on one minute axis: a diamond for an inject, a bar from
    where the clock started to when it was done (green on time, amber late, hatched red missed, up to
    the end), a black tick at the deadline; light grid lines at the axis marks."""
    span = max(timeline.span, 1.0)
    label_width, note_width, height = 58.0, 16.0, 5.0
    left = pdf.l_margin + label_width
    track = pdf.epw - label_width - note_width
    if pdf.will_page_break(height * 3):
        pdf.add_page()
    _axis(pdf, timeline, left, track, height)
    for row in timeline.rows:
        if pdf.will_page_break(height):
            pdf.add_page()
            _axis(pdf, timeline, left, track, height)
        y = pdf.get_y()
        pdf.set_draw_color(215)
        for minute in timeline_ticks(span):
            pdf.line(left + track * minute / span, y, left + track * minute / span, y + height)
        pdf.set_draw_color(0)
        pdf.set_font(FONT, size=7.5)
        label = row.label
        while label and pdf.get_string_width(label) > label_width - 2:
            label = label[:-1]
        pdf.cell(label_width, height, label + ("…" if label != row.label else ""))
        x = lambda minute: left + track * min(max(minute, 0.0), span) / span  # noqa: E731
        pdf.set_fill_color(*TONES.get(row.tone, TONES["on_time"]))
        if row.end is None and row.tone != "missed":
            centre, middle = x(row.start), y + height / 2
            pdf.polygon([(centre, middle - 1.6), (centre + 1.6, middle), (centre, middle + 1.6),
                         (centre - 1.6, middle)], style="F")
        else:
            finish = x(row.end if row.end is not None else span)
            start = x(row.start)
            if row.tone == "missed":
                dash = start
                while dash < finish:
                    pdf.rect(dash, y + 1.4, min(1.6, finish - dash), height - 2.8, style="F")
                    dash += 2.6
            else:
                pdf.rect(start, y + 1.4, max(finish - start, 0.6), height - 2.8, style="F")
            if row.deadline is not None:
                pdf.set_line_width(0.5)
                pdf.line(x(row.deadline), y + 0.5, x(row.deadline), y + height - 0.5)
                pdf.set_line_width(0.2)
        pdf.set_xy(left + track + 1, y)
        pdf.cell(note_width - 1, height, row.note, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=BODY_PT)
    pdf.ln(1.5)
    pdf.multi_cell(0, 4.5, timeline.legend, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.WORD)


def _signatures(pdf: FPDF, signatures: Signatures, colon: str) -> None:
    if pdf.will_page_break(12 * len(signatures.roles) + 14):
        pdf.add_page()
    for role in signatures.roles:
        pdf.ln(7)
        y = pdf.get_y() + 5
        pdf.cell(pdf.get_string_width(f"{role}{colon}") + 2, 5, f"{role}{colon}")
        start = pdf.get_x()
        pdf.line(start, y, start + 60, y)
        pdf.set_x(start + 66)
        pdf.cell(pdf.get_string_width(f"{signatures.time_label}{colon}") + 2, 5, f"{signatures.time_label}{colon}")
        pdf.line(pdf.get_x(), y, pdf.get_x() + 40, y)
        pdf.ln(5)
    pdf.ln(5)
    pdf.set_font(FONT, size=7.5)
    pdf.multi_cell(0, 4, signatures.anchor, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.WORD)


def _paragraph(pdf: _ReportPDF, paragraph: Paragraph) -> None:
    pdf.multi_cell(0, 5, paragraph.text, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.WORD)


def _layout(pdf: _ReportPDF, colon: str) -> BlockLayout[None]:
    """How each kind of block is drawn on `pdf`."""
    return BlockLayout(
        fields=lambda block: _fields(pdf, block, colon), table=lambda block: _table(pdf, block),
        chart=lambda block: _chart(pdf, block), timeline=lambda block: _timeline(pdf, block),
        signatures=lambda block: _signatures(pdf, block, colon),
        paragraph=lambda block: _paragraph(pdf, block))


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes, the font subset to the characters used."""
    pdf = _ReportPDF(shown_document(document))
    document = pdf.document = map_text(pdf.document, lambda text: drawable(text, pdf.glyphs))
    layout = _layout(pdf, document.colon)
    pdf.add_page()
    pdf.set_font(FONT, size=10)
    pdf.multi_cell(0, 6, document.center, align="C", new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.WORD)
    pdf.set_font(FONT, size=16)
    pdf.multi_cell(0, 9, document.title, align="C", new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.WORD)
    for notice in document.notices:
        pdf.set_font(FONT, size=11)
        pdf.set_text_color(170, 0, 0)
        pdf.multi_cell(0, 7, notice, align="C", new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.WORD)
        pdf.set_text_color(0)
    for section in document.sections:
        if pdf.will_page_break(40):
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FONT, size=11.5)
        pdf.multi_cell(0, 7, section.heading, align="L", new_x="LMARGIN", new_y="NEXT", border="B",
                       wrapmode=WrapMode.WORD)
        pdf.ln(1.5)
        for block in section.blocks:
            pdf.set_font(FONT, size=BODY_PT)
            layout(block)
    return bytes(pdf.output())
