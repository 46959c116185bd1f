"""A busy year of a district's desk: ~50,000 incidents, ~1,000,000 ledger entries, 2,000 resources.

Run: uv run python tests/bench/generate.py [--incidents N] [--fresh] [--through-actions]
(prints the cached file's path, its entry count and how long it took)

The year is one timeline of events in time order (`timeline`): a shift handover at 08:00 and
20:00, and incidents ~10 minutes apart, each received, verified, graded, sent two resources that
report five statuses each, given three notes, ended and closed; the last few stay open. Lives
overlap, so entries come in the order a desk would write them and `entered_at` never steps back.

Two writers record the same timeline:

- `through_actions` calls the real actions (`receive_report`, `dispatch_resource`, ...) with the
  clock frozen at each event. It is exact by definition but costs ~2.5 ms of Python per action,
  ~40 minutes for a year on a 2-core machine.
- `fast` is the documented faster path the year uses. It builds each entry's `Change` rows and
  facts the way the action builds them (from the same table models and enums), then encodes,
  chains and hashes them with the ledger's own `canonical`, `encode` and `entry_hash`. It keeps the
  state rows in memory until they are final and writes entries and rows in batches of
  executemany, 20,000 entries a transaction. Durability is irrelevant for a generated fixture,
  so both writers run with `synchronous = OFF` and the journal in memory.

tests/model/test_year_generator.py runs both writers on a small year and asserts that the
ledger entries (every column, hash included) and the state tables are byte-identical, and that
`ledger.verify` passes; the generated year is also checked with `linkdesk ledger verify`.
The roster (5 units, 2,000 resources) goes through the real import action in both writers.

Files are cached by size and generator version under $LINKDESK_BENCH_CACHE (default
~/.cache/linkdesk-bench), so later runs reuse them.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, insert, update

from model import actions, clock, ledger
from model.columns import ImportKind
from model.config import load_config
from model.db import make_engine, sqlite_url, upgrade, write_session
from model.ledger import Change
from model.lifecycle import ASSIGNMENT_TIME_COLUMN, IncidentState, ResourceStatus
from model.schemas import ReportIn, UnitIn
from model.tables import Assignment, Incident, Report, Shift

VERSION = 3
"""Part of the cached file's name: bump it whenever the timeline or a writer changes."""
CACHE = Path(os.environ.get("LINKDESK_BENCH_CACHE", Path.home() / ".cache" / "linkdesk-bench"))
YEAR_START = datetime(2025, 1, 1, tzinfo=UTC)
OPERATORS = ("值班员 王磊", "值班员 李娜", "值班员 张伟", "值班员 刘洋")
UNITS = [("XF", "消防救援大队", "fire", "fire_engine"), ("GA", "公安分局", "police", "patrol_car"),
         ("WJ", "卫生健康局", "health", "ambulance"), ("JJ", "交警大队", "transport", "tow_truck"),
         ("SL", "水务局", "water", "pump_truck")]
CHANNELS = ("110", "119", "120", "122", "12345", "phone")
TYPES = ("fire", "traffic_accident", "flood", "hazardous_chemical_leak")
STATUS_FLOW = ("acknowledged", "en_route", "on_scene", "returning", "available")
HANDOVER_HOURS = (8, 20)
OPEN_AT_END = 40
"""The last incidents (at most a tenth) are left open, so the console's queue has a night's load."""
ENTRIES_PER_TRANSACTION = 20_000


@dataclass(frozen=True)
class Event:
    """One thing the desk records at `at`: an action's name and what it is about."""

    at: datetime
    kind: str
    incident_no: str = ""
    n: int = 0
    resource: str = ""
    status: str = ""


def ledger_file(incidents: int) -> Path:
    return CACHE / f"year-v{VERSION}-{incidents}.db"


def resource_codes(resources: int) -> list[str]:
    return [f"{UNITS[n % len(UNITS)][0]}-{n:05d}" for n in range(resources)]


def report_of(n: int) -> ReportIn:
    """The n-th call of the year, validated as the intake form validates it."""
    return ReportIn(channel=CHANNELS[n % len(CHANNELS)], type=TYPES[n % len(TYPES)],
                    address=f"南大港管理区 {n % 300} 号路口", description=f"第 {n} 起报警：现场冒烟，有人呼救",
                    caller_name="报警人", caller_phone=f"138{n:08d}", lat=38.5, lon=117.39, injured=n % 3,
                    is_drill=n % 50 == 0)


def _incident_events(n: int, no: str, when: datetime, codes: list[str], finished: bool) -> list[Event]:
    minute = timedelta(minutes=1)
    events = [Event(when, "receive_report", no, n), Event(when + 2 * minute, "verify", no, n)]
    if not finished:
        return events
    events.append(Event(when + 3 * minute, "grade", no, n))
    for slot in range(2):
        code = codes[(2 * n + slot) % len(codes)]
        dispatched = when + (4 + slot) * minute
        events.append(Event(dispatched, "dispatch_resource", no, n, resource=code))
        events += [Event(dispatched + 4 * (step + 1) * minute, "set_resource_status", no, n, code, status)
                   for step, status in enumerate(STATUS_FLOW)]
    events += [Event(when + (10 + 5 * note) * minute, "add_note", no, n, status=str(note + 1)) for note in range(3)]
    events += [Event(when + 30 * minute, "end_incident", no, n), Event(when + 60 * minute, "close_incident", no, n)]
    return events


def _handovers(first: datetime, last: datetime) -> list[Event]:
    tz = load_config().tz
    day = first.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    events: list[Event] = []
    while day <= last:
        for hour in HANDOVER_HOURS:
            at = day.replace(hour=hour).astimezone(UTC)
            if first <= at <= last:
                events.append(Event(at, "hand_over_shift" if events else "start_shift",
                                    status=at.astimezone(tz).strftime(f"%Y%m%d {'白班' if hour == 8 else '夜班'}")))
        day += timedelta(days=1)
    return events


def timeline(incidents: int, codes: list[str], days: int = 365) -> Iterator[Event]:
    """Every event of the period in time order; equal times keep the order they were planned in."""
    spacing = timedelta(days=days) / incidents
    tz = load_config().tz
    order = itertools.count()
    heap: list[tuple[datetime, int, Event]] = [(planned.at, next(order), planned)
                                              for planned in _handovers(YEAR_START, YEAR_START + timedelta(days=days))]
    heapq.heapify(heap)
    per_day: dict[str, int] = {}
    still_open = min(OPEN_AT_END, incidents // 10)
    for n in range(incidents):
        when = YEAR_START + timedelta(minutes=1) + n * spacing
        while heap and heap[0][0] <= when:
            yield heapq.heappop(heap)[2]
        day = when.astimezone(tz).strftime("%Y%m%d")
        per_day[day] = per_day.get(day, 0) + 1
        for planned in _incident_events(n, f"{day}-{per_day[day]:04d}", when, codes, n < incidents - still_open):
            heapq.heappush(heap, (planned.at, next(order), planned))
    while heap:
        yield heapq.heappop(heap)[2]


def operator_of(event: Event) -> str:
    return OPERATORS[event.n % len(OPERATORS)] if event.incident_no else OPERATORS[0]


def level_of(n: int) -> str:
    return "III" if n % 20 == 0 else "IV"


LEDGER_ID = "bench-year"
"""The id every generated ledger gets, so the two writers' files can be compared byte for byte."""


def _unsafe_engine(path: Path) -> Engine:
    """The ledger's own engine with durability switched off: for a generated fixture only."""
    engine = make_engine(sqlite_url(path))

    @event.listens_for(engine, "connect")
    def fast_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = MEMORY")
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.close()

    upgrade(engine, ledger_id=LEDGER_ID)
    return engine


def _roster(engine: Engine, codes: list[str]) -> None:
    with clock.frozen(YEAR_START - timedelta(days=1)), write_session(engine) as session:
        for code, name, kind, _ in UNITS:
            actions.register_unit(session=session, operator=OPERATORS[0], unit=UnitIn(
                code=code, name=name, kind=kind, tier=1, duty_phone="0317-5366119"))
        rows = [actions.FileRow(n + 2, {"code": code, "unit_code": code[:2], "type": UNITS[n % len(UNITS)][3],
                                        "name": f"车辆 {code}", "lat": "38.5", "lon": "117.39"})
                for n, code in enumerate(codes)]
        actions.import_rows(session=session, operator=OPERATORS[0], kind=ImportKind.RESOURCES, rows=rows,
                            source=actions.ImportSource("roster.csv", "0" * 64, "csv"))


def through_actions(engine: Engine, events: Iterator[Event]) -> None:
    """Record every event with the real action, the clock frozen at its time."""
    with write_session(engine) as session:
        for item in events:
            common: dict[str, Any] = {"session": session, "operator": operator_of(item)}
            with clock.frozen(item.at):
                if item.kind == "start_shift":
                    actions.start_shift(**common, name=item.status, officers=list(OPERATORS[:2]))
                elif item.kind == "hand_over_shift":
                    actions.hand_over_shift(**common, notes="交接完毕", handed_to=OPERATORS[1],
                                            next_name=item.status, next_officers=list(OPERATORS[:2]))
                elif item.kind == "receive_report":
                    row = actions.receive_report(**common, report=report_of(item.n))
                    assert row.no == item.incident_no, (row.no, item.incident_no)
                elif item.kind == "grade":
                    actions.grade(**common, incident_no=item.incident_no, level=level_of(item.n))
                elif item.kind == "dispatch_resource":
                    actions.dispatch_resource(**common, incident_no=item.incident_no, resource_code=item.resource)
                elif item.kind == "set_resource_status":
                    actions.set_resource_status(**common, resource_code=item.resource, status=item.status)
                elif item.kind == "add_note":
                    actions.add_note(**common, incident_no=item.incident_no, text=f"现场反馈 {item.status}：处置进行中")
                elif item.kind == "end_incident":
                    actions.end_incident(**common, incident_no=item.incident_no, summary="处置完毕")
                elif item.kind == "verify":
                    actions.verify(**common, incident_no=item.incident_no, method="call_back")
                else:
                    actions.close_incident(**common, incident_no=item.incident_no)


class FastWriter:
    """Entries built as the actions build them, chained in memory and written in batches.

    State rows stay in memory until nothing will change them again (an incident with its report
    and assignments once it is closed, a shift once handed over); resources are updated at the end.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        with engine.connect() as connection:
            newest_first = ledger.ENTRY_TABLE.select().order_by(ledger.ENTRY_TABLE.c.seq.desc())
            head = connection.execute(newest_first.limit(1)).first()
        assert head is not None, "the roster is recorded first"
        self.seq, self.prev_hash = head.seq, head.hash
        self.entries: list[dict[str, Any]] = []
        self.rows: dict[str, dict[Any, dict[str, Any]]] = {"incident": {}, "report": {}, "assignment": {}, "shift": {}}
        self.ready: dict[str, list[dict[str, Any]]] = {name: [] for name in self.rows}
        self.resources: dict[str, dict[str, Any]] = {}
        self.status: dict[str, str] = {}
        self.assignment_of: dict[str, int | None] = {}
        self.incident_of: dict[str, str | None] = {}
        self.assignments_of: dict[str, list[int]] = {}
        self.report_of: dict[str, int] = {}
        self.next_id = {"report": 1, "assignment": 1, "shift": 1}
        self.open_shift: int | None = None

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def append(self, at: datetime, kind: str, operator: str, facts: dict[str, Any], changes: list[Change],
               incident_no: str | None = None) -> None:
        """What `ledger.append` writes for an entry made at `at` (entered and happened then)."""
        self.seq += 1
        payload = ledger.canonical({"facts": facts, "changes": [change.as_json() for change in changes]})
        stamp = ledger.encode(at)
        digest = ledger.entry_hash(self.seq, stamp, stamp, operator, self.open_shift, incident_no, kind, None,
                                   payload, self.prev_hash)
        self.entries.append({"seq": self.seq, "happened_at": at, "entered_at": at, "operator": operator,
                             "shift_id": self.open_shift, "incident_no": incident_no, "kind": kind,
                             "corrects_seq": None, "payload": payload, "prev_hash": self.prev_hash, "hash": digest})
        self.prev_hash = digest
        for change in changes:
            if change.table == "resource":
                self.resources.setdefault(change.key["code"], {}).update(change.values)
                continue
            key = next(iter(change.key.values()))
            if change.insert:
                self.rows[change.table][key] = {**change.key, **change.values}
            else:
                self.rows[change.table][key].update(change.values)
        if len(self.entries) >= ENTRIES_PER_TRANSACTION:
            self.flush()

    def _final(self, table: str, key: Any) -> None:
        self.ready[table].append(self.rows[table].pop(key))

    def flush(self) -> None:
        with self.engine.begin() as connection:
            for name in ("incident", "report", "assignment", "shift"):
                if self.ready[name]:
                    connection.execute(insert(ledger.TABLES[name]), self.ready[name])
                    self.ready[name] = []
            if self.entries:
                connection.execute(insert(ledger.ENTRY_TABLE), self.entries)
                self.entries = []

    def finish(self) -> None:
        for name in ("incident", "report", "assignment", "shift"):
            for key in list(self.rows[name]):
                self._final(name, key)
        self.flush()
        table = ledger.TABLES["resource"]
        with self.engine.begin() as connection:
            for code, values in self.resources.items():
                connection.execute(update(table).where(table.c.code == code).values(**values))

    def record(self, item: Event) -> None:
        at, no, operator = item.at, item.incident_no, operator_of(item)
        if item.kind in ("start_shift", "hand_over_shift"):
            self._shift(item, operator)
        elif item.kind == "receive_report":
            report = report_of(item.n)
            row = Incident(no=no, received_at=at, received_by=operator, updated_at=at, state=IncidentState.RECEIVED,
                           **report.model_dump())
            first = Report(id=self._id("report"), incident_no=no, received_at=at, channel=report.channel,
                           caller_name=report.caller_name, caller_phone=report.caller_phone,
                           description=report.description)
            self.append(at, "report_received", operator, {"report": report.model_dump(mode="json")},
                        [Change.new(row), Change.new(first)], no)
            self.assignments_of[no] = []
            self.report_of[no] = first.id
        elif item.kind == "verify":
            self.append(at, "incident_verified", operator, {"method": "call_back", "note": ""},
                        [_set("incident", no, state=IncidentState.VERIFIED.value, verified_at=at, updated_at=at)], no)
        elif item.kind == "grade":
            level = level_of(item.n)
            self.append(at, "incident_graded", operator, {"level": level, "reason": ""},
                        [_set("incident", no, level=level, updated_at=at)], no)
        elif item.kind == "dispatch_resource":
            self._dispatch(item, operator)
        elif item.kind == "set_resource_status":
            self._status(item, operator)
        elif item.kind == "add_note":
            self.append(at, "note", operator, {"text": f"现场反馈 {item.status}：处置进行中", "unit": None},
                        [_set("incident", no, updated_at=at)], no)
        elif item.kind == "end_incident":
            self.append(at, "incident_ended", operator, {"summary": "处置完毕"},
                        [_set("incident", no, state=IncidentState.ENDED.value, ended_at=at, updated_at=at)], no)
        else:
            self.append(at, "incident_closed", operator, {},
                        [_set("incident", no, state=IncidentState.CLOSED.value, closed_at=at, updated_at=at)], no)
            self._final("incident", no)
            self._final("report", self.report_of.pop(no))
            for assignment_id in self.assignments_of.pop(no):
                self._final("assignment", assignment_id)

    def _shift(self, item: Event, operator: str) -> None:
        officers = ", ".join(OPERATORS[:2])
        following = Shift(id=self._id("shift"), name=item.status, officers=officers, started_at=item.at)
        if self.open_shift is None:
            self.append(item.at, "shift_started", operator, {"shift": following.id, "officers": officers},
                        [Change.new(following)])
        else:
            self.append(item.at, "shift_handed_over", operator,
                        {"shift": self.open_shift, "handed_to": OPERATORS[1], "next": following.id,
                         "head": {"seq": self.seq, "hash": self.prev_hash}},
                        [_set("shift", self.open_shift, ended_at=item.at, handover_notes="交接完毕",
                              handed_to=OPERATORS[1]), Change.new(following)])
            self._final("shift", self.open_shift)
        self.open_shift = following.id

    def _dispatch(self, item: Event, operator: str) -> None:
        at, no, code = item.at, item.incident_no, item.resource
        assert self.status.get(code, "available") == "available", f"{code} is busy at {at}"
        assignment = Assignment(id=self._id("assignment"), incident_no=no, resource_code=code, step_id=None,
                                dispatched_at=at, dispatched_by=operator)
        self.append(at, "resource_dispatched", operator, {"resource": code, "step": None}, [
            Change.new(assignment),
            _set("resource", code, status=ResourceStatus.DISPATCHED.value, status_since=at, incident_no=no,
                 assignment_id=assignment.id, last_dispatched_at=at),
            _set("incident", no, updated_at=at)], no)
        self.status[code], self.assignment_of[code], self.incident_of[code] = "dispatched", assignment.id, no
        self.assignments_of[no].append(assignment.id)

    def _status(self, item: Event, operator: str) -> None:
        at, code, target = item.at, item.resource, ResourceStatus(item.status)
        released = target == ResourceStatus.AVAILABLE
        changes = [_set("assignment", self.assignment_of[code], status=target.value,
                        **{ASSIGNMENT_TIME_COLUMN[target]: at}),
                   _set("resource", code, status=target.value, status_since=at,
                        **({"incident_no": None, "assignment_id": None} if released else {}))]
        self.append(at, "resource_status", operator,
                    {"resource": code, "from": self.status[code], "to": target.value, "reason": ""},
                    changes, self.incident_of[code])
        self.status[code] = target.value
        if released:
            self.assignment_of[code] = self.incident_of[code] = None


def _set(table: str, key: Any, **values: Any) -> Change:
    """`Change.set` for a row held as a key: the one primary-key column of each table used here."""
    column = {"incident": "no", "resource": "code"}.get(table, "id")
    return Change(table, {column: key}, values)


def fast(engine: Engine, events: Iterator[Event]) -> None:
    writer = FastWriter(engine)
    for item in events:
        writer.record(item)
    writer.finish()


def build(path: Path, incidents: int, resources: int = 2000,
          writer: Callable[[Engine, Iterator[Event]], None] = fast, days: int = 365) -> None:
    """Write `days` of `incidents` incidents into a new file at `path`."""
    engine = _unsafe_engine(path)
    codes = resource_codes(resources)
    _roster(engine, codes)
    writer(engine, timeline(incidents, codes, days))
    with engine.connect() as connection:
        problems = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    engine.dispose()
    assert not problems, problems[:5]


def generate(incidents: int, resources: int = 2000, *, fresh: bool = False,
             writer: Callable[[Engine, Iterator[Event]], None] = fast) -> Path:
    """The cached ledger of `incidents` incidents spread over a year (built when missing)."""
    path = ledger_file(incidents)
    if path.exists() and not fresh:
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    build(partial, incidents, resources, writer)
    partial.replace(path)
    return path


def entries(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM ledger_entry").fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=50_000)
    parser.add_argument("--fresh", action="store_true", help="rebuild even when a cached file exists")
    parser.add_argument("--through-actions", action="store_true",
                        help="use the real actions (slow) instead of the fast path")
    arguments = parser.parse_args()
    started = time.perf_counter()
    path = generate(arguments.incidents, fresh=arguments.fresh,
                    writer=through_actions if arguments.through_actions else fast)
    seconds = time.perf_counter() - started
    print(f"{path}: {entries(path):,} entries, {path.stat().st_size / 2**20:,.0f} MiB, {seconds:,.1f} s")


if __name__ == "__main__":
    main()
