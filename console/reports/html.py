"""HTML rendering with print CSS: A4 pages, table headings repeated on each page, rows never split,
"page X of Y" in the page margin where the browser supports it. User text is escaped, never markup.
"""

from __future__ import annotations

from html import escape

from console.reports.document import (
    BlockLayout,
    Chart,
    Document,
    Fields,
    Signatures,
    Table,
    Timeline,
    shown_document,
    timeline_ticks,
)

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
th { background: #e1e1e1; font-weight: normal; } .name { white-space: nowrap; }
thead { display: table-header-group; } tr { break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 3mm; margin: 0 0 2mm; }
dd { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
p { overflow-wrap: anywhere; } .signatures .anchor { font-size: 7.5pt; margin-top: 5mm; }
.chart { display: grid; grid-template-columns: max-content 1fr; gap: 0.6mm 2mm; align-items: center; }
.bar { background: #466eaa; height: 3mm; display: inline-block; vertical-align: middle; margin-right: 1.5mm;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.timeline { display: grid; grid-template-columns: 55mm 1fr 16mm; gap: 0.8mm 2mm; align-items: center; }
.track { position: relative; height: 3.4mm; border-left: 0.2mm solid #999; background: repeating-linear-gradient(
  90deg, transparent 0 9.9%, #ddd 9.9% 10%); }
.track span { position: absolute; top: 0.7mm; height: 2mm;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.track .inject { width: 2mm; margin-left: -1mm; background: #466eaa; transform: rotate(45deg); }
.track .on_time { background: #3a8a3a; } .track .late { background: #d08a00; }
.track .missed { background: repeating-linear-gradient(90deg, #c03030 0 1.5mm, transparent 1.5mm 2.5mm); }
.track .not_due { background: #bbb; } .track .deadline { top: 0; height: 3.4mm; width: 0.5mm; background: #000; }
.axis { position: relative; height: 3.4mm; font-size: 7pt; }
.axis span { position: absolute; transform: translateX(-50%); }
.signatures p { margin: 9mm 0 0; } .line { display: inline-block; border-bottom: 0.2mm solid #000; width: 60mm; }
.line.short { width: 40mm; } footer { display: flex; justify-content: space-between; font-size: 7pt; color: #555; }
@media print { footer { display: none; } }
"""


def _fields(fields: Fields, colon: str) -> str:
    items = "".join(f"<dt>{escape(label + colon)}</dt><dd>"
                    f"{_listed(value, fields.joiner) if index in fields.lists else escape(value)}</dd>"
                    for index, (label, value) in enumerate(fields.pairs))
    return f"<dl>{items}</dl>"


def _listed(names: str, joiner: str) -> str:
    """A list cell's names, each kept on one line, the lines free to break after a joiner."""
    return f"{escape(joiner)}<wbr>".join(f'<span class="name">{escape(name)}</span>' for name in names.splitlines())


def _table(table: Table) -> str:
    if not table.rows:
        return f"<p>{escape(table.empty)}</p>"
    head = "".join(f"<th>{escape(column)}</th>" for column in table.columns)

    def cell(index: int, value: str) -> str:
        return _listed(value, table.joiner) if index in table.lists else escape(value)

    body = "".join("<tr>" + "".join(f"<td>{cell(index, value)}</td>" for index, value in enumerate(row)) + "</tr>"
                   for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(chart: Chart) -> str:
    top = max((count for _, count in chart.bars), default=0) or 1
    rows = "".join(f'<span>{escape(label)}</span><span><span class="bar" style="width:{80 * count / top:.1f}%"></span>'
                   f"{count}</span>" for label, count in chart.bars)
    return f'<div class="chart">{rows}</div>'


def _timeline(timeline: Timeline) -> str:
    span = max(timeline.span, 1.0)
    at = lambda minute: f"{100 * min(max(minute, 0), span) / span:.2f}%"  # noqa: E731
    ticks = "".join(f'<span style="left:{at(minute)}">{minute}</span>' for minute in timeline_ticks(span))
    rows = [f'<span>{escape(timeline.axis)}</span><div class="axis">{ticks}</div><span></span>']
    for row in timeline.rows:
        if row.end is None and row.tone != "missed":
            marks = f'<span class="{row.tone}" style="left:{at(row.start)}"></span>'
        else:
            finish = row.end if row.end is not None else span
            width = f"{100 * max(finish - row.start, span / 200) / span:.2f}%"
            marks = f'<span class="{row.tone}" style="left:{at(row.start)};width:{width}"></span>'
            if row.deadline is not None:
                marks += f'<span class="deadline" style="left:{at(row.deadline)}"></span>'
        rows.append(f'<span>{escape(row.label)}</span><div class="track">{marks}</div><span>{escape(row.note)}</span>')
    return f'<div class="timeline">{"".join(rows)}</div><p>{escape(timeline.legend)}</p>'


def _signatures(signatures: Signatures, colon: str) -> str:
    lines = "".join(f'<p>{escape(role + colon)}<span class="line"></span>　{escape(signatures.time_label + colon)}'
                    f'<span class="line short"></span></p>' for role in signatures.roles)
    return f'<div class="signatures">{lines}<p class="anchor">{escape(signatures.anchor)}</p></div>'


def _layout(colon: str) -> BlockLayout[str]:
    return BlockLayout(fields=lambda block: _fields(block, colon), table=_table, chart=_chart, timeline=_timeline,
                       signatures=lambda block: _signatures(block, colon),
                       paragraph=lambda block: f'<p style="white-space: pre-line">{escape(block.text)}</p>')


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
    layout = _layout(document.colon)
    sections = "".join(f"<section><h2>{escape(section.heading)}</h2>"
                       f"{''.join(layout(block) for block in section.blocks)}</section>"
                       for section in document.sections)
    notices = "".join(f'<p class="notice">{escape(notice)}</p>' for notice in document.notices)
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if document.lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{escape(document.center)} {escape(document.title)}</title><style>{STYLE}{margins}</style></head>"
            f'<body><header><div class="center">{escape(document.center)}</div><h1>{escape(document.title)}</h1>'
            f"{notices}</header>{sections}<footer><span>{escape(document.printed)}</span></footer></body></html>\n")
