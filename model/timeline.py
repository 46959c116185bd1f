"""An incident's record read as sentences (the incident screen, `incident show`, the incident report).

Each ledger entry becomes one sentence in the desk's language with every fact it holds: who
approved and by what channel, the command post's commander, place and phone, the steps an entry
settled, by title. Codes are named (channels, types, levels, colours, states, resource types);
outside text goes through `shown`. Never raw JSON, never an English key.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from model.activation import stored_plan
from model.checklist import incident_steps, step_titles
from model.config import load_config
from model.display import shown
from model.plans import PlanError
from model.state_names import entry_kind, resource_status, sending_channel, step_state
from model.tables import Expert, LedgerEntry, PlanActivation, Resource, Unit
from model.text import N_, _, language, pick
from model.upward import report_title

LATE_AFTER = timedelta(minutes=2)
"""An entry entered this long after it happened says when it was entered."""



@dataclass(frozen=True)
class TimelineLine:
    """One entry as the officer reads it."""

    seq: int
    happened_at: datetime
    entered_at: datetime
    operator: str
    title: str
    """What kind of entry it is, in the desk's language (`上报`, `approval`)."""
    sentence: str
    late: bool
    """Entered later than it happened (the sentence says when it was entered)."""


@dataclass
class _Names:
    """Names for the codes the entries of one incident hold."""

    resources: dict[str, str]
    units: dict[str, str]
    experts: dict[int, str]
    steps: dict[str, str]
    plans: dict[str, str]

    def configured(self, field: str, code: Any) -> str:
        return load_config().name_of(field, str(code), language()) if code not in (None, "") else ""

    def channel(self, code: Any) -> str:
        return shown(sending_channel(str(code or "")))

    def resource(self, code: Any) -> str:
        return shown(self.resources.get(str(code), str(code)))

    def step(self, step_id: Any) -> str:
        return _("“{title}”").format(title=shown(self.steps.get(str(step_id), str(step_id))))

    def level(self, code: Any) -> str:
        if not code:
            return _("ungraded")
        level = load_config().level(str(code))
        return f"{level.code} {level.zh if language() == 'zh' else level.en}"


def _received(facts: dict[str, Any], names: _Names) -> str:
    report = facts.get("report", {})
    parts = [_("report received by {channel}: {type} at {place}").format(
        channel=names.configured("channels", report.get("channel")),
        type=names.configured("incident_types", report.get("type")),
        place=shown(report.get("address", "")))]
    caller = " ".join(shown(str(report.get(key) or "")) for key in ("caller_name", "caller_unit",
                                                                    "caller_phone")).strip()
    if caller:
        parts.append(_("caller {caller}").format(caller=caller))
    if report.get("description"):
        parts.append(shown(report["description"]))
    if report.get("injured") or report.get("deaths"):
        parts.append(_("{deaths} dead, {injured} injured").format(deaths=report.get("deaths") or 0,
                                                                 injured=report.get("injured") or 0))
    for key, label in (("people_affected", N_("people affected: {value}")), ("trend", N_("trend: {value}")),
                       ("measures_taken", N_("already done: {value}")), ("losses", N_("losses: {value}"))):
        if report.get(key):
            parts.append(_(label).format(value=shown(str(report[key]))))
    if report.get("is_drill"):
        parts.append(_("drill"))
    return _("; ").join(parts)


def _verified(facts: dict[str, Any], names: _Names) -> str:
    method = facts.get("method")
    text = (_("verified: {method}").format(method=names.configured("verification_methods", method)) if method
            else _("verified (how it was checked was not recorded)"))
    return text + (_(": {note}").format(note=shown(facts["note"])) if facts.get("note") else "")


def _approval(facts: dict[str, Any], names: _Names) -> str:
    verb = _("approved") if facts.get("decision") == "approved" else _("refused")
    text = _("{authority} {who} {decision} by {channel}").format(
        authority=shown(facts.get("authority", "")), who=shown(facts.get("approved_by", "")), decision=verb,
        channel=names.channel(facts.get("channel")))
    if facts.get("step"):
        text += _(": {step}").format(step=names.step(facts["step"]))
    if facts.get("note"):
        text += _("; note: {note}").format(note=shown(facts["note"]))
    return text


def _post_opened(facts: dict[str, Any], names: _Names) -> str:
    text = _("on-site command post opened at {place}, commander {commander}").format(
        place=shown(facts.get("location", "")), commander=shown(facts.get("commander", "")))
    return text + (_(", phone {phone}").format(phone=shown(facts["phone"])) if facts.get("phone") else "")


def _upward(facts: dict[str, Any], names: _Names) -> str:
    return _("{title} sent to {recipient} by {channel}: {text}").format(
        title=report_title(facts.get("kind", ""), int(facts.get("number", 0))),
        recipient=shown(facts.get("recipient", "")),
        channel=names.channel(facts.get("channel")), text=shown(facts.get("text", ""), lines=True))


def _status(facts: dict[str, Any], names: _Names) -> str:
    text = _("{resource}: {before} → {after}").format(resource=names.resource(facts.get("resource")),
                                                     before=resource_status(str(facts.get("from"))),
                                                     after=resource_status(str(facts.get("to"))))
    return text + (_(" ({reason})").format(reason=shown(facts["reason"])) if facts.get("reason") else "")


def _step_state(facts: dict[str, Any], names: _Names) -> str:
    text = _("{step}: {state}").format(step=names.step(facts.get("step")), state=step_state(str(facts.get("to"))))
    return text + (_(" ({reason})").format(reason=shown(facts["reason"])) if facts.get("reason") else "")


def _warning(verb: str) -> Callable[[dict[str, Any], _Names], str]:
    def sentence(facts: dict[str, Any], names: _Names) -> str:
        colour = names.configured("warning_colours", facts["colour"]) if facts.get("colour") else _("warning")
        text = _(verb).format(colour=colour, id=facts.get("warning"))
        if facts.get("area"):
            text += _(" for {area}").format(area=shown(facts["area"]))
        return text + (_(" ({reason})").format(reason=shown(facts["reason"])) if facts.get("reason") else "")
    return sentence


SENTENCES: dict[str, Callable[[dict[str, Any], _Names], str]] = {
    "report_received": _received,
    "incident_verified": _verified,
    "incident_false_alarm": lambda facts, names: _("false alarm: {reason}").format(
        reason=shown(facts.get("reason", ""))),
    "incident_merged": lambda facts, names: _("merged into incident {no}").format(no=shown(facts.get("into", ""))),
    "incident_graded": lambda facts, names: _("graded {level}").format(level=names.level(facts.get("level"))) + (
        _(": {note}").format(note=shown(facts["reason"])) if facts.get("reason") else ""),
    "incident_regraded": lambda facts, names: _("level changed from {before} to {after}: {reason}").format(
        before=names.level(facts.get("from")), after=names.level(facts.get("to")),
        reason=shown(facts.get("reason", ""))),
    "note": lambda facts, names: _("note: {text}").format(text=shown(facts.get("text", ""), lines=True)),
    "unit_feedback": lambda facts, names: _("feedback from {unit}: {text}").format(
        unit=shown(names.units.get(str(facts.get("unit")), str(facts.get("unit")))),
        text=shown(facts.get("text", ""), lines=True)),
    "incident_ended": lambda facts, names: _("emergency ended") + (
        _(": {note}").format(note=shown(facts["summary"], lines=True)) if facts.get("summary") else ""),
    "incident_closed": lambda facts, names: _("closed and archived"),
    "resource_dispatched": lambda facts, names: _("{resource} dispatched").format(
        resource=names.resource(facts.get("resource"))) + (
        _(" for {step}").format(step=names.step(facts["step"])) if facts.get("step") else ""),
    "resource_status": _status,
    "resource_corrected": lambda facts, names: _(
        "{resource}: the move of entry {seq} corrected, back to {status}").format(
        resource=names.resource(facts.get("resource")), seq=facts.get("corrects"),
        status=resource_status(str(facts.get("to")))),
    "step_state": _step_state,
    "approval_recorded": _approval,
    "command_post_opened": _post_opened,
    "command_post_closed": lambda facts, names: _("on-site command post at {place} closed").format(
        place=shown(facts.get("location", ""))),
    "warning_issued": _warning(N_("{colour} issued")),
    "warning_updated": _warning(N_("{colour} updated")),
    "warning_lifted": _warning(N_("warning lifted")),
    "plan_activated": lambda facts, names: _(
        "plan “{plan}” version {version} activated at level {level}: {count} steps").format(
        plan=shown(names.plans.get(str(facts.get("plan")), "")), level=names.level(facts.get("level")),
        version=shown(str(facts.get("version", ""))), count=len(facts.get("steps", []))),
    "upward_report": _upward,
    "units_notified": lambda facts, names: _("duty offices notified: {units}").format(units=_(", ").join(
        shown(names.units.get(code, code)) for code in facts.get("units", []))),
    "experts_called": lambda facts, names: _("experts called: {experts}").format(experts=_(", ").join(
        names.experts.get(int(expert), str(expert)) for expert in facts.get("experts", []))),
    "closing_ticked": lambda facts, names: _("closing items ticked: {items}").format(items=_(", ").join(
        names.step(step) for step in facts.get("steps", []))),
}
"""The sentence of each kind of entry; a kind without one says only what kind of entry it is."""

SETTLING = {"step_state", "closing_ticked"}
"""Entries whose sentence already names the steps they settle."""


def _names(session: Session, incident_no: str) -> _Names:
    resources = {code: name for code, name in session.execute(select(col(Resource.code), col(Resource.name)))}
    units = {code: name for code, name in session.execute(select(col(Unit.code), col(Unit.name)))}
    experts = {expert.id: _("{name} ({phone})").format(name=shown(expert.name),
                                                                 phone=shown(expert.phone))
               for expert in session.execute(select(Expert)).scalars()}
    rows = incident_steps(session, incident_no)
    plans = {activation.plan_id: _plan_title(activation) for activation in session.execute(
        select(PlanActivation).where(col(PlanActivation.incident_no) == incident_no)).scalars()}
    return _Names(resources=resources, units=units, experts=experts, steps=step_titles(session, incident_no, rows),
                  plans=plans)


def _plan_title(activation: PlanActivation) -> str:
    """The activated plan's title; its id when the stored text no longer reads under today's configuration."""
    try:
        plan = stored_plan(activation)
    except PlanError:
        return shown(activation.plan_id)
    return pick(plan.title_zh, plan.title_en)


def sentence_of(kind: str, facts: dict[str, Any], names: _Names) -> str:
    said = SENTENCES[kind](facts, names) if kind in SENTENCES else entry_kind(kind)
    settled = facts.get("steps") if kind not in SETTLING and kind != "plan_activated" else None
    if settled:
        said += _("; done: {steps}").format(steps=_(", ").join(names.step(step) for step in settled))
    return said


def incident_timeline(session: Session, incident_no: str) -> list[TimelineLine]:
    """Every ledger entry of the incident, oldest first, each as one sentence."""
    entries = session.execute(select(LedgerEntry).where(col(LedgerEntry.incident_no) == incident_no)
                              .order_by(col(LedgerEntry.seq))).scalars().all()
    names = _names(session, incident_no)
    lines: list[TimelineLine] = []
    for entry in entries:
        facts = json.loads(entry.payload)["facts"]
        late = entry.entered_at - entry.happened_at > LATE_AFTER
        said = sentence_of(entry.kind, facts, names)
        if entry.corrects_seq is not None and entry.kind != "resource_corrected":
            said += _(" (corrects entry {seq})").format(seq=entry.corrects_seq)
        lines.append(TimelineLine(seq=entry.seq, happened_at=entry.happened_at, entered_at=entry.entered_at,
                                  operator=entry.operator, title=entry_kind(entry.kind), sentence=said, late=late))
    return lines


def entry_sentence(session: Session, entry: LedgerEntry) -> str:
    """One entry as its timeline line says it (a refusal quotes the entry that got there first)."""
    facts = json.loads(entry.payload)["facts"]
    if entry.incident_no is None:
        return entry_kind(entry.kind)
    return sentence_of(entry.kind, facts, _names(session, entry.incident_no))
