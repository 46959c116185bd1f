"""The month's assessment report (月度考核): per unit and per officer, with charts of orders and
acknowledgement times, and the drills of the month with their scores."""

from __future__ import annotations

from console.reports.document import Chart, Document, Fields, Paragraph, Section, Table
from console.reports.figures import minutes_seconds
from console.reports.labels import Labels
from model.assessment import Assessment, Figures
from model.state_names import drill_state
from model.timefmt import show


def _cells(figures: Figures) -> tuple[str, ...]:
    return (str(figures.orders), minutes_seconds(figures.acknowledge.median), minutes_seconds(figures.acknowledge.p90),
            minutes_seconds(figures.arrive.median), minutes_seconds(figures.arrive.p90), str(figures.refused),
            str(figures.late), str(figures.overdue_steps), str(figures.drills))


def _columns(labels: Labels, first: str) -> tuple[str, ...]:
    return (labels(first), labels("assess_orders"), labels("assess_ack_median"), labels("assess_ack_p90"),
            labels("assess_arrive_median"), labels("assess_arrive_p90"), labels("assess_refused"),
            labels("assess_late"), labels("assess_overdue"), labels("assess_drills"))


WIDTHS = (8, 2, 2, 2, 2, 2, 2, 2, 2, 2)


def assessment_document(report: Assessment, labels: Labels, center: str, printed: str) -> Document:
    """Every unit of the roster has its row, with or without orders in the month."""
    period = Fields((
        (labels("assess_month"), report.month),
        (labels("assess_period"), f"{show(report.start, lang=labels.lang)} — {show(report.end, lang=labels.lang)}"),
        (labels("assess_real_incidents"), str(report.real_incidents)),
        (labels("assess_drill_incidents"), str(report.drill_incidents)),
    ))
    units = Table(_columns(labels, "unit"), tuple(
        (f"{line.name}\n{labels.name('unit_kinds', line.kind)} · {labels('assess_tier', tier=line.tier)}",
         *_cells(line.figures)) for line in report.units), WIDTHS, labels("none"))
    officers = Table(_columns(labels, "assess_officer"), tuple((line.name, *_cells(line.figures))
                                                               for line in report.officers), WIDTHS, labels("none"))
    orders_chart = Chart(tuple((line.name, line.figures.orders) for line in report.units), labels("assess_orders"))
    ack_chart = Chart(tuple((line.name, round(line.figures.acknowledge.p90 or 0))
                            for line in report.units if line.figures.acknowledge.count), labels("assess_seconds"))
    drills = Table((labels("drill_id"), labels("drill_scenario"), labels("drill_started"), labels("state"),
                    labels("assess_score")), tuple(
        (line.drill_id, line.title_zh if labels.lang == "zh" else line.title_en,
         show(line.started_at, lang=labels.lang), drill_state(line.state, labels.lang),
         "—" if line.score is None else f"{line.score:g}")
        for line in report.drills), (3, 8, 4, 2, 2), labels("none"))
    return Document(
        title=labels("assess_title", month=report.month), center=center, notices=(),
        sections=(
            Section(labels("section_duty"), (period, Paragraph(labels("assess_note")))),
            Section(labels("section_assess_units"), (units,)),
            Section(labels("section_assess_officers"), (officers,)),
            Section(labels("section_assess_orders_chart"), (orders_chart,)),
            Section(labels("section_assess_ack_chart"), (ack_chart,)),
            Section(labels("section_assess_drills"), (drills,)),
        ),
        printed=printed, page_label=labels("page", page="{page}", pages="{pages}"), lang=labels.lang,
        continued=labels("continued"))
