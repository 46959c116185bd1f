"""Reports upward (信息报送): which report is due next and when, what was sent, and a draft from the record.

The sequence is 首报 → 续报一, 续报二 … → 终报. A due time comes from the plan when a pending step
asks for that report (its deadline counts from activation), else from the configuration's
`report_deadlines` for the incident's level: the first report by phone and in writing counted
from receipt, follow-ups one interval after the last report sent. Read side only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session, col

from model import timefmt
from model.checklist import incident_steps, open_steps, step_titles
from model.config import load_config
from model.display import shown
from model.fulfilment import kind_of
from model.lifecycle import (
    COMMITTED_STATUSES,
    OPEN_INCIDENT_STATES,
    IncidentState,
    StepStatus,
)
from model.state_names import resource_status
from model.tables import (
    Assignment,
    CommandPost,
    Incident,
    LedgerEntry,
    Resource,
    StepState,
    Unit,
)
from model.text import _, language, pick

CHINESE_DIGITS = "零一二三四五六七八九"
REPORTING_STATES = frozenset({*OPEN_INCIDENT_STATES, IncidentState.ENDED})
"""An incident reports upward while it is handled and once ended, until its final report is sent."""


@dataclass(frozen=True)
class UpwardSent:
    """A report sent upward, as the ledger recorded it."""

    seq: int
    incident_no: str
    kind: str
    number: int
    title: str
    recipient: str
    channel: str
    sent_at: datetime
    operator: str
    text: str


@dataclass(frozen=True)
class UpwardDue:
    """The next report upward of an incident: which one, and by when (by phone; in writing)."""

    incident_no: str
    kind: str
    number: int
    title: str
    due_at: datetime | None
    written_due_at: datetime | None
    overdue: bool


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (follow-ups rarely pass a few dozen)."""
    if number < 10:
        return CHINESE_DIGITS[number]
    tens, units = divmod(number, 10)
    return f"{CHINESE_DIGITS[tens] if tens > 1 else ''}十{CHINESE_DIGITS[units] if units else ''}"


def report_title(kind: str, number: int = 0) -> str:
    """首报, 续报一, 续报二 …, 终报 (initial report, follow-up report 1 …, final report)."""
    if kind == "initial":
        return _("initial report")
    if kind == "final":
        return _("final report")
    shown_number = chinese_number(number) if language() == "zh" else str(number)
    return _("follow-up report {number}").format(number=shown_number)


def sent(session: Session, incident_no: str) -> list[UpwardSent]:
    """Every report sent upward for the incident, oldest first, follow-ups numbered in order."""
    entries = session.execute(select(LedgerEntry).where(
        col(LedgerEntry.incident_no) == incident_no, col(LedgerEntry.kind) == "upward_report")
        .order_by(col(LedgerEntry.seq))).scalars().all()
    reports: list[UpwardSent] = []
    follow_ups = 0
    for entry in entries:
        facts = json.loads(entry.payload)["facts"]
        number = 0
        if facts["kind"] == "follow_up":
            follow_ups += 1
            number = int(facts.get("number", follow_ups))
        reports.append(UpwardSent(seq=entry.seq, incident_no=incident_no, kind=facts["kind"], number=number,
                                  title=report_title(facts["kind"], number), recipient=facts["recipient"],
                                  channel=facts["channel"], sent_at=entry.happened_at, operator=entry.operator,
                                  text=facts["text"]))
    return reports


def _plan_due(rows: list[StepState], kind: str) -> datetime | None:
    """The earliest deadline of a pending plan step asking for a report of `kind`."""
    dues = [row.due_at for row in rows if row.state == StepStatus.PENDING and row.due_at is not None
            and kind_of(row) == "report" and json.loads(row.effects).get("report") == kind]
    return min(dues) if dues else None


def next_report(session: Session, incident_no: str, now: datetime) -> UpwardDue | None:
    """The report upward due next, or None once the final report is sent (or for a false alarm)."""
    row = session.get(Incident, incident_no)
    if row is None or IncidentState(row.state) not in REPORTING_STATES:
        return None
    reports = sent(session, incident_no)
    kinds = [report.kind for report in reports]
    if "final" in kinds:
        return None
    rows = incident_steps(session, incident_no)
    deadline = load_config().report_deadline(row.level)
    written_due: datetime | None = None
    if "initial" not in kinds:
        kind, number = "initial", 0
        due = _plan_due(rows, kind)
        if deadline is not None:
            due = due or row.received_at + timedelta(minutes=deadline.phone_minutes)
            written_due = row.received_at + timedelta(minutes=deadline.written_minutes)
    elif row.state == IncidentState.ENDED or (rows and not open_steps(session, incident_no)):
        kind, number = "final", 0
        due = _plan_due(rows, kind)
    else:
        kind, number = "follow_up", kinds.count("follow_up") + 1
        due = _plan_due(rows, kind)
        if due is None and deadline is not None:
            due = reports[-1].sent_at + timedelta(minutes=deadline.follow_up_minutes)
    return UpwardDue(incident_no=incident_no, kind=kind, number=number, title=report_title(kind, number),
                     due_at=due, written_due_at=written_due, overdue=due is not None and due < now)


def reports_due(session: Session, now: datetime) -> list[UpwardDue]:
    """The next report of every incident still reporting that has a due time, most urgent first: the alarm's input."""
    numbers = session.execute(select(col(Incident.no)).where(
        col(Incident.state).in_([state.value for state in REPORTING_STATES]))).scalars().all()
    due = [report for no in numbers if (report := next_report(session, no, now)) is not None
           and report.due_at is not None]
    return sorted(due, key=lambda report: (report.due_at, report.incident_no))


def _casualties(row: Incident) -> str:
    if not row.deaths and not row.injured:
        return _("no deaths or injuries reported so far")
    text = _("{deaths} dead, {injured} injured").format(deaths=row.deaths or 0, injured=row.injured or 0)
    if row.people_affected:
        text += _("; about {count} people affected").format(count=row.people_affected)
    return text


def _resources_sent(session: Session, incident_no: str) -> list[str]:
    """Each unit with the resources it sent and where they stand now."""
    rows = session.execute(select(Assignment, Resource, Unit)
                           .join(Resource, col(Resource.code) == col(Assignment.resource_code))
                           .join(Unit, col(Unit.code) == col(Resource.unit_code))
                           .where(col(Assignment.incident_no) == incident_no)
                           .order_by(col(Unit.tier), col(Unit.code), col(Assignment.id))).all()
    by_unit: dict[str, list[str]] = {}
    for assignment, resource, unit in rows:
        status = assignment.status if assignment.cleared_at is None else "available"
        state = resource_status(status) if status in {s.value for s in COMMITTED_STATUSES} else _("withdrawn")
        by_unit.setdefault(shown(unit.name), []).append(f"{shown(resource.name)}（{state}）" if language() == "zh"
                                                         else f"{shown(resource.name)} ({state})")
    return [f"{unit}: {_(', ').join(names)}" for unit, names in by_unit.items()]


def _command_post(session: Session, incident_no: str) -> str:
    post = session.execute(select(CommandPost).where(col(CommandPost.incident_no) == incident_no)
                           .order_by(col(CommandPost.id).desc())).scalars().first()
    if post is None:
        return _("no on-site command post opened")
    text = _("opened at {place}, commander {commander}").format(place=shown(post.location),
                                                               commander=shown(post.commander))
    if post.phone:
        text += _(", phone {phone}").format(phone=shown(post.phone))
    if post.closed_at is not None:
        text += _("; closed at {time}").format(time=timefmt.show(post.closed_at))
    return text


def _end_summary(session: Session, incident_no: str) -> str:
    payload = session.execute(select(col(LedgerEntry.payload)).where(
        col(LedgerEntry.incident_no) == incident_no, col(LedgerEntry.kind) == "incident_ended")
        .order_by(col(LedgerEntry.seq).desc()).limit(1)).scalar()
    return str(json.loads(payload)["facts"].get("summary", "")) if payload else ""


def draft(session: Session, incident_no: str, kind: str, now: datetime, reporter: str = "") -> str:
    """The text of a report upward, drafted from the record in the desk's language, for the officer to edit.

    `now` is when it is drafted; `reporter` (the officer) closes the report with who reports.

    Time and place; what happened; casualties and people affected; level; what has been done; units
    and resources sent; the command post; what happens next. A follow-up also says what was done
    since the last report; the final report adds the end and the handling.
    """
    row = session.get(Incident, incident_no)
    if row is None:
        return ""
    config = load_config()
    rows = incident_steps(session, incident_no)
    titles = step_titles(session, incident_no, rows)
    reports = sent(session, incident_no)
    number = sum(1 for report in reports if report.kind == "follow_up") + 1 if kind == "follow_up" else 0
    type_name = pick(*next(((item.zh, item.en) for item in config.incident_types if item.code == row.type),
                           (row.type, row.type)))
    level = config.level(row.level) if row.level else None
    lines = [_("{center}: {title} on the {type} at {place}").format(
        center=pick(config.center_name, config.center_name_en), title=report_title(kind, number),
        type=type_name, place=shown(row.address))]
    lines.append(_("As of {time}").format(time=timefmt.show(now)))
    lines.append(_("Time and place: {time}, {place}").format(
        time=timefmt.show(row.occurred_at or row.received_at), place=shown(row.address)))
    what = shown(row.description, lines=True)
    if row.trend:
        what += _("; trend: {trend}").format(trend=shown(row.trend))
    lines.append(_("What happened: {what}").format(what=what))
    casualties = _casualties(row)
    if row.losses:
        casualties += _("; losses: {losses}").format(losses=shown(row.losses))
    lines.append(_("Casualties: {casualties}").format(casualties=casualties))
    lines.append(_("Level: {level}").format(
        level=f"{level.code} {pick(level.zh, level.en)}" if level else _("being assessed")))
    done = [titles[step.step_id] for step in rows
            if step.state == StepStatus.DONE and not step.step_id.startswith("closing-")]
    if row.measures_taken:
        done.insert(0, shown(row.measures_taken))
    lines.append(_("Done so far: {done}").format(done=_("; ").join(done) if done else _("first response under way")))
    if kind == "follow_up" and reports:
        since = reports[-1].sent_at
        changed = [titles[step.step_id] for step in rows if step.completed_at is not None and step.completed_at > since]
        lines.append(_("Since the last report: {changes}").format(
            changes=_("; ").join(changed) if changed else _("no change")))
    resources = _resources_sent(session, incident_no)
    lines.append(_("Units and resources sent: {resources}").format(
        resources=_("; ").join(resources) if resources else _("none yet")))
    lines.append(_("On-site command post: {post}").format(post=_command_post(session, incident_no)))
    if kind == "final":
        lines.append(_("Ended: {time}").format(time=timefmt.show(row.ended_at) if row.ended_at else _("not yet")))
        if summary := _end_summary(session, incident_no):
            lines.append(_("Handling: {summary}").format(summary=shown(summary, lines=True)))
    else:
        upcoming = [titles[step.step_id] for step in open_steps(session, incident_no)][:5]
        lines.append(_("Next steps: {steps}").format(steps=_("; ").join(upcoming) if upcoming else _("none planned")))
    if reporter:
        lines.append(_("Reported by: {who}, {center}").format(who=shown(reporter),
                                                            center=pick(config.center_name, config.center_name_en)))
    return "\n".join(lines)


RECIPIENT = "区政府总值班室"
"""Whom a first report goes to when none has gone yet; later reports go where the last one went."""


@dataclass(frozen=True)
class UpwardRead:
    """What `u` reads before it opens: the report due next, its draft, and where the last one went."""

    due: UpwardDue | None
    text: str
    recipient: str
    channel: str


def upward_read(session: Session, incident_no: str, now: datetime) -> UpwardRead:
    due = next_report(session, incident_no, now)
    last = sent(session, incident_no)
    text = draft(session, incident_no, due.kind, now) if due is not None else ""
    return UpwardRead(due, text, last[-1].recipient if last else RECIPIENT, last[-1].channel if last else "phone")
