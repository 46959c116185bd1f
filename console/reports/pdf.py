"""PDF rendering with fpdf2 and an embedded, subset Noto Sans SC face, so Chinese prints on any
machine: the font comes with the project's dependencies (pylopdf-fonts-zh-cn), never from the system.
"""

from __future__ import annotations

from fpdf import FPDF, FontFace
from fpdf.enums import WrapMode
from pylopdf_fonts_zh_cn import sans_path

from console.reports.document import Block, Chart, Document, Fields, Paragraph, Signatures, Table, column_widths

FONT = "NotoSansSC"
BODY_PT = 9
GREY = (225, 225, 225)
CELL_PADDING = 1.0
MIN_COLUMN_MM = 16.0


class _ReportPDF(FPDF):
    """A4 portrait with the center and title on every page, and "page X of Y" and print time below."""

    def __init__(self, document: Document) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document = document
        self.add_font(FONT, fname=str(sans_path()))
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
        self.ln(2)

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
    for label, value in fields.pairs:
        pdf.cell(label_width, 5.5, f"{label}{colon}")
        pdf.multi_cell(0, 5.5, value, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)


def _table(pdf: FPDF, table: Table) -> None:
    if not table.rows:
        pdf.multi_cell(0, 5.5, table.empty, new_x="LMARGIN", new_y="NEXT")
        return
    headings = FontFace(emphasis="", fill_color=GREY)
    natural = [max(pdf.get_string_width(line) for row in (table.columns, *table.rows)
                   for line in row[index].splitlines() or [""]) + 2 * CELL_PADDING + 0.5
               for index in range(len(table.columns))]
    widths = column_widths(natural, table.widths, pdf.epw, MIN_COLUMN_MM)
    with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", text_align="LEFT", line_height=4.6, headings_style=headings,
                   wrapmode=WrapMode.CHAR, padding=CELL_PADDING, repeat_headings=1) as grid:
        for values in (table.columns, *table.rows):
            row = grid.row()
            for value in values:
                row.cell(value)
    pdf.ln(1.5)


def _chart(pdf: FPDF, chart: Chart) -> None:
    """Horizontal bars, one per hour, scaled to the busiest hour."""
    top = max((count for _, count in chart.bars), default=0)
    label_width, height, room = 14.0, 4.2, pdf.epw - 30
    pdf.set_fill_color(70, 110, 170)
    for label, count in chart.bars:
        if pdf.will_page_break(height):
            pdf.add_page()
        y = pdf.get_y()
        pdf.cell(label_width, height, label)
        if count:
            pdf.rect(pdf.l_margin + label_width, y + 0.7, room * count / top, height - 1.4, style="F")
        pdf.set_x(pdf.l_margin + label_width + (room * count / top if top else 0) + 1.5)
        pdf.cell(12, height, str(count), new_x="LMARGIN", new_y="NEXT")


def _signatures(pdf: FPDF, signatures: Signatures, colon: str) -> None:
    if pdf.will_page_break(12 * len(signatures.roles) + 4):
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


def _block(pdf: FPDF, block: Block, colon: str) -> None:
    pdf.set_font(FONT, size=BODY_PT)
    if isinstance(block, Fields):
        _fields(pdf, block, colon)
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, Chart):
        _chart(pdf, block)
    elif isinstance(block, Signatures):
        _signatures(pdf, block, colon)
    else:
        assert isinstance(block, Paragraph)
        pdf.multi_cell(0, 5, block.text, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes, the font subset to the characters used."""
    pdf = _ReportPDF(document)
    colon = "：" if document.lang == "zh" else ": "
    pdf.add_page()
    pdf.set_font(FONT, size=10)
    pdf.cell(0, 6, document.center, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=16)
    pdf.cell(0, 9, document.title, align="C", new_x="LMARGIN", new_y="NEXT")
    for notice in document.notices:
        pdf.set_font(FONT, size=11)
        pdf.set_text_color(170, 0, 0)
        pdf.multi_cell(0, 7, notice, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
    for section in document.sections:
        if pdf.will_page_break(40):
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FONT, size=11.5)
        pdf.cell(0, 7, section.heading, new_x="LMARGIN", new_y="NEXT", border="B")
        pdf.ln(1.5)
        for block in section.blocks:
            _block(pdf, block, colon)
    return bytes(pdf.output())
