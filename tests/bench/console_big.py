"""The console with 10,000 incidents and 2,000 resources: time to first paint, to filled panes, and
to page the queue down 20 times, headless.

    uv run python tests/bench/console_big.py [--incidents 10000] [--resources 2000] [--ledger PATH]

The ledger is built through the action layer (slow; synchronous=OFF while building only) and kept
at PATH, so a second run only measures. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event

from model import actions, clock
from model.db import open_ledger, sqlite_url, write_session
from model.schemas import ReportIn, ResourceIn, UnitIn

OPERATOR = "bench"
OPEN_EVERY = 50
"""One incident in fifty is still open; the rest were false alarms, closed."""


def build(path: Path, incidents: int, resources: int) -> None:
    engine = open_ledger(sqlite_url(path))
    event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA synchronous = OFF"))
    engine.dispose()
    start = clock.now() - timedelta(days=365)
    with write_session(engine) as session:
        for unit in range(resources // 100):
            actions.register_unit(session=session, operator=OPERATOR, unit=UnitIn(
                code=f"U{unit:03d}", name=f"单位{unit}", kind="fire", tier=1 + unit % 3, duty_phone="119"))
        for number in range(resources):
            actions.register_resource(session=session, operator=OPERATOR, resource=ResourceIn(
                code=f"R{number:05d}", unit_code=f"U{number // 100:03d}", type="fire_engine", name=f"车{number}"))
        for number in range(incidents):
            when = start + timedelta(minutes=52 * number)
            row = actions.receive_report(session=session, operator=OPERATOR, received_at=when, report=ReportIn(
                channel="119", type="fire", address=f"港城路{number}号", description="仓库起火"))
            if number % OPEN_EVERY:
                actions.mark_false_alarm(session=session, operator=OPERATOR, incident_no=row.no, reason="误报",
                                         happened_at=when + timedelta(minutes=5))
                actions.close_incident(session=session, operator=OPERATOR, incident_no=row.no,
                                       happened_at=when + timedelta(minutes=6))
    engine.dispose()


async def measure(path: Path) -> dict[str, float]:
    from console.app import make_app
    from console.panes import IncidentQueue, UnitRoster

    started = time.perf_counter()
    app = make_app(path, OPERATOR)
    figures: dict[str, float] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        figures["first paint"] = time.perf_counter() - started
        while not (app.screen.query_one(IncidentQueue).rows and app.screen.query_one(UnitRoster).rows):
            await pilot.pause(0.01)
        await pilot.pause()
        figures["panes filled"] = time.perf_counter() - started
        app.screen.query_one("#queue-table").focus()
        paging = time.perf_counter()
        await pilot.press(*["pagedown"] * 20)
        figures["20 x PageDown"] = time.perf_counter() - paging
        figures["queue rows"] = len(app.screen.query_one(IncidentQueue).rows)
        figures["roster rows"] = len(app.screen.query_one(UnitRoster).rows)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--resources", type=int, default=2_000)
    parser.add_argument("--ledger", type=Path, default=Path("/tmp/linkdesk-console-big.db"))
    options = parser.parse_args()
    if not options.ledger.exists():
        building = time.perf_counter()
        build(options.ledger, options.incidents, options.resources)
        print(f"built {options.ledger} in {time.perf_counter() - building:.0f} s")
    for name, value in asyncio.run(measure(options.ledger)).items():
        print(f"{name:>14}: {value:.2f}" if isinstance(value, float) and value < 1000 else f"{name:>14}: {value}")


if __name__ == "__main__":
    main()
