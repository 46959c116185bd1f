"""What the ledger says about drills (演练): each drill's start, the injects fed, pauses and its end.

A drill has no table of its own: its record is its ledger entries (`drill_started`,
`drill_inject`, `drill_paused`, `drill_resumed`, `drill_stopped`, `drill_finished`), each naming
the drill in its facts, so every change of a drill's state is on the record and `ledger verify`
has nothing more to replay.

The drill clock runs `speed` times faster than the wall clock and stands still while the drill
is paused: the drill minute of an instant is `speed × (time since the start − time paused) / 60`.
Every entry keeps its real `happened_at`; scores and charts read minutes through this clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from model.tables import LedgerEntry

STARTED, INJECT, PAUSED, RESUMED, STOPPED, FINISHED = ("drill_started", "drill_inject", "drill_paused",
                                                        "drill_resumed", "drill_stopped", "drill_finished")
DRILL_KINDS = (STARTED, INJECT, PAUSED, RESUMED, STOPPED, FINISHED)


@dataclass(frozen=True)
class FedInject:
    """An inject as fed: its place in the scenario file, the entry that tied it to the drill."""

    position: int
    key: str | None
    kind: str
    minute: int
    seq: int
    fed_at: datetime
    incident_no: str | None
    warning_id: int | None


@dataclass
class DrillRecord:
    """One drill as its entries tell it (a plain read model)."""

    drill_id: str
    scenario_id: str
    title_zh: str
    title_en: str
    speed: float
    started_at: datetime
    started_by: str
    scenario_text: str
    state: str = "running"
    """running, paused, stopped or finished."""
    ended_at: datetime | None = None
    stop_reason: str = ""
    pauses: list[tuple[datetime, datetime | None]] = field(default_factory=list)
    fed: list[FedInject] = field(default_factory=list)

    @property
    def incidents(self) -> dict[str, str]:
        """Report inject key → incident number, for the injects that raised an incident."""
        return {item.key: item.incident_no for item in self.fed
                if item.kind == "report" and item.key is not None and item.incident_no is not None}

    @property
    def incident_numbers(self) -> list[str]:
        """Every incident the drill raised (second callers included), in the order fed."""
        return list(dict.fromkeys(item.incident_no for item in self.fed
                                  if item.kind in ("report", "casualties") and item.incident_no))

    @property
    def warning_ids(self) -> list[int]:
        return [item.warning_id for item in self.fed if item.warning_id is not None]

    @property
    def fed_positions(self) -> set[int]:
        return {item.position for item in self.fed}

    @property
    def is_over(self) -> bool:
        return self.state in ("stopped", "finished")

    def paused_before(self, moment: datetime) -> timedelta:
        """How long the drill had stood paused before `moment`."""
        total = timedelta()
        for paused_at, resumed_at in self.pauses:
            if paused_at >= moment:
                break
            total += min(resumed_at or moment, moment) - paused_at
        return total

    def minute_at(self, moment: datetime) -> float:
        """The drill minute at a real instant (the clock stops at the drill's end)."""
        if self.ended_at is not None:
            moment = min(moment, self.ended_at)
        elapsed = moment - self.started_at - self.paused_before(moment)
        return max(0.0, elapsed.total_seconds() * self.speed / 60)

    def real_at(self, minute: float, now: datetime) -> datetime:
        """When drill minute `minute` comes on the wall clock, if the drill is not paused again after `now`."""
        return self.started_at + self.paused_before(now) + timedelta(seconds=minute * 60 / self.speed)

    def length(self, now: datetime) -> float:
        """Drill minutes run so far (to the end once it is over)."""
        return self.minute_at(self.ended_at or now)


def _facts(payload: str) -> dict[str, object]:
    facts: dict[str, object] = json.loads(payload)["facts"]
    return facts


def drill_records(session: Session, drill_id: str | None = None) -> list[DrillRecord]:
    """Every drill on the ledger (or the one named), oldest first."""
    rows = session.execute(select(LedgerEntry.seq, LedgerEntry.kind, LedgerEntry.happened_at,  # type: ignore[call-overload]
                                  LedgerEntry.operator, LedgerEntry.incident_no, LedgerEntry.payload)
                           .where(LedgerEntry.kind.in_(DRILL_KINDS))  # type: ignore[attr-defined]
                           .order_by(LedgerEntry.seq)).all()
    records: dict[str, DrillRecord] = {}
    for seq, kind, happened_at, operator, incident_no, payload in rows:
        facts = _facts(payload)
        name = str(facts.get("drill", ""))
        if drill_id is not None and name != drill_id:
            continue
        if kind == STARTED:
            records[name] = DrillRecord(
                drill_id=name, scenario_id=str(facts["scenario"]), title_zh=str(facts["title_zh"]),
                title_en=str(facts["title_en"]), speed=float(str(facts["speed"])), started_at=happened_at,
                started_by=operator, scenario_text=str(facts["text"]))
            continue
        record = records.get(name)
        if record is None:
            continue
        _apply(record, seq, kind, happened_at, incident_no, facts)
    return list(records.values())


def _apply(record: DrillRecord, seq: int, kind: str, happened_at: datetime, incident_no: str | None,
           facts: dict[str, object]) -> None:
    if kind == INJECT:
        warning = facts.get("warning")
        key = facts.get("key")
        record.fed.append(FedInject(
            position=int(str(facts["position"])), key=str(key) if key is not None else None,
            kind=str(facts["inject"]), minute=int(str(facts["minute"])), seq=seq, fed_at=happened_at,
            incident_no=incident_no, warning_id=int(str(warning)) if warning is not None else None))
    elif kind == PAUSED:
        record.state = "paused"
        record.pauses.append((happened_at, None))
    elif kind == RESUMED:
        record.state = "running"
        if record.pauses and record.pauses[-1][1] is None:
            record.pauses[-1] = (record.pauses[-1][0], happened_at)
    elif kind in (STOPPED, FINISHED):
        if record.pauses and record.pauses[-1][1] is None:
            record.pauses[-1] = (record.pauses[-1][0], happened_at)
        record.state = kind.removeprefix("drill_")
        record.ended_at = happened_at
        record.stop_reason = str(facts.get("reason", ""))


def drill_record(session: Session, drill_id: str) -> DrillRecord | None:
    found = drill_records(session, drill_id)
    return found[0] if found else None


def drill_incidents(session: Session) -> set[str]:
    """The incidents raised by scripted drills (every drill incident is also flagged `is_drill`)."""
    return {number for record in drill_records(session) for number in record.incident_numbers}
