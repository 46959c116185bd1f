"""The figures of issue 8 in one table (and JSON): medians of several runs, baselines in the same run.

Run: uv run python tests/bench/run.py [--quick] [--json FILE]

--quick uses a small generated ledger and small counts (under a minute); the full run uses the
cached busy year from generate.py. Figures whose measurement differs from the issue's wording
say so in the `note` column.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import append
import generate
import import_bench

from model import actions, ledger
from model.db import open_ledger, read_session, sqlite_url, write_session
from model.queries import open_incident_rows
from model.schemas import ReportIn

PROJECT = Path(__file__).resolve().parents[2]

PAINT = r"""
import asyncio, sys, time
from pathlib import Path
started = time.perf_counter()
if sys.argv[1] == "bare":
    from textual.app import App
    from textual.containers import Horizontal, Vertical
    from textual.widgets import DataTable, Footer, Static

    class Bare(App[None]):
        def compose(self):
            with Vertical():
                with Horizontal():
                    yield DataTable()
                    yield Static()
                yield DataTable()
            yield Footer()
    app = Bare()
    ready = lambda: True
else:
    from console.app import make_app
    from console.screens.main import MainScreen
    app = make_app(Path(sys.argv[2]), "bench")
    ready = lambda: isinstance(app.screen, MainScreen)

async def main():
    async with app.run_test(size=(160, 48)) as pilot:
        while not ready():
            await pilot.pause(0.005)
        await pilot.pause()
        print(time.perf_counter() - started, flush=True)
        if sys.argv[1] != "bare":
            from console.screens.main import _load_desk
            from model.db import open_ledger, read_session, sqlite_url
            with read_session(open_ledger(sqlite_url(sys.argv[2]))) as session:
                _load_desk(session)
asyncio.run(main())
"""


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def paint_seconds(kind: str, path: Path) -> float:
    """Seconds from the first import to the first painted screen, in a fresh process each time."""
    result = subprocess.run([sys.executable, "-c", PAINT, kind, str(path)], capture_output=True, text=True,
                            cwd=PROJECT, check=True)
    return float(result.stdout.split()[0])


def intake_ms(path: Path, runs: int) -> float:
    """Save a report through the action and read the queue back, as the console's two workers do."""
    engine = open_ledger(sqlite_url(path))
    times = []
    for n in range(runs):
        started = time.perf_counter()
        with write_session(engine) as session:
            row = actions.receive_report(session=session, operator="bench", report=ReportIn(
                channel="119", type="fire", address=f"测速路 {n} 号"))
        with read_session(engine) as session:
            numbers = {queued.no for queued in open_incident_rows(session, row.received_at)}
        assert row.no in numbers
        times.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return statistics.median(times)


def verify_rate(path: Path, runs: int) -> tuple[float, float]:
    engine = open_ledger(sqlite_url(path))
    chain, whole = [], []
    for _ in range(runs):
        for check_state, into in ((False, chain), (True, whole)):
            with read_session(engine) as session:
                started = time.perf_counter()
                report = ledger.verify(session, check_state=check_state)
                into.append(report.entries / (time.perf_counter() - started))
            assert report.ok, report.problem
    engine.dispose()
    return statistics.median(chain), statistics.median(whole)


def shift_report_seconds(path: Path, runs: int) -> float:
    from console.reports import write_shift_report

    engine = open_ledger(sqlite_url(path))
    with tempfile.TemporaryDirectory() as folder:
        def once() -> float:
            started = time.perf_counter()
            write_shift_report(engine, fmt="pdf", output=Path(folder) / "shift.pdf")
            return time.perf_counter() - started
        seconds = median_of(runs, once)
    engine.dispose()
    return seconds


def appends(count: int, runs: int) -> tuple[float, float]:
    ours, raw = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            ours.append(append.ours(Path(folder), count))
            raw.append(append.raw(Path(folder), count))
    return statistics.median(ours), statistics.median(raw)


def imports(rows: int, runs: int) -> tuple[float, float]:
    ours, raw = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            path = folder / "resources.csv"
            import_bench.write_file(path, rows)
            ours.append(rows / import_bench.linkdesk_import(folder, path)[0])
            raw.append(rows / import_bench.raw_baseline(folder, path))
    return statistics.median(ours), statistics.median(raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small ledger and counts, under a minute")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    quick = arguments.quick
    runs = 3
    year = generate.generate(300 if quick else 50_000)
    entries = generate.entries(year)
    ours_paint = median_of(runs, lambda: paint_seconds("ours", year))
    bare_paint = median_of(runs, lambda: paint_seconds("bare", year))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    ours_append, raw_append = appends(100 if quick else 500, runs)
    ours_import, raw_import = imports(10_000 if quick else 100_000, runs)
    chain_rate, whole_rate = verify_rate(year, 1 if quick else runs)
    figures = {
        "ledger_entries": entries,
        "cold_start_s": ours_paint, "cold_start_bare_s": bare_paint, "cold_start_ratio": ours_paint / bare_paint,
        "intake_to_queue_ms": intake_ms(year, 5),
        "append_per_s": ours_append, "append_raw_per_s": raw_append, "append_ratio": ours_append / raw_append,
        "import_rows_per_s": ours_import, "import_raw_rows_per_s": raw_import,
        "import_ratio": ours_import / raw_import,
        "shift_report_s": shift_report_seconds(year, runs),
        "verify_per_s": chain_rate, "verify_with_state_per_s": whole_rate,
        "console_peak_mb": peak_mb,
    }
    targets = {"cold_start_ratio": ("<=", 1.5), "intake_to_queue_ms": ("<=", 100), "append_ratio": (">=", 0.5),
               "import_ratio": (">=", 0.3), "shift_report_s": ("<", 2), "verify_per_s": (">=", 200_000),
               "console_peak_mb": ("<", 200)}
    print(f"{'figure':<26}{'value':>14}  target")
    for name, value in figures.items():
        goal = targets.get(name)
        verdict = ""
        if goal is not None:
            met = value <= goal[1] if goal[0] == "<=" else value >= goal[1] if goal[0] == ">=" else value < goal[1]
            verdict = f"{goal[0]} {goal[1]:g}  {'met' if met else 'NOT met'}"
        print(f"{name:<26}{value:>14,.3f}  {verdict}")
    if arguments.json:
        arguments.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
