"""HTML rendering with print CSS: A4 pages, table headings repeated on each page, rows never split,
"page X of Y" in the page margin where the browser supports it. User text is escaped, never markup.
"""

from __future__ import annotations

from html import escape

from console.reports.document import Block, Chart, Document, Fields, Paragraph, Signatures, Table, shown_document

STYLE = """
@page { size: A4 portrait; margin: 15mm 15mm 18mm 15mm; }
body { font-family: "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  font-size: 9.5pt; color: #000; margin: 0 auto; max-width: 190mm; }
header { text-align: center; } header .center { font-size: 10pt; } header h1 { font-size: 16pt; margin: 2mm 0; }
.notice { color: #a00; text-align: center; font-size: 11pt; }
h2 { font-size: 11.5pt; border-bottom: 0.3mm solid #000; margin: 5mm 0 2mm; break-after: avoid; }
table { border-collapse: collapse; margin: 1mm 0 2mm; }
table { width: 100%; }
th, td { border: 0.2mm solid #444; padding: 0.8mm 1.2mm; text-align: left; vertical-align: top; white-space: pre-line;
  overflow-wrap: anywhere; }
th { background: #e1e1e1; font-weight: normal; }
thead { display: table-header-group; } tr { break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 3mm; margin: 0 0 2mm; }
dd { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
p { overflow-wrap: anywhere; } .signatures .anchor { font-size: 7.5pt; margin-top: 5mm; }
.chart { display: grid; grid-template-columns: max-content 1fr; gap: 0.6mm 2mm; align-items: center; }
.bar { background: #466eaa; height: 3mm; display: inline-block; vertical-align: middle; margin-right: 1.5mm;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.signatures p { margin: 9mm 0 0; } .line { display: inline-block; border-bottom: 0.2mm solid #000; width: 60mm; }
.line.short { width: 40mm; } footer { display: flex; justify-content: space-between; font-size: 7pt; color: #555; }
@media print { footer { display: none; } }
"""


def _fields(fields: Fields) -> str:
    items = "".join(f"<dt>{escape(label)}：</dt><dd>{escape(value)}</dd>" for label, value in fields.pairs)
    return f"<dl>{items}</dl>"


def _table(table: Table) -> str:
    if not table.rows:
        return f"<p>{escape(table.empty)}</p>"
    head = "".join(f"<th>{escape(column)}</th>" for column in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(value)}</td>" for value in row) + "</tr>" for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(chart: Chart) -> str:
    top = max((count for _, count in chart.bars), default=0) or 1
    rows = "".join(f'<span>{escape(label)}</span><span><span class="bar" style="width:{80 * count / top:.1f}%"></span>'
                   f"{count}</span>" for label, count in chart.bars)
    return f'<div class="chart">{rows}</div>'


def _signatures(signatures: Signatures) -> str:
    lines = "".join(f'<p>{escape(role)}：<span class="line"></span>　{escape(signatures.time_label)}：'
                    f'<span class="line short"></span></p>' for role in signatures.roles)
    return f'<div class="signatures">{lines}<p class="anchor">{escape(signatures.anchor)}</p></div>'


def _block(block: Block) -> str:
    if isinstance(block, Fields):
        return _fields(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return _chart(block)
    if isinstance(block, Signatures):
        return _signatures(block)
    assert isinstance(block, Paragraph)
    return f'<p style="white-space: pre-line">{escape(block.text)}</p>'


def _css_string(text: str) -> str:
    """`text` as a CSS string inside <style>: quotes, backslashes, line breaks and `<` escaped."""
    escaped = "".join(f"\\{ord(char):x} " if char in '\\"<>\n' else char for char in text)
    return f'"{escaped}"'


def render_html(document: Document) -> str:
    """A standalone HTML page of the document."""
    document = shown_document(document)
    page_label = document.page_label.replace("{page}", '" counter(page) "').replace("{pages}", '" counter(pages) "')
    margins = (f"@page {{ @bottom-left {{ content: {_css_string(document.printed)}; font-size: 7pt; }}"
               f' @bottom-right {{ content: "{page_label}"; font-size: 7pt; }} }}')
    sections = "".join(f"<section><h2>{escape(section.heading)}</h2>"
                       f"{''.join(_block(block) for block in section.blocks)}</section>"
                       for section in document.sections)
    notices = "".join(f'<p class="notice">{escape(notice)}</p>' for notice in document.notices)
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if document.lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{escape(document.center)} {escape(document.title)}</title><style>{STYLE}{margins}</style></head>"
            f'<body><header><div class="center">{escape(document.center)}</div><h1>{escape(document.title)}</h1>'
            f"{notices}</header>{sections}<footer><span>{escape(document.printed)}</span></footer></body></html>\n")
