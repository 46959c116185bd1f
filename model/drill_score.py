"""A drill's score: what the desk did, when on the drill clock, against the scenario and the plan.

Rules (the report prints them):
- Each expectation of the scenario is worth its `points`. Done by its deadline (`within` minutes
  of `after` on the drill clock): nothing lost; done later but before the drill ended: the
  scenario's `late_share` of its points lost; not done by the end: all its points lost. An
  expectation whose `after` inject was never fed (the drill was stopped first) does not count.
- Each step of the plan activated for a drill incident, whose deadline (the plan's minutes from
  the activation of its level, on the drill clock) fell before the drill ended, is worth
  `step_missed` points: done or skipped with a reason by the deadline, nothing lost; later,
  `step_late` lost; not settled by the end, `step_missed` lost.
- The score is the share kept: 100 × (points at stake − points lost) / points at stake, so one
  more late or missed item always lowers it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from model.activation import stored_plan
from model.drill_record import DrillRecord
from model.drills import Expectation, Scenario, parse_scenario
from model.fulfilment import is_closing
from model.lifecycle import StepStatus
from model.plans import PlanError
from model.tables import LedgerEntry, PlanActivation, StepState, WarningNotice

ON_TIME, LATE, MISSED, NOT_DUE = "on_time", "late", "missed", "not_due"


@dataclass(frozen=True)
class ExpectationResult:
    """One expectation: its deadline and when it was met, in drill minutes."""

    expectation: Expectation
    incident_no: str | None
    start_minute: float
    due_minute: float
    done_minute: float | None
    outcome: str
    points: float
    lost: float


@dataclass(frozen=True)
class StepResult:
    incident_no: str
    step_id: str
    title: str
    start_minute: float
    due_minute: float
    done_minute: float | None
    outcome: str
    lost: float


@dataclass(frozen=True)
class Measure:
    """A time the desk took, from the incident's report to an action, in drill minutes."""

    incident_no: str
    what: str
    """verify, grade, activate, dispatch, report_initial, report_follow_up, report_final."""
    number: int
    minutes: float | None
    due_minutes: float | None
    """The plan's deadline for it, counted the same way, where the plan sets one."""


@dataclass(frozen=True)
class InjectMark:
    minute: float
    kind: str
    key: str | None
    incident_no: str | None


@dataclass(frozen=True)
class DrillScore:
    record: DrillRecord
    scenario: Scenario
    length: float
    """Drill minutes the drill ran."""
    expectations: tuple[ExpectationResult, ...]
    steps: tuple[StepResult, ...]
    measures: tuple[Measure, ...]
    injects: tuple[InjectMark, ...]
    at_stake: float
    lost: float

    @property
    def score(self) -> float:
        return 100.0 if not self.at_stake else round(100 * (self.at_stake - self.lost) / self.at_stake, 1)


@dataclass(frozen=True)
class _Entry:
    seq: int
    kind: str
    happened_at: datetime
    incident_no: str | None
    facts: dict[str, object]


def _entries(session: Session, numbers: list[str], start: datetime) -> list[_Entry]:
    rows = session.execute(select(LedgerEntry.seq, LedgerEntry.kind, LedgerEntry.happened_at,  # type: ignore[call-overload]
                                  LedgerEntry.incident_no, LedgerEntry.payload)
                           .where(LedgerEntry.happened_at >= start - timedelta(minutes=1))
                           .order_by(LedgerEntry.seq)).all()
    wanted = set(numbers)
    found = []
    for seq, kind, happened_at, incident_no, payload in rows:
        facts = json.loads(payload)["facts"]
        if incident_no in wanted or kind in ("warning_issued", "incident_merged"):
            found.append(_Entry(seq, kind, happened_at, incident_no, facts))
    return found


def _matches(entry: _Entry, expected: Expectation, number: str | None, record: DrillRecord,
             drill_warnings: set[int]) -> bool:
    action = expected.action
    if action == "warning":
        warning = entry.facts.get("warning")
        return (entry.kind == "warning_issued" and warning in drill_warnings
                and warning not in record.warning_ids and (number is None or entry.incident_no == number))
    if action == "merge":
        return entry.kind == "incident_merged" and entry.facts.get("into") == number
    if entry.incident_no != number:
        return False
    if action == "verify":
        return entry.kind == "incident_verified"
    if action == "grade":
        return entry.kind == "incident_graded" and entry.facts.get("level") == expected.level
    if action == "regrade":
        return entry.kind == "incident_regraded" and entry.facts.get("to") == expected.level
    if action == "activate":
        return entry.kind == "plan_activated"
    if action == "dispatch":
        return entry.kind == "resource_dispatched"
    if action == "report_upward":
        return entry.kind == "upward_report" and entry.facts.get("kind") == expected.report
    if action == "command_post":
        return entry.kind == "command_post_opened"
    return False


def _outcome(done: float | None, due: float, points: float, late_share: float) -> tuple[str, float]:
    if done is None:
        return MISSED, points
    if done <= due + 1e-9:
        return ON_TIME, 0.0
    return LATE, points * late_share


def _reference(record: DrillRecord, after: str) -> datetime | None:
    if after == "start":
        return record.started_at
    fed = next((item for item in record.fed if item.key == after), None)
    return fed.fed_at if fed else None


def _expectations(session: Session, record: DrillRecord, scenario: Scenario, entries: list[_Entry],
                  end: datetime) -> list[ExpectationResult]:
    drill_warnings = set(session.execute(select(WarningNotice.id).where(  # type: ignore[call-overload]
        WarningNotice.is_drill.is_(True))).scalars())  # type: ignore[attr-defined]
    steps = {(row.incident_no, row.step_id): row for row in session.execute(
        select(StepState).where(StepState.incident_no.in_(list(record.incidents.values())))).scalars()}  # type: ignore[attr-defined]
    results = []
    for expected in scenario.expect:
        reference = _reference(record, expected.after)
        number = record.incidents.get(expected.incident) if expected.incident else None
        if reference is None or (expected.incident is not None and number is None):
            continue
        start = record.minute_at(reference)
        due = start + expected.within
        if expected.action == "step":
            row = steps.get((number or "", expected.step or ""))
            moment = row.completed_at if (row is not None and row.state in (StepStatus.DONE, StepStatus.SKIPPED)) \
                or (row is not None and row.round > 1) else None
        else:
            moment = next((entry.happened_at for entry in entries
                           if entry.happened_at >= reference and _matches(entry, expected, number, record,
                                                                          drill_warnings)), None)
        done = record.minute_at(moment) if moment is not None and moment <= end else None
        outcome, lost = _outcome(done, due, expected.points, scenario.scoring.late_share)
        results.append(ExpectationResult(expected, number, start, due, done, outcome, expected.points, lost))
    return results


def _plan_steps(session: Session, record: DrillRecord, scenario: Scenario, end: datetime,
                length: float) -> list[StepResult]:
    results = []
    for number in record.incidents.values():
        activation = session.execute(select(PlanActivation).where(
            PlanActivation.incident_no == number)  # type: ignore[arg-type]
            .order_by(PlanActivation.id)).scalars().first()  # type: ignore[arg-type]
        if activation is None:
            continue
        try:
            plan = stored_plan(activation)
        except PlanError:
            continue
        deadlines = {planned.step.id: planned.step.deadline_minutes for planned in plan.ordered_steps()}
        rows = session.execute(select(StepState).where(StepState.incident_no == number)  # type: ignore[arg-type]
                               .order_by(StepState.position)).scalars()  # type: ignore[arg-type]
        for row in rows:
            deadline = deadlines.get(row.step_id)
            if is_closing(row.step_id) or deadline is None or row.due_at is None:
                continue
            settled = row.state in (StepStatus.DONE, StepStatus.SKIPPED) or row.round > 1
            if row.round > 1:
                results.append(StepResult(number, row.step_id, row.text, 0.0, 0.0, 0.0, ON_TIME, 0.0))
                continue
            start = record.minute_at(row.due_at - timedelta(minutes=deadline))
            due = start + deadline
            done_at = row.completed_at if settled else None
            done = record.minute_at(done_at) if done_at is not None and done_at <= end else None
            if due > length and done is None:
                results.append(StepResult(number, row.step_id, row.text, start, due, None, NOT_DUE, 0.0))
                continue
            if done is None:
                outcome, lost = MISSED, float(scenario.scoring.step_missed)
            elif done <= due + 1e-9:
                outcome, lost = ON_TIME, 0.0
            else:
                outcome, lost = LATE, float(scenario.scoring.step_late)
            results.append(StepResult(number, row.step_id, row.text, start, due, done, outcome, lost))
    return results


def _measures(session: Session, record: DrillRecord, entries: list[_Entry], end: datetime,
              steps: list[StepResult]) -> list[Measure]:
    due_of = {(item.incident_no, item.step_id): item.due_minute for item in steps if item.due_minute}
    measures = []
    for key, number in record.incidents.items():
        fed = next(item for item in record.fed if item.key == key)
        origin = record.minute_at(fed.fed_at)
        own = [entry for entry in entries if entry.incident_no == number and entry.happened_at <= end]
        for what, kind in (("verify", "incident_verified"), ("grade", "incident_graded"),
                           ("activate", "plan_activated"), ("dispatch", "resource_dispatched")):
            first = next((entry for entry in own if entry.kind == kind), None)
            measures.append(Measure(number, what, 0, record.minute_at(first.happened_at) - origin if first else None,
                                    None))
        asking: dict[str, list[float]] = {}
        for row in session.execute(select(StepState).where(StepState.incident_no == number)  # type: ignore[arg-type]
                                   .order_by(StepState.position)).scalars():  # type: ignore[arg-type]
            report = json.loads(row.effects).get("report")
            if report and (number, row.step_id) in due_of:
                asking.setdefault(str(report), []).append(due_of[(number, row.step_id)])
        counts: dict[str, int] = {}
        for entry in own:
            if entry.kind != "upward_report":
                continue
            kind = str(entry.facts.get("kind"))
            counts[kind] = counts.get(kind, 0) + 1
            plan_due = asking.get(kind, [])
            due = plan_due[counts[kind] - 1] if len(plan_due) >= counts[kind] else None
            measures.append(Measure(number, f"report_{kind}", counts[kind],
                                    record.minute_at(entry.happened_at) - origin,
                                    due - origin if due is not None else None))
    return measures


def score_drill(session: Session, record: DrillRecord, now: datetime) -> DrillScore:
    """The drill's score as the ledger stands (a running drill is scored up to `now`)."""
    scenario = parse_scenario(record.scenario_text, record.drill_id, against_plans=False)
    end = record.ended_at or now
    length = record.length(now)
    entries = _entries(session, record.incident_numbers, record.started_at)
    expectations = _expectations(session, record, scenario, entries, end)
    steps = _plan_steps(session, record, scenario, end, length)
    at_stake = sum(item.points for item in expectations) + sum(
        scenario.scoring.step_missed for item in steps if item.outcome != NOT_DUE and item.due_minute)
    lost = sum(item.lost for item in expectations) + sum(item.lost for item in steps)
    injects = tuple(InjectMark(record.minute_at(item.fed_at), item.kind, item.key, item.incident_no)
                    for item in record.fed)
    return DrillScore(record, scenario, length, tuple(expectations), tuple(steps),
                      tuple(_measures(session, record, entries, end, steps)), injects, float(at_stake), float(lost))
