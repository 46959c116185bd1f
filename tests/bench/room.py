"""A room under load: following seats and writing seats on one ledger, desk-to-desk latency measured.

Each seat is a process of its own with its own connection. A following seat does what the
console's follower does: it waits on the ledger's watch (LISTEN/NOTIFY on PostgreSQL,
`PRAGMA data_version` on SQLite) and reads the entries after the last seq it has seen. Its
desk-to-desk latency for an entry is the moment it has read the entry minus the entry's
`entered_at` (one machine, one clock). Writing seats together make `--rate` actions a second:
they receive reports, grade them, order resources, move them on and bring them back, picking
resources at random so that two seats now and then order the same one and one is refused.

Run:
  uv run python tests/bench/room.py                          # PostgreSQL (pgserver), 20 seats, 5 minutes
  uv run python tests/bench/room.py --minutes 0.5            # a short run
  uv run python tests/bench/room.py --db postgresql://…      # an existing server's empty database
  uv run python tests/bench/room.py --backend sqlite --most  # the most seats SQLite holds within target

Prints desk-to-desk p50/p95/p99, the writes refused by reason, whether the chain verified at the
end, and one JSON line with the figures (`desk_to_desk_ms_p95` among them).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select

from model import actions, ledger
from model.db import make_engine, open_ledger, read_session, sqlite_url, write_session
from model.errors import DomainError, LedgerUnavailable
from model.schemas import ReportIn, ResourceIn, UnitIn
from model.tables import LedgerEntry
from model.watch import watch

TARGET_P95_MS = 300.0
"""The data-flow issue's desk-to-desk target (issue 15)."""
RESOURCES = 40
FORK = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class Figures:
    backend: str
    seats: int
    writers: int
    rate: float
    seconds: float
    entries: int
    p50: float
    p95: float
    p99: float
    refused: dict[str, int]
    verified: bool

    def line(self) -> str:
        return json.dumps({"backend": self.backend, "following_seats": self.seats, "writing_seats": self.writers,
                           "actions_per_s": self.rate, "seconds": round(self.seconds, 1), "entries": self.entries,
                           "desk_to_desk_ms_p50": round(self.p50, 1), "desk_to_desk_ms_p95": round(self.p95, 1),
                           "desk_to_desk_ms_p99": round(self.p99, 1), "refused": self.refused,
                           "chain_verified": self.verified}, ensure_ascii=False)


def seed(url: str) -> None:
    """A fire brigade with RESOURCES engines, the roster the writers order from."""
    engine = open_ledger(url)
    with write_session(engine) as session:
        actions.register_unit(session=session, operator="bench", unit=UnitIn(
            code="XF", name="消防大队", kind="fire", tier=1, duty_phone="119"))
        for number in range(RESOURCES):
            actions.register_resource(session=session, operator="bench", resource=ResourceIn(
                code=f"E{number}", unit_code="XF", type="fire_engine", name=f"水罐车{number}号"))
    engine.dispose()


def follow(url: str, ready: Any, stop: Any, results: Any) -> None:
    """A following seat: wake on the watch, read the entries after the last seen seq, time each."""
    engine = make_engine(url)
    ledger_watch = watch(engine)
    last = 0
    latencies: list[float] = []
    with read_session(engine) as session:
        last = int(session.execute(select(LedgerEntry.seq).order_by(LedgerEntry.seq.desc()).limit(1)).scalar() or 0)
    ready.wait()
    while not stop.is_set():
        if not ledger_watch.changed():
            time.sleep(ledger_watch.poll_seconds)
            continue
        with read_session(engine) as session:
            rows = session.execute(select(LedgerEntry.seq, LedgerEntry.entered_at)
                                   .where(LedgerEntry.seq > last).order_by(LedgerEntry.seq)).all()  # type: ignore[arg-type]
        now = time.time()
        for seq, entered_at in rows:
            latencies.append((now - entered_at.timestamp()) * 1000)
            last = seq
    ledger_watch.close()
    results.put(latencies)


def reason_of(error: Exception) -> str:
    """A refusal's reason with its numbers and codes blanked, so like refusals count together."""
    first = str(error).split(";")[0]
    return re.sub(r"\S*\d\S*", "…", first)


def write(url: str, name: str, rate: float, seed_no: int, ready: Any, stop: Any, results: Any) -> None:
    """A writing seat: `rate` actions a second, each in its own write session, as a desk does."""
    engine = make_engine(url)
    chooser = random.Random(seed_no)
    refused: Counter[str] = Counter()
    open_incidents: list[str] = []
    moves = {"dispatched": "acknowledged", "acknowledged": "en_route", "en_route": "on_scene",
             "on_scene": "returning", "returning": "available"}
    mine: dict[str, str] = {}
    ready.wait()
    next_at = time.monotonic()
    while not stop.is_set():
        next_at += 1 / rate
        time.sleep(max(0.0, next_at - time.monotonic()))
        try:
            with write_session(engine) as session:
                roll = chooser.random()
                if not open_incidents or roll < 0.2:
                    row = actions.receive_report(session=session, operator=name, report=ReportIn(
                        channel="119", type="fire", address=f"{name} 港城路{chooser.randint(1, 999)}号",
                        description="仓库起火"))
                    open_incidents.append(row.no)
                    open_incidents[:] = open_incidents[-5:]
                elif roll < 0.3:
                    actions.grade(session=session, operator=name, incident_no=chooser.choice(open_incidents),
                                  level="IV")
                elif roll < 0.6 or not mine:
                    code = f"E{chooser.randrange(RESOURCES)}"
                    actions.dispatch_resource(session=session, operator=name,
                                              incident_no=chooser.choice(open_incidents), resource_code=code)
                    mine[code] = "dispatched"
                else:
                    code = chooser.choice(sorted(mine))
                    target = moves[mine[code]]
                    actions.set_resource_status(session=session, operator=name, resource_code=code, status=target)
                    if target == "available":
                        del mine[code]
                    else:
                        mine[code] = target
        except (DomainError, LedgerUnavailable) as error:
            refused[reason_of(error)] += 1
    results.put(dict(refused))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_room(url: str, backend: str, seats: int, writers: int, rate: float, seconds: float) -> Figures:
    seed(url)
    ready, stop = FORK.Event(), FORK.Event()
    followed, wrote = FORK.Queue(), FORK.Queue()
    processes = [FORK.Process(target=follow, args=(url, ready, stop, followed)) for _ in range(seats)]
    processes += [FORK.Process(target=write, args=(url, f"seat{number}", rate / writers, number, ready, stop, wrote))
                  for number in range(writers)]
    for process in processes:
        process.start()
    time.sleep(2.0)
    ready.set()
    started = time.monotonic()
    time.sleep(seconds)
    stop.set()
    latencies = [value for _ in range(seats) for value in followed.get(timeout=120)]
    refused: Counter[str] = Counter()
    for _ in range(writers):
        refused.update(wrote.get(timeout=120))
    for process in processes:
        process.join(timeout=30)
    elapsed = time.monotonic() - started
    engine = open_ledger(url)
    with read_session(engine) as session:
        report = ledger.verify(session)
    engine.dispose()
    return Figures(backend, seats, writers, rate, elapsed, report.entries, percentile(latencies, 0.5),
                   percentile(latencies, 0.95), percentile(latencies, 0.99), dict(refused.most_common()), report.ok)


def show(figures: Figures) -> None:
    print(f"{figures.backend}: {figures.seats} following seats, {figures.writers} writing seats at "
          f"{figures.rate:g} actions/s for {figures.seconds:.0f} s: {figures.entries} entries")
    print(f"  desk to desk: p50 {figures.p50:.1f} ms, p95 {figures.p95:.1f} ms, p99 {figures.p99:.1f} ms "
          f"(target p95 ≤ {TARGET_P95_MS:.0f} ms)")
    print("  refused writes by reason:" + ("" if figures.refused else " none"))
    for reason, count in figures.refused.items():
        print(f"    {count:5d}  {reason}")
    print(f"  chain verified at the end: {'yes' if figures.verified else 'NO'}")
    print(figures.line())


def fresh_url(backend: str, named: str | None, folder: Path, label: str) -> str:
    """An empty ledger for one run: a new SQLite file, or a new database on the server."""
    if backend == "sqlite":
        return sqlite_url(folder / f"{label}.db")
    import psycopg

    assert named is not None
    database = f"linkdesk_room_{label}"
    with psycopg.connect(named, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {database}")
    from tests.pg import with_database

    return with_database(named, database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--db", help="admin libpq URI of a PostgreSQL server (default: start one with pgserver)")
    parser.add_argument("--seats", type=int, default=20, help="following seats")
    parser.add_argument("--writers", type=int, default=4, help="writing seats")
    parser.add_argument("--rate", type=float, default=10.0, help="actions per second, all writers together")
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--most", action="store_true",
                        help="double the following seats until p95 passes the target; report the most that held")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="linkdesk-room-"))
    server = None
    admin_uri = options.db
    if options.backend == "postgresql" and admin_uri is None:
        import pgserver

        server = pgserver.get_server(folder / "pg", cleanup_mode="delete")
        admin_uri = server.get_uri()
    try:
        if not options.most:
            show(run_room(fresh_url(options.backend, admin_uri, folder, "room"), options.backend, options.seats,
                          options.writers, options.rate, options.minutes * 60))
            return
        held = 0
        seats = options.seats
        while True:
            figures = run_room(fresh_url(options.backend, admin_uri, folder, f"most{seats}"), options.backend, seats,
                               options.writers, options.rate, options.minutes * 60)
            show(figures)
            if not figures.verified or figures.p95 > TARGET_P95_MS:
                break
            held = seats
            seats *= 2
        print(f"most following seats within p95 ≤ {TARGET_P95_MS:.0f} ms on {options.backend}: {held}")
    finally:
        if server is not None:
            server.cleanup()


if __name__ == "__main__":
    main()
