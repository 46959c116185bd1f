"""The append-only, hash-chained journal (台账) and the replay that checks the state tables.

No code path updates or deletes a ledger entry; a correction is a new entry whose
`corrects_seq` points at the old one. Every state row is written from the `changes` an entry
records, so replaying the ledger must give exactly the state tables.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, and_, func, insert, select, update
from sqlmodel import Session, SQLModel

from model import clock
from model.tables import STATE_TABLES, LedgerEntry, Shift

GENESIS_HASH = "0" * 64
TABLES: dict[str, Table] = {model.__table__.name: model.__table__ for model in STATE_TABLES}  # type: ignore[attr-defined]


def encode(value: Any) -> Any:
    """The JSON form of a stored value; datetimes as UTC ISO 8601 with microseconds."""
    if isinstance(value, datetime):
        return clock.as_utc(value).isoformat(timespec="microseconds")
    return value


def canonical(obj: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 text kept as written."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=encode)


def entry_hash(
    seq: int,
    happened_at: str,
    entered_at: str,
    operator: str,
    shift_id: int | None,
    incident_no: str | None,
    kind: str,
    corrects_seq: int | None,
    payload: str,
    prev_hash: str,
) -> str:
    """SHA-256 over the entry's fields joined by a unit separator no field can contain unescaped."""
    parts = (
        str(seq),
        happened_at,
        entered_at,
        json.dumps(operator, ensure_ascii=False),
        "" if shift_id is None else str(shift_id),
        "" if incident_no is None else json.dumps(incident_no, ensure_ascii=False),
        kind,
        "" if corrects_seq is None else str(corrects_seq),
        payload,
        prev_hash,
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Change:
    """One state row written by an entry: a whole new row, or some columns of an existing one."""

    table: str
    key: dict[str, Any]
    values: dict[str, Any]
    insert: bool = False

    @classmethod
    def new(cls, row: SQLModel) -> Change:
        table: Table = row.__table__  # type: ignore[attr-defined]
        data = {column.name: getattr(row, column.name) for column in table.columns}
        key = {column.name: data.pop(column.name) for column in table.primary_key.columns}
        return cls(table.name, key, data, insert=True)

    @classmethod
    def set(cls, row: SQLModel, **values: Any) -> Change:
        table: Table = row.__table__  # type: ignore[attr-defined]
        key = {column.name: getattr(row, column.name) for column in table.primary_key.columns}
        return cls(table.name, key, values)

    def as_json(self) -> dict[str, Any]:
        return {"table": self.table, "op": "insert" if self.insert else "update",
                "key": self.key, "values": self.values}


def next_id(session: Session, model: type[SQLModel]) -> int:
    """The next integer key; safe because writers hold the write lock while they run."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    column = next(iter(table.primary_key.columns))
    return int(session.execute(select(func.coalesce(func.max(column), 0))).scalar_one()) + 1


def open_shift_id(session: Session) -> int | None:
    statement = select(Shift.id).where(Shift.ended_at.is_(None)).order_by(Shift.id.desc()).limit(1)  # type: ignore[union-attr, attr-defined]
    return session.execute(statement).scalar_one_or_none()


def _apply(session: Session, changes: Sequence[Change]) -> None:
    """Write the changes with Core statements, batching runs of inserts into one executemany."""
    index = 0
    while index < len(changes):
        change = changes[index]
        table = TABLES[change.table]
        if change.insert:
            run = [change]
            while (index + len(run) < len(changes) and changes[index + len(run)].insert
                   and changes[index + len(run)].table == change.table):
                run.append(changes[index + len(run)])
            session.execute(insert(table), [{**item.key, **item.values} for item in run])
            index += len(run)
            continue
        where = and_(*(table.c[name] == value for name, value in change.key.items()))
        result = session.execute(update(table).where(where).values(**change.values))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise LookupError(f"no {change.table} row {change.key} to update")
        index += 1


def append(
    session: Session,
    *,
    kind: str,
    operator: str,
    facts: dict[str, Any],
    changes: Sequence[Change] = (),
    incident_no: str | None = None,
    happened_at: datetime | None = None,
    corrects_seq: int | None = None,
) -> LedgerEntry:
    """Write the state changes and the one entry that records them, in the caller's transaction."""
    head = session.execute(
        select(LedgerEntry.seq, LedgerEntry.hash).order_by(LedgerEntry.seq.desc()).limit(1)  # type: ignore[attr-defined]
    ).first()
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    entered_at = clock.now()
    happened = clock.as_utc(happened_at) if happened_at is not None else entered_at
    shift_id = open_shift_id(session)
    _apply(session, changes)
    payload = canonical({"facts": facts, "changes": [change.as_json() for change in changes]})
    digest = entry_hash(seq, encode(happened), encode(entered_at), operator, shift_id,
                        incident_no, kind, corrects_seq, payload, prev_hash)
    row = {
        "seq": seq, "happened_at": happened, "entered_at": entered_at, "operator": operator,
        "shift_id": shift_id, "incident_no": incident_no, "kind": kind,
        "corrects_seq": corrects_seq, "payload": payload, "prev_hash": prev_hash, "hash": digest,
    }
    session.execute(insert(LedgerEntry.__table__), [row])  # type: ignore[attr-defined]
    session.expire_all()
    return LedgerEntry.model_validate(row)


@dataclass
class VerifyReport:
    """What `ledger verify` found. `bad_seq` is the first entry that breaks the chain or state."""

    entries: int = 0
    bad_seq: int | None = None
    problem: str = ""
    clock_steps_back: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.bad_seq is None and not self.problem


def iter_entries(session: Session, batch: int = 5000) -> Iterator[LedgerEntry]:
    """Every entry in sequence order, streamed in batches so a year's ledger fits in memory."""
    last = 0
    while True:
        rows = session.exec(  # type: ignore[call-overload]
            select(LedgerEntry).where(LedgerEntry.seq > last).order_by(LedgerEntry.seq).limit(batch)  # type: ignore[arg-type]
        ).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


def verify(session: Session, *, check_state: bool = True) -> VerifyReport:
    """Check every hash and link, then that replaying the changes gives the state tables."""
    report = VerifyReport()
    state: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {name: {} for name in TABLES}
    touched_by: dict[tuple[str, tuple[Any, ...]], int] = {}
    expected_prev, expected_seq, last_entered = GENESIS_HASH, 1, ""
    for entry in iter_entries(session):
        report.entries += 1
        entered = encode(entry.entered_at)
        fault = ""
        if entry.seq != expected_seq:
            fault = f"sequence jumps from {expected_seq - 1} to {entry.seq}"
        elif entry.prev_hash != expected_prev:
            fault = "its previous-hash does not match the entry before it"
        elif entry.hash != entry_hash(entry.seq, encode(entry.happened_at), entered, entry.operator,
                                      entry.shift_id, entry.incident_no, entry.kind,
                                      entry.corrects_seq, entry.payload, entry.prev_hash):
            fault = "its content does not match its hash (changed after it was written)"
        if fault:
            report.bad_seq, report.problem = entry.seq, f"entry {entry.seq}: {fault}"
            return report
        if entered < last_entered:
            report.clock_steps_back.append(entry.seq)
        last_entered = entered
        expected_prev, expected_seq = entry.hash, entry.seq + 1
        if check_state:
            _replay(entry, state, touched_by)
    if check_state:
        _compare_state(session, state, touched_by, report)
    return report


def _replay(entry: LedgerEntry, state: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
            touched_by: dict[tuple[str, tuple[Any, ...]], int]) -> None:
    for change in json.loads(entry.payload)["changes"]:
        key = tuple(change["key"][name] for name in sorted(change["key"]))
        rows = state[change["table"]]
        if change["op"] == "insert":
            rows[key] = dict(change["values"])
        else:
            rows.setdefault(key, {}).update(change["values"])
        touched_by[(change["table"], key)] = entry.seq


def _compare_state(session: Session, state: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
                   touched_by: dict[tuple[str, tuple[Any, ...]], int], report: VerifyReport) -> None:
    for name, table in TABLES.items():
        key_names = sorted(column.name for column in table.primary_key.columns)
        expected = state[name]
        seen: set[tuple[Any, ...]] = set()
        for row in session.execute(select(table)).mappings():
            key = tuple(row[column] for column in key_names)
            seen.add(key)
            recorded = expected.get(key)
            label = f"{name} {'/'.join(str(part) for part in key)}"
            if recorded is None:
                report.problem = f"{label} is in the state tables but no ledger entry wrote it"
                return
            for column, value in recorded.items():
                if encode(row[column]) != value:
                    seq = touched_by[(name, key)]
                    report.bad_seq = seq
                    report.problem = (f"{label}: {column} is {encode(row[column])!r} but the ledger "
                                      f"(last at entry {seq}) says {value!r}")
                    return
        missing = [key for key in expected if key not in seen]
        if missing:
            seq = touched_by[(name, missing[0])]
            report.bad_seq = seq
            report.problem = f"{name} {missing[0]} written by entry {seq} is missing from the state tables"
            return


def export_lines(session: Session) -> Iterable[str]:
    """One canonical JSON line per entry, payload decoded, in sequence order."""
    for entry in iter_entries(session):
        yield canonical({
            "seq": entry.seq, "happened_at": entry.happened_at, "entered_at": entry.entered_at,
            "operator": entry.operator, "shift_id": entry.shift_id,
            "incident_no": entry.incident_no, "kind": entry.kind,
            "corrects_seq": entry.corrects_seq, "payload": json.loads(entry.payload),
            "prev_hash": entry.prev_hash, "hash": entry.hash,
        })
