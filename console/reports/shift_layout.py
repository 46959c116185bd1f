"""The shift report's sections in the order officers read them at the handover."""

from __future__ import annotations

from datetime import datetime

from console.reports.document import Block, Chart, Document, Fields, Paragraph, Section, Signatures, Table
from console.reports.figures import Durations, minutes_seconds
from console.reports.labels import Labels
from model.shift_report import IncidentLine, ShiftReport, StepLine
from model.timefmt import DAY_OVER_TIME, DAY_TIME, HOUR, TIME, show


def _short(moment: datetime | None, labels: Labels) -> str:
    return show(moment, DAY_TIME, labels.lang)


def _period(report: ShiftReport, labels: Labels) -> str:
    return f"{show(report.period.start, lang=labels.lang)} — {show(report.period.end, lang=labels.lang)}"


def _counts_table(labels: Labels, heading: str, rows: list[tuple[str, int]]) -> Table:
    return Table((labels(heading), labels("count")), tuple((name, str(count)) for name, count in rows),
                 (3, 1), labels("none"))


def _figures(report: ShiftReport, labels: Labels) -> tuple[Block, ...]:
    totals = Fields((
        (labels("reports_received"), str(report.reports_received)),
        (labels("incidents_total"), str(sum(count for _, count in report.incidents_by_level))),
        (labels("dispatches"), str(report.dispatches)),
    ))
    channel = _counts_table(labels, "by_channel",
                            [(labels.name("channels", code), count) for code, count in report.reports_by_channel])
    kind = _counts_table(labels, "by_type",
                         [(labels.name("incident_types", code), count) for code, count in report.reports_by_type])
    level = _counts_table(labels, "by_level",
                          [(labels.level(code), count) for code, count in report.incidents_by_level])
    drills = labels("drills_included") if report.include_drills else labels("drills_left_out",
                                                                            count=report.drills_left_out)
    return (totals, channel, kind, level, Paragraph(drills))


def _times(report: ShiftReport, labels: Labels) -> tuple[Block, ...]:
    def row(key: str, figures: Durations) -> tuple[str, ...]:
        return (labels(key), str(figures.count), minutes_seconds(figures.median), minutes_seconds(figures.p90))

    table = Table((labels("interval"), labels("samples"), labels("median"), labels("p90")), (
        row("receive_to_dispatch", report.receive_to_dispatch),
        row("dispatch_to_ack", report.dispatch_to_acknowledged),
        row("dispatch_to_on_scene", report.dispatch_to_on_scene),
    ), (4, 1, 2, 2), labels("none"))
    return (table, Paragraph(labels("percentile_note")))


def _incident_row(line: IncidentLine, labels: Labels) -> tuple[str, ...]:
    """Short lines stacked in each cell, so the table fits a portrait page and a 100-column printer."""
    number = f"{line.no}\n{labels('drill_mark')}" if line.is_drill else line.no
    state = labels.state(line.state)
    if line.merged_into:
        state = f"{state}\n{labels('merged_into', no=line.merged_into)}"
    times = "\n".join(f"{labels(key)} {show(moment, TIME) if moment else '—'}" for key, moment in (
        ("dispatched", line.first_dispatch_at), ("on_scene", line.first_on_scene_at), ("ended_short", line.ended_at)))
    return (number, show(line.received_at, DAY_OVER_TIME, labels.lang), labels.name("incident_types", line.type),
            labels.level_name(line.level), state, f"{line.address}\n{line.description}".strip(),
            "\n".join(line.units), times)


def _step_rows(lines: tuple[StepLine, ...], labels: Labels, *, approval: bool) -> tuple[tuple[str, ...], ...]:
    rows = []
    for line in lines:
        mark = labels("drill_mark") if line.is_drill else ""
        last = line.approval_by if approval else (labels("overdue") if line.overdue else labels("pending"))
        rows.append((f"{mark}{line.incident_no}", line.text, labels.name("unit_kinds", line.responsible),
                     _short(line.due_at, labels) or "—", last))
    return tuple(rows)


def _joiner(labels: Labels) -> str:
    """What stands between names in a list (officers, roles) in the report's language."""
    return "、" if labels.lang == "zh" else ", "


def _seats(report: ShiftReport, labels: Labels) -> Table:
    """Each sign-in of the shift, in the order they were made: the seat, who, their roles and when (a
    list: the lines break between role names, never inside one)."""
    return Table((labels("seat"), labels("seated_officer"), labels("roles"), labels("signed_in_at")),
                 tuple((labels.name("seats", signed.seat), signed.name,
                        "\n".join(labels.name("roles", role) for role in signed.roles) or "—",
                        _short(signed.at, labels)) for signed in report.seated),
                 (10, 16, 14, 8), labels("none"), lists=(2,), joiner=_joiner(labels))


def shift_document(report: ShiftReport, labels: Labels) -> Document:
    """Lay out `report` as a document in the labels' language."""
    center = report.center_name if labels.lang == "zh" else report.center_name_en
    duty = Fields((
        (labels("shift_name"), f"{report.period.name} #{report.period.shift_id}" if report.period.shift_id
         else report.period.name or "—"),
        (labels("period"), _period(report, labels)),
        (labels("officers"), "\n".join(report.officers) or "—"),
        (labels("handed_to"), report.handed_to or "—"),
    ), lists=(2,), joiner=_joiner(labels))
    incidents = Table(
        (labels("no"), labels("received_at"), labels("type"), labels("level"), labels("state"),
         labels("place_nature"), labels("units"), labels("key_times")),
        tuple(_incident_row(line, labels) for line in report.incidents), (8, 4, 6, 4, 6, 30, 7, 9), labels("none"))
    steps = Table((labels("incident"), labels("step"), labels("responsible"), labels("due_at"), labels("state")),
                  _step_rows(report.pending_steps, labels, approval=False), (14, 40, 12, 12, 10), labels("none"))
    approvals = Table((labels("incident"), labels("step"), labels("responsible"), labels("due_at"),
                       labels("approval_by")),
                      _step_rows(report.awaited_approvals, labels, approval=True), (14, 36, 12, 12, 14), labels("none"))
    warnings = Table(
        (labels("colour"), labels("area"), labels("text"), labels("valid")),
        tuple(((labels("drill_mark") if line.is_drill else "") + labels.name("warning_colours", line.colour), line.area,
               line.text_zh if labels.lang == "zh" or not line.text_en else line.text_en,
               f"{_short(line.effective_at, labels)} — {_short(line.expires_at, labels) or labels('until_further')}")
              for line in report.warnings), (14, 18, 40, 20), labels("none"))
    resources = Table((labels("resource"), labels("unit"), labels("since"), labels("reason")),
                      tuple((f"{line.code} {line.name}", line.unit, _short(line.since, labels), line.reason)
                            for line in report.out_of_service), (30, 24, 14, 30), labels("none"))
    notes: tuple[Block, ...] = tuple(Paragraph(note) for note in report.handover_notes) or (Paragraph(labels("none")),)
    chart = Chart(tuple((show(hour, HOUR), count) for hour, count in report.reports_per_hour), labels("reports_unit"))
    notices = (labels("empty_shift"),) if report.is_empty else ()
    return Document(
        title=labels("shift_title"), center=center, notices=notices,
        sections=(
            Section(labels("section_duty"), (duty,)),
            *((Section(labels("seats"), (_seats(report, labels),)),) if report.seated else ()),
            Section(labels("section_figures"), _figures(report, labels)),
            Section(labels("section_times"), _times(report, labels)),
            Section(labels("section_incidents"), (incidents,)),
            Section(labels("section_steps"), (steps,)),
            Section(labels("section_approvals"), (approvals,)),
            Section(labels("section_warnings"), (warnings,)),
            Section(labels("section_out_of_service"), (resources,)),
            Section(labels("section_notes"), notes),
            Section(labels("section_chart"), (chart,)),
            Section(labels("section_sign"), (Signatures((labels("sign_outgoing"), labels("sign_incoming")),
                                                        labels("sign_time"), labels.anchor(report.head)),)),
        ),
        printed=labels("printed", at=show(report.printed_at, lang=labels.lang)),
        page_label=labels("page", page="{page}", pages="{pages}"),
        lang=labels.lang, continued=labels("continued"))
