"""The figures of issues 8 and 15 in one table (and JSON): medians of several runs, baselines in the same run.

Run: uv run python tests/bench/run.py [--quick] [--json FILE]

--quick uses a small generated ledger and small counts (a few minutes); the full run uses the
cached busy year from generate.py (generated on first use, ~6 minutes). The JSON holds exactly
the figures of the issues; the table shows each beside its target, then the baselines and the
context they were computed from, the machine's load average among them (on a shared machine
the absolute rates move with it; the ratios much less).

What a person waits for is measured in waits.py: `--help` and the first incident row in a real
terminal against bare apps of the same shape, and the Pilot-driven desk probe's key → screen,
intake → queue and desk → desk times (their 95th percentiles).
"""

from __future__ import annotations

import argparse
import json
import os
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
import waits
from waits import compiled_env, p95

from model import ledger
from model.db import open_ledger, read_session, sqlite_url

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
    app = make_app(Path(sys.argv[2]), "bench")
    ready = lambda: type(app.screen).__name__ == "MainScreen"

async def main():
    async with app.run_test(size=(160, 48)):
        while not ready():
            await asyncio.sleep(0.002)
        painted = asyncio.Event()
        app.screen.call_after_refresh(painted.set)
        await painted.wait()
        print(time.perf_counter() - started, flush=True)
asyncio.run(main())
"""


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def paint_seconds(kind: str, path: Path) -> float:
    """Seconds from the first import to the first painted screen, in a fresh process each time.

    Painted means the screen has refreshed once (`call_after_refresh`). The console's panes are
    empty then, as the bare app's are: workers fill them afterwards, so CPU idle is no end mark.
    """
    result = subprocess.run([sys.executable, "-c", PAINT, kind, str(path)], capture_output=True, text=True,
                            cwd=PROJECT, check=True, env=compiled_env())
    return float(result.stdout.split()[0])


def verify_rate(path: Path, runs: int) -> tuple[float, float, float, float]:
    """Entries verified per second, chain only and with the state replay; then the same per CPU second
    (what the rates would be on a machine of this speed that nothing else shares)."""
    engine = open_ledger(sqlite_url(path))
    chain, whole, chain_cpu, whole_cpu = [], [], [], []
    for _ in range(runs):
        for check_state, into, into_cpu in ((False, chain, chain_cpu), (True, whole, whole_cpu)):
            with read_session(engine) as session:
                started, cpu = time.perf_counter(), time.process_time()
                report = ledger.verify(session, check_state=check_state)
                into.append(report.entries / (time.perf_counter() - started))
                into_cpu.append(report.entries / (time.process_time() - cpu))
            assert report.ok, report.problem
    engine.dispose()
    return (statistics.median(chain), statistics.median(whole),
            statistics.median(chain_cpu), statistics.median(whole_cpu))


def shift_report_seconds(path: Path, runs: int) -> float:
    """Seconds to write the PDF of the year's last full shift (12 hours), read from the whole ledger."""
    from sqlalchemy import func, select

    from console.reports import write_shift_report
    from model.tables import Shift

    engine = open_ledger(sqlite_url(path))
    with read_session(engine) as session:
        last_full = session.execute(select(func.max(Shift.id)).where(Shift.ended_at.is_not(None))).scalar_one()  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as folder:
        def once() -> float:
            started = time.perf_counter()
            write_shift_report(engine, fmt="pdf", output=Path(folder) / "shift.pdf", shift_id=last_full)
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


TARGETS = {"cold_start_ratio": ("<=", 1.5), "intake_to_queue_ms": ("<=", 100), "append_ratio": (">=", 0.5),
           "import_ratio": (">=", 0.3), "shift_report_s": ("<", 2), "verify_per_s": (">=", 200_000),
           "verify_with_state_per_s": (">=", 100_000), "console_peak_mb": ("<", 200),
           "cli_help_ratio": ("<=", 2), "console_first_rows_ratio": ("<=", 2), "intake_to_queue_ms_p95": ("<=", 50),
           "desk_to_desk_ms_p95": ("<=", 300), "key_to_screen_ms_p95": ("<=", 30)}
"""Issues 8 and 15's targets, by figure."""


def verdict(name: str, value: float) -> str:
    goal = TARGETS.get(name)
    if goal is None:
        return ""
    sign, limit = goal
    met = value <= limit if sign == "<=" else value >= limit if sign == ">=" else value < limit
    return f"{sign} {limit:g}  {'met' if met else 'NOT met'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small ledger and counts, a few minutes")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    quick = arguments.quick
    runs = 3
    load_before = os.getloadavg()[0]
    year = generate.generate(300 if quick else 50_000)
    paint_seconds("ours", year), paint_seconds("bare", year)  # compile the bytecode before measuring
    ours_paint = median_of(runs, lambda: paint_seconds("ours", year))
    bare_paint = median_of(runs, lambda: paint_seconds("bare", year))
    ours_help, bare_help = waits.cli_help(5)
    ours_first, bare_first = waits.first_row(runs)
    desk = waits.desk_probe(year, keys=3 if quick else 10, saves=5 if quick else 20, writes=3 if quick else 10)
    ours_append, raw_append = appends(100 if quick else 500, runs)
    ours_import, raw_import = imports(10_000 if quick else 100_000, runs)
    chain_rate, whole_rate, chain_cpu, whole_cpu = verify_rate(year, 1 if quick else runs)
    figures = {
        "cold_start_s": ours_paint, "cold_start_ratio": ours_paint / bare_paint,
        "cli_help_ratio": ours_help / bare_help,
        "console_first_rows_ratio": ours_first / bare_first,
        "intake_to_queue_ms": statistics.median(desk["intake_ms"]),
        "intake_to_queue_ms_p95": p95(desk["intake_ms"]),
        "desk_to_desk_ms_p95": p95(desk["desk_to_desk_ms"]),
        "key_to_screen_ms_p95": p95(desk["key_ms"]),
        "append_per_s": ours_append, "append_ratio": ours_append / raw_append,
        "import_rows_per_s": ours_import, "import_ratio": ours_import / raw_import,
        "shift_report_s": shift_report_seconds(year, runs),
        "verify_per_s": chain_rate,
        "verify_with_state_per_s": whole_rate,
        "console_peak_mb": desk["peak_mb"][0],
    }
    context = {"ledger_entries": generate.entries(year), "cold_start_bare_s": bare_paint,
               "cli_help_s": ours_help, "cli_help_bare_s": bare_help,
               "first_row_s": ours_first, "first_row_bare_s": bare_first,
               "key_to_screen_ms_median": statistics.median(desk["key_ms"]),
               "desk_to_desk_ms_median": statistics.median(desk["desk_to_desk_ms"]),
               "verify_per_cpu_s": chain_cpu, "verify_with_state_per_cpu_s": whole_cpu,
               "append_raw_per_s": raw_append, "import_raw_rows_per_s": raw_import,
               "load_average_before": load_before, "load_average_after": os.getloadavg()[0]}
    print(f"{'figure':<26}{'value':>14}  target")
    for name, value in figures.items():
        print(f"{name:<26}{value:>14,.3f}  {verdict(name, value)}")
    print("context (not in the JSON):")
    for name, value in context.items():
        print(f"  {name:<24}{value:>14,.3f}")
    if arguments.json:
        arguments.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
