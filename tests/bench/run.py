"""The figures of issue 8 in one table (and JSON): medians of several runs, baselines in the same run.

Run: uv run python tests/bench/run.py [--quick] [--json FILE]

--quick uses a small generated ledger and small counts (under a minute); the full run uses the
cached busy year from generate.py (generated on first use, ~6 minutes). The JSON holds exactly
the figures of the issue; the table also shows the baselines and context they were computed from.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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
    from console.screens.main import MainScreen
    app = make_app(Path(sys.argv[2]), "bench")
    ready = lambda: isinstance(app.screen, MainScreen)

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

INTAKE = r"""
import asyncio, json, resource, sys, time
from pathlib import Path
from console.app import make_app
from console.panes import IncidentQueue
from console.screens.form import FormScreen
from console.screens.main import MainScreen

app = make_app(Path(sys.argv[1]), "bench")

async def until(pilot, done, timeout=60.0):
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit("the console never reached the expected state")
        await asyncio.sleep(0.002)

def queued(address):
    screen = app.screen
    return isinstance(screen, MainScreen) and any(row.address == address for row in screen.query_one(IncidentQueue).rows)

async def main():
    times = []
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.query_one(IncidentQueue).rows)
        for n in range(int(sys.argv[2])):
            address = f"测速路 {n} 号 {time.time_ns()}"
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, FormScreen))
            await pilot.press(*"fire", "tab", *address)
            started = time.perf_counter()
            pressing = asyncio.ensure_future(pilot.press("ctrl+s"))
            await until(pilot, lambda: queued(address))
            times.append((time.perf_counter() - started) * 1000)
            await pressing
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"intake_ms": times, "peak_mb": peak_mb}), flush=True)
asyncio.run(main())
"""


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def compiled_env() -> dict[str, str]:
    """The environment of the measured processes: bytecode compiled once and reused, as installed.

    With PYTHONDONTWRITEBYTECODE set (as on the bench machine) every start would compile every
    module from source, which no installed console does; the bytecode goes to the bench cache.
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(generate.CACHE / "pycache")
    return env


def paint_seconds(kind: str, path: Path) -> float:
    """Seconds from the first import to the first painted screen, in a fresh process each time.

    Painted means the screen has refreshed once (`call_after_refresh`). The console's panes are
    empty then, as the bare app's are: workers fill them afterwards, so CPU idle is no end mark.
    """
    result = subprocess.run([sys.executable, "-c", PAINT, kind, str(path)], capture_output=True, text=True,
                            cwd=PROJECT, check=True, env=compiled_env())
    return float(result.stdout.split()[0])


def console_intake(year: Path, saves: int, runs: int) -> tuple[float, float]:
    """Milliseconds from Ctrl+S on the intake form to the new row in the queue, and the console's peak MB.

    The real console runs under the Pilot on a copy of the year (so the cached file stays as
    generated): it loads the desk, then takes `saves` reports typed key by key. Both figures are
    medians over `runs` fresh processes; the peak is the process's maximum resident set.
    """
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "year.db"
        for _ in range(runs):
            shutil.copyfile(year, copy)
            result = subprocess.run([sys.executable, "-c", INTAKE, str(copy), str(saves)], capture_output=True,
                                    text=True, cwd=PROJECT, check=True, env=compiled_env())
            figures = json.loads(result.stdout.splitlines()[-1])
            times += figures["intake_ms"]
            peaks.append(figures["peak_mb"])
    return statistics.median(times), statistics.median(peaks)


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
           "console_peak_mb": ("<", 200)}
"""Issue 8's targets, by figure."""


def verdict(name: str, value: float) -> str:
    goal = TARGETS.get(name)
    if goal is None:
        return ""
    sign, limit = goal
    met = value <= limit if sign == "<=" else value >= limit if sign == ">=" else value < limit
    return f"{sign} {limit:g}  {'met' if met else 'NOT met'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small ledger and counts, under a minute")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    quick = arguments.quick
    runs = 3
    year = generate.generate(300 if quick else 50_000)
    paint_seconds("ours", year), paint_seconds("bare", year)  # compile the bytecode before measuring
    ours_paint = median_of(runs, lambda: paint_seconds("ours", year))
    bare_paint = median_of(runs, lambda: paint_seconds("bare", year))
    intake, peak_mb = console_intake(year, 5, 1 if quick else runs)
    ours_append, raw_append = appends(100 if quick else 500, runs)
    ours_import, raw_import = imports(10_000 if quick else 100_000, runs)
    chain_rate, whole_rate = verify_rate(year, 1 if quick else runs)
    figures = {
        "cold_start_s": ours_paint, "cold_start_ratio": ours_paint / bare_paint,
        "intake_to_queue_ms": intake,
        "append_per_s": ours_append, "append_ratio": ours_append / raw_append,
        "import_rows_per_s": ours_import, "import_ratio": ours_import / raw_import,
        "shift_report_s": shift_report_seconds(year, runs),
        "verify_per_s": chain_rate,
        "console_peak_mb": peak_mb,
    }
    context = {"ledger_entries": generate.entries(year), "cold_start_bare_s": bare_paint,
               "append_raw_per_s": raw_append, "import_raw_rows_per_s": raw_import,
               "verify_with_state_per_s": whole_rate}
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
