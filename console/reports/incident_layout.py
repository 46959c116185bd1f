"""The upward incident report's sections, in the order of the provincial information-report forms."""

from __future__ import annotations

from datetime import datetime

from console.reports.document import Block, Document, Fields, Paragraph, Section, Signatures, Table
from console.reports.labels import Labels
from model.config import load_config
from model.incident_report import IncidentReport
from model.state_names import sending_channel
from model.timefmt import TIME, show


def _when(moment: datetime | None, labels: Labels) -> str:
    return show(moment, lang=labels.lang) or "—"


def _number(value: int | None, labels: Labels) -> str:
    return labels("unknown") if value is None else str(value)


def incident_document(report: IncidentReport, labels: Labels) -> Document:
    """Lay out `report` as a document in the labels' language."""
    row = report.incident
    category = next((kind.category for kind in load_config().incident_types if kind.code == row.type), "")
    caller = " ".join(part for part in (row.caller_name, row.caller_unit, row.caller_phone) if part)
    basics = Fields((
        (labels("number"), row.no),
        (labels("type"), labels.name("incident_types", row.type)),
        (labels("category"), labels.name("categories", category) if category else "—"),
        (labels("level"), labels.level(row.level)),
        (labels("state"), labels.state(row.state)),
        (labels("channel"), labels.name("channels", row.channel)),
        (labels("received_at"), _when(row.received_at, labels)),
        (labels("occurred_at"), _when(row.occurred_at, labels)),
        (labels("verified_at"), _when(row.verified_at, labels)),
        (labels("activated_at"), _when(row.activated_at, labels)),
        (labels("ended_at"), _when(row.ended_at, labels)),
        (labels("place"), row.address),
        (labels("caller"), caller or "—"),
        (labels("nature"), row.description or "—"),
    ))
    casualties = Fields((
        (labels("people_affected"), _number(row.people_affected, labels)),
        (labels("injured"), _number(row.injured, labels)),
        (labels("deaths"), _number(row.deaths, labels)),
        (labels("losses"), row.losses or labels("unknown")),
        (labels("trend"), row.trend or labels("unknown")),
    ))
    measures: Block = Paragraph(row.measures_taken or labels("none"))
    reports = Table((labels("received_at"), labels("channel"), labels("caller"), labels("nature")),
                    tuple((_when(item.received_at, labels), labels.name("channels", item.channel),
                           f"{item.caller_name} {item.caller_phone}".strip(),
                           item.description) for item in report.reports),
                    (3, 2, 3, 8), labels("none"))
    resources = Table(
        (labels("resource"), labels("unit"), labels("dispatched"), labels("acknowledged"), labels("on_scene"),
         labels("cleared")),
        tuple((item.resource, item.unit, show(item.dispatched_at, TIME), show(item.acknowledged_at, TIME) or "—",
               show(item.on_scene_at, TIME) or "—", show(item.cleared_at, TIME) or "—") for item in report.assignments),
        (6, 5, 2, 2, 2, 2), labels("none"))
    steps = Table((labels("step"), labels("responsible"), labels("due_at"), labels("state"), labels("done_at"),
                   labels("operator")),
                  tuple((step.text, labels.name("unit_kinds", step.responsible), _when(step.due_at, labels),
                         labels.step_state(step.state),
                         _when(step.completed_at, labels), step.completed_by or "—") for step in report.steps),
                  (10, 3, 3, 2, 3, 3), labels("none"))
    approvals = Table((labels("authority"), labels("approved_by"), labels("channel"), labels("decision"),
                       labels("decided_at")),
                      tuple((item.authority, item.approved_by, sending_channel(item.channel, labels.lang),
                             labels(f"decision_{item.decision}"),
                             _when(item.decided_at, labels)) for item in report.approvals), (4, 3, 2, 2, 3),
                             labels("none"))
    posts = Table((labels("commander"), labels("location"), labels("opened_at"), labels("closed_at")),
                  tuple((post.commander, post.location, _when(post.opened_at, labels), _when(post.closed_at, labels))
                        for post in report.command_posts), (3, 5, 3, 3), labels("none"))
    timeline = Table((labels("time"), labels("operator"), labels("entry"), labels("text")),
                     tuple((_when(line.happened_at, labels), line.operator, line.title,
                            line.sentence) for line in report.timeline),
                     (3, 3, 3, 8), labels("none"))
    return Document(
        title=labels("incident_title", kind=labels(f"kind_{report.kind}")),
        center=report.center_name if labels.lang == "zh" else report.center_name_en,
        notices=(labels("drill_banner"),) if row.is_drill else (),
        sections=(
            Section(labels("section_basics"), (basics,)),
            Section(labels("section_casualties"), (casualties,)),
            Section(labels("section_measures"), (measures,)),
            Section(labels("section_reports"), (reports,)),
            Section(labels("section_resources"), (resources,)),
            Section(labels("section_plan_steps"), (steps,)),
            Section(labels("section_incident_approvals"), (approvals,)),
            Section(labels("section_command_post"), (posts,)),
            Section(labels("section_timeline"), (timeline,)),
            Section(labels("section_sign"), (Signatures((labels("sign_reporter"), labels("sign_approver")),
                                                        labels("sign_time"), labels.anchor(report.head)),)),
        ),
        printed=labels("printed", at=show(report.printed_at, lang=labels.lang)),
        page_label=labels("page", page="{page}", pages="{pages}"),
        lang=labels.lang, continued=labels("continued"))
