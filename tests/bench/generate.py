"""A busy year of a district's desk: ~50,000 incidents, ~1,000,000 ledger entries, 2,000 resources.

Run: uv run python tests/bench/generate.py [--incidents N]   (prints the cached file's path)

The roster and the shifts go through the real actions. The incidents take a documented faster
path: their state changes are built as the incident and resource actions build them (the same
`Change` rows, facts and kinds) and written with `ledger.append` itself, thousands of entries per
transaction and with the clock frozen at each entry's time. Entries are therefore encoded, chained
and hashed by the one function every action uses, and `ledger verify` checks the result like any
ledger. What the faster path skips is each action's checks and its one-transaction-per-entry
commit, which at ~400 durable commits a second would take the better part of an hour.

The file is cached under the system temp folder by size, so later runs reuse it.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from model import actions, clock, ledger
from model.columns import ImportKind
from model.config import load_config
from model.db import open_ledger, read_session, sqlite_url, write_session
from model.ledger import Change
from model.schemas import ReportIn, UnitIn

CACHE = Path(tempfile.gettempdir()) / "linkdesk-bench"
YEAR_START = datetime(2025, 1, 1, tzinfo=UTC)
OPERATORS = ("值班员 王磊", "值班员 李娜", "值班员 张伟", "值班员 刘洋")
UNITS = [("XF", "消防救援大队", "fire"), ("GA", "公安分局", "police"), ("WJ", "卫生健康局", "health"),
         ("JJ", "交警大队", "transport"), ("SL", "水务局", "water")]
CHANNELS = ("110", "119", "120", "122", "12345", "phone")
TYPES = ("fire", "traffic_accident", "flood", "hazardous_chemical_leak")
STATUS_FLOW = ("acknowledged", "en_route", "on_scene", "returning", "available")
ENTRIES_PER_TRANSACTION = 5000
OPEN_AT_END = 40
"""The last incidents are left open, so the console's queue has a realistic night's load."""


def ledger_file(incidents: int) -> Path:
    return CACHE / f"year-{incidents}.db"


def _roster(engine_path: Path, resources: int) -> list[str]:
    engine = open_ledger(sqlite_url(engine_path))
    with write_session(engine) as session:
        for code, name, kind in UNITS:
            actions.register_unit(session=session, operator=OPERATORS[0], unit=UnitIn(
                code=code, name=name, kind=kind, tier=1, duty_phone="0317-5366119"))
    codes = [f"{UNITS[n % len(UNITS)][0]}-{n:05d}" for n in range(resources)]
    rows = [actions.FileRow(n + 2, {"code": code, "unit_code": code[:2], "type": ("fire_engine", "patrol_car", "ambulance", "tow_truck", "pump_truck")[n % len(UNITS)],
                                    "name": f"车辆 {code}", "lat": "38.5", "lon": "117.39"})
            for n, code in enumerate(codes)]
    with write_session(engine) as session:
        actions.import_rows(session=session, operator=OPERATORS[0], kind=ImportKind.RESOURCES, rows=rows,
                            source=actions.ImportSource("roster.csv", "0" * 64, "csv"))
    engine.dispose()
    return codes


def _incident_entries(no: str, when: datetime, n: int, codes: list[str], finished: bool
                      ) -> list[tuple[datetime, str, str, dict[str, object], list[Change]]]:
    """(time, kind, operator, facts, changes) of one incident's life, as the actions record it."""
    operator = OPERATORS[n % len(OPERATORS)]
    report = ReportIn.model_construct(channel=CHANNELS[n % len(CHANNELS)], type=TYPES[n % len(TYPES)],
                                      address=f"南大港管理区 {n % 300} 号路口", description=f"第 {n} 起报警：现场冒烟，有人呼救",
                                      caller_name="报警人", caller_unit="", caller_phone=f"138{n:08d}", lat=38.5,
                                      lon=117.39, occurred_at=None, people_affected=None, injured=n % 3,
                                      deaths=None, losses="", trend="", measures_taken="", is_drill=n % 50 == 0,
                                      external_id=None)
    fields = report.model_dump()
    incident = {"received_at": when, "occurred_at": None, **{k: v for k, v in fields.items() if k != "occurred_at"},
                "level": None, "state": "received", "merged_into": None, "received_by": operator,
                "verified_at": None, "activated_at": None, "ended_at": None, "closed_at": None, "updated_at": when}
    first = {"incident_no": no, "received_at": when, "channel": report.channel, "caller_name": report.caller_name,
             "caller_phone": report.caller_phone, "description": report.description}
    key = {"no": no}
    out: list[tuple[datetime, str, str, dict[str, object], list[Change]]] = [
        (when, "report_received", operator, {"report": report.model_dump(mode="json")},
         [Change("incident", key, incident, insert=True), Change("report", {"id": n + 1}, first, insert=True)])]
    at = when + timedelta(minutes=2)
    out.append((at, "incident_verified", operator, {"note": ""},
                [Change("incident", key, {"state": "verified", "verified_at": at, "updated_at": at})]))
    if not finished:
        return out
    at += timedelta(minutes=1)
    out.append((at, "incident_graded", operator, {"level": "IV", "reason": ""},
                [Change("incident", key, {"level": "IV", "updated_at": at})]))
    for slot in range(2):
        code = codes[(2 * n + slot) % len(codes)]
        assignment_id = 2 * n + slot + 1
        at += timedelta(minutes=1)
        out.append((at, "resource_dispatched", operator, {"resource": code, "step": None}, [
            Change("assignment", {"id": assignment_id}, {
                "incident_no": no, "resource_code": code, "step_id": None, "status": "dispatched",
                "dispatched_at": at, "acknowledged_at": None, "en_route_at": None, "on_scene_at": None,
                "returning_at": None, "cleared_at": None, "dispatched_by": operator}, insert=True),
            Change("resource", {"code": code}, {"status": "dispatched", "status_since": at, "incident_no": no,
                                                "assignment_id": assignment_id, "last_dispatched_at": at}),
            Change("incident", key, {"updated_at": at})]))
        previous = "dispatched"
        for status in STATUS_FLOW:
            at += timedelta(minutes=4)
            column = {"acknowledged": "acknowledged_at", "en_route": "en_route_at", "on_scene": "on_scene_at",
                      "returning": "returning_at", "available": "cleared_at"}[status]
            released = {"incident_no": None, "assignment_id": None} if status == "available" else {}
            out.append((at, "resource_status", operator,
                        {"resource": code, "from": previous, "to": status, "reason": ""}, [
                Change("assignment", {"id": assignment_id}, {"status": status, column: at}),
                Change("resource", {"code": code}, {"status": status, "status_since": at, **released})]))
            previous = status
    for note in range(3):
        at += timedelta(minutes=3)
        out.append((at, "note", operator, {"text": f"现场反馈 {note + 1}：处置进行中", "unit": None},
                    [Change("incident", key, {"updated_at": at})]))
    at += timedelta(minutes=5)
    out.append((at, "incident_ended", operator, {"summary": "处置完毕"},
                [Change("incident", key, {"state": "ended", "ended_at": at, "updated_at": at})]))
    at += timedelta(minutes=30)
    out.append((at, "incident_closed", operator, {},
                [Change("incident", key, {"state": "closed", "closed_at": at, "updated_at": at})]))
    return out


def generate(incidents: int, resources: int = 2000, *, fresh: bool = False) -> Path:
    """The cached ledger of `incidents` incidents spread over a year (built when missing)."""
    path = ledger_file(incidents)
    if path.exists() and not fresh:
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    with clock.frozen(YEAR_START - timedelta(days=1)):
        codes = _roster(partial, resources)
    engine = open_ledger(sqlite_url(partial))
    spacing = timedelta(days=365) / incidents
    tz = load_config().tz
    per_day: dict[str, int] = {}
    pending = 0
    session = write_session(engine)
    shift_day = ""
    for n in range(incidents):
        when = YEAR_START + n * spacing
        day = when.astimezone(tz).strftime("%Y%m%d")
        if day != shift_day:
            session.commit()
            session.close()
            with clock.frozen(when), write_session(engine) as shift_session:
                if shift_day:
                    actions.hand_over_shift(session=shift_session, operator=OPERATORS[0], notes="交接完毕",
                                            handed_to=OPERATORS[1], next_name=f"{day} 班", next_officers=list(OPERATORS[:2]))
                else:
                    actions.start_shift(session=shift_session, operator=OPERATORS[0], name=f"{day} 班",
                                        officers=list(OPERATORS[:2]))
            shift_day = day
            session = write_session(engine)
        per_day[day] = per_day.get(day, 0) + 1
        no = f"{day}-{per_day[day]:04d}"
        for at, kind, operator, facts, changes in _incident_entries(no, when, n, codes, n < incidents - OPEN_AT_END):
            with clock.frozen(at):
                ledger.append(session, kind=kind, operator=operator, facts=facts, changes=changes,
                              incident_no=no, happened_at=at)
            pending += 1
            if pending >= ENTRIES_PER_TRANSACTION:
                session.commit()
                pending = 0
    session.commit()
    session.close()
    engine.dispose()
    partial.replace(path)
    return path


def entries(path: Path) -> int:
    engine = open_ledger(sqlite_url(path))
    with read_session(engine) as session:
        count = sum(1 for _ in ledger.chain_rows(session))
    engine.dispose()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=50_000)
    parser.add_argument("--fresh", action="store_true", help="rebuild even when a cached file exists")
    arguments = parser.parse_args()
    path = generate(arguments.incidents, fresh=arguments.fresh)
    print(f"{path}: {entries(path):,} entries")


if __name__ == "__main__":
    main()
