"""The drill report (演练评估报告): the score and its reasons, the desk's times, the plan's steps,
and a timeline of injects and expected actions on the drill clock."""

from __future__ import annotations

from console.reports.document import Document, Fields, Paragraph, Section, Table, Timeline, TimelineRow
from console.reports.labels import Labels
from model.drill_score import NOT_DUE, DrillScore, ExpectationResult, Measure, StepResult
from model.state_names import drill_action, drill_inject_kind, drill_state
from model.timefmt import show


def minutes(value: float | None) -> str:
    """Drill minutes with one decimal; a dash for none."""
    return "—" if value is None else f"{value:.1f}"


def _outcome(labels: Labels, outcome: str) -> str:
    return labels(f"outcome_{outcome}")


def expectation_title(item: ExpectationResult, labels: Labels, step_titles: dict[tuple[str, str], str]) -> str:
    expected = item.expectation
    if expected.title:
        return expected.title
    title = drill_action(expected.action, labels.lang)
    if expected.level:
        title += f" {labels.level(expected.level)}"
    if expected.report:
        title += f" {labels('kind_' + expected.report.replace('_', '-'))}"
    if expected.step:
        title += f" {step_titles.get((item.incident_no or '', expected.step), expected.step)}"
    return title


def _lost(value: float) -> str:
    return f"−{value:g}" if value else "0"


def _reasons(score: DrillScore, labels: Labels, titles: dict[tuple[str, str], str]) -> Table:
    rows = [(expectation_title(item, labels, titles), item.incident_no or "—", minutes(item.due_minute),
             minutes(item.done_minute), _outcome(labels, item.outcome), _lost(item.lost), f"{item.points:g}")
            for item in score.expectations]
    return Table((labels("drill_expected"), labels("no"), labels("drill_due"), labels("drill_done"),
                  labels("drill_outcome"), labels("drill_lost"), labels("drill_points")),
                 tuple(rows), (5, 3, 2, 2, 2, 2, 2), labels("none"))


def _measure_name(measure: Measure, labels: Labels) -> str:
    if measure.what.startswith("report_"):
        kind = measure.what.removeprefix("report_")
        name = labels("kind_" + kind.replace("_", "-"))
        return labels("drill_time_report", kind=name if kind != "follow_up" else f"{name} {measure.number}")
    return labels(f"drill_time_{measure.what}")


def _times(score: DrillScore, labels: Labels) -> Table:
    rows = [(measure.incident_no, _measure_name(measure, labels), minutes(measure.minutes),
             minutes(measure.due_minutes)) for measure in score.measures]
    return Table((labels("no"), labels("interval"), labels("drill_minutes_taken"), labels("drill_plan_deadline")),
                 tuple(rows), (3, 5, 2, 2), labels("none"))


def _steps(steps: tuple[StepResult, ...], labels: Labels, titles: dict[tuple[str, str], str]) -> Table:
    rows = [(item.incident_no, titles.get((item.incident_no, item.step_id), item.title), minutes(item.due_minute),
             minutes(item.done_minute), _outcome(labels, item.outcome), _lost(item.lost)) for item in steps]
    return Table((labels("no"), labels("drill_step"), labels("drill_due"), labels("drill_done"),
                  labels("drill_outcome"), labels("drill_lost")), tuple(rows), (3, 8, 2, 2, 2, 2), labels("none"))


def _timeline(score: DrillScore, labels: Labels, titles: dict[tuple[str, str], str]) -> Timeline:
    rows: list[TimelineRow] = []
    for mark in score.injects:
        where = f" {mark.incident_no}" if mark.incident_no else ""
        rows.append(TimelineRow(drill_inject_kind(mark.kind, labels.lang) + where, mark.minute, None, None, "inject",
                                minutes(mark.minute)))
    for item in score.expectations:
        rows.append(TimelineRow(expectation_title(item, labels, titles), item.start_minute, item.done_minute,
                                item.due_minute, item.outcome, minutes(item.done_minute)))
    for step in score.steps:
        if step.outcome != NOT_DUE and step.due_minute:
            rows.append(TimelineRow(titles.get((step.incident_no, step.step_id), step.title), step.start_minute,
                                    step.done_minute, step.due_minute, step.outcome, minutes(step.done_minute)))
    return Timeline(tuple(rows), max(score.length, 1.0), labels("drill_axis"), labels("drill_legend"))


def drill_document(score: DrillScore, labels: Labels, titles: dict[tuple[str, str], str],
                   center: str, printed: str) -> Document:
    """The report of one drill, every figure in drill minutes."""
    record = score.record
    facts = Fields((
        (labels("drill_scenario"), record.title_zh if labels.lang == "zh" else record.title_en),
        (labels("drill_id"), record.drill_id),
        (labels("drill_started"), show(record.started_at, lang=labels.lang)),
        (labels("drill_by"), record.started_by),
        (labels("drill_speed"), labels("drill_speed_value", speed=f"{record.speed:g}")),
        (labels("state"), drill_state(record.state, labels.lang)
         + (f" ({record.stop_reason})" if record.stop_reason else "")),
        (labels("drill_length"), labels("drill_minutes", minutes=minutes(score.length))),
        (labels("drill_incidents"), ", ".join(record.incident_numbers) or labels("none")),
    ))
    headline = Paragraph(labels("drill_score_line", score=f"{score.score:g}", lost=f"{score.lost:g}",
                                stake=f"{score.at_stake:g}"))
    counted = tuple(step for step in score.steps if step.outcome != NOT_DUE)
    scoring = score.scenario.scoring
    return Document(
        title=labels("drill_title"), center=center, notices=(labels("drill_banner"),),
        sections=(
            Section(labels("section_drill"), (facts,)),
            Section(labels("section_drill_score"), (headline, _reasons(score, labels, titles))),
            Section(labels("section_drill_times"), (_times(score, labels), Paragraph(labels("drill_time_note")))),
            Section(labels("section_drill_steps"), (_steps(counted, labels, titles),)),
            Section(labels("section_drill_timeline"), (_timeline(score, labels, titles),)),
            Section(labels("section_drill_rules"), (Paragraph(labels("drill_rules", late=f"{scoring.late_share:g}",
                                                                     step_late=scoring.step_late,
                                                                     step_missed=scoring.step_missed)),)),
        ),
        printed=printed, page_label=labels("page", page="{page}", pages="{pages}"), lang=labels.lang,
        continued=labels("continued"),
    )
