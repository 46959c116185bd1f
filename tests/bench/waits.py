"""What a person waits for, measured the way they meet it: real processes, a real terminal, real keys.

Used by run.py. Every figure has its baseline measured in the same run:

- `cli_help` starts `linkdesk --help` and a bare Typer app with two sub-commands, both as fresh
  processes with their bytecode compiled (PYTHONDONTWRITEBYTECODE unset, cache in the bench cache).
- `first_row` starts `linkdesk demo` in a pseudo-terminal of 160×48 and reads what it writes until
  an incident number (YYYYMMDD-NNNN) is on the screen; the baseline is a bare three-pane Textual
  app whose table holds one such row. Escape sequences are dropped before looking, so a number
  counts once its characters are painted, however the terminal output is cut.
- `desk_probe` runs the console under Textual's Pilot on a copy of the ledger and times key →
  screen, intake save → row in the queue, and another desk's write → row on this desk (a second
  process writes the incident and prints when its transaction committed; both read
  CLOCK_MONOTONIC, which Linux shares between processes).

The probes look at what is on the screen (any DataTable's cells, the focused widget, the screen
stack), not at the console's internals, so they measure the same thing after the console's data
flow is rewritten; a wait that never ends stops the probe with a one-line reason.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from fcntl import ioctl
from pathlib import Path
from termios import TIOCSWINSZ

import generate

PROJECT = Path(__file__).resolve().parents[2]
LINKDESK = Path(sys.executable).with_name("linkdesk")
INCIDENT_NO = re.compile(r"\d{8}-\d{4}")
ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])")
"""CSI, OSC, DCS and two-character escape sequences: what a terminal interprets instead of showing."""
COLUMNS, LINES = 160, 48


def p95(values: Sequence[float]) -> float:
    """The 95th percentile (nearest rank): what a person waits for in all but one case in twenty."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def compiled_env() -> dict[str, str]:
    """The environment of the measured processes: bytecode compiled once and reused, as installed.

    With PYTHONDONTWRITEBYTECODE set (as on the bench machine) every start would compile every
    module from source, which no installed console does; the bytecode goes to the bench cache.
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(generate.CACHE / "pycache")
    return env


BARE_TYPER = r"""
import typer

app = typer.Typer()

@app.command()
def report(place: str) -> None:
    "Record a report."

@app.command()
def verify() -> None:
    "Check the ledger."

app()
"""


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, cwd=PROJECT, env=compiled_env())
    return time.perf_counter() - started


def cli_help(runs: int) -> tuple[float, float]:
    """Median seconds of `linkdesk --help` and of the bare Typer app's `--help` (each run once first)."""
    ours, bare = [str(LINKDESK), "--help"], [sys.executable, "-c", BARE_TYPER, "--help"]
    _seconds(ours), _seconds(bare)
    return (statistics.median(_seconds(ours) for _ in range(runs)),
            statistics.median(_seconds(bare) for _ in range(runs)))


BARE_TEXTUAL = r"""
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Static


class Bare(App[None]):
    CSS = "DataTable, Static { width: 1fr; height: 1fr; }"

    def compose(self):
        with Vertical():
            with Horizontal():
                yield DataTable(id="queue")
                yield Static("plan")
            yield DataTable(id="roster")
        yield Footer()

    def on_mount(self):
        table = self.query_one("#queue", DataTable)
        table.add_columns("No.", "Type", "Place")
        table.add_row("20261128-0001", "fire", "Harbour road 1")


Bare().run()
"""


def _first_number_seconds(command: list[str], timeout: float = 60.0) -> float:
    """Seconds from the start of `command` in a 160×48 pseudo-terminal to an incident number on screen."""
    leader, follower = pty.openpty()
    ioctl(follower, TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {**compiled_env(), "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, cwd=PROJECT, env=env,
                               start_new_session=True)
    os.close(follower)
    screen = ""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if not ready:
                if process.poll() is not None:
                    raise SystemExit(f"{command[0]} ended before it showed an incident: {screen[-300:]!r}")
                continue
            try:
                screen += ESCAPE.sub("", os.read(leader, 65536).decode("utf-8", "replace"))
            except OSError:
                raise SystemExit(f"{command[0]} closed the terminal before it showed an incident") from None
            if INCIDENT_NO.search(screen):
                return time.perf_counter() - started
        raise SystemExit(f"{command[0]} showed no incident within {timeout:.0f} s")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(leader)


def first_row(runs: int) -> tuple[float, float]:
    """Median seconds to the first incident row of `linkdesk demo` and of the bare three-pane app.

    The demo ledger lives in a temporary folder: the first start seeds it and compiles the
    bytecode, the timed starts open it as a desk opens its ledger every morning.
    """
    with tempfile.TemporaryDirectory() as folder:
        ours = [str(LINKDESK), "--db", str(Path(folder) / "demo.db"), "demo"]
        bare = [sys.executable, "-c", BARE_TEXTUAL]
        _first_number_seconds(ours), _first_number_seconds(bare)
        return (statistics.median(_first_number_seconds(ours) for _ in range(runs)),
                statistics.median(_first_number_seconds(bare) for _ in range(runs)))


WRITER = r"""
import sys, time
from model import actions
from model.db import open_ledger, sqlite_url, write_session
from model.schemas import ReportIn

engine = open_ledger(sqlite_url(sys.argv[1]))
print("ready", flush=True)
for line in sys.stdin:
    with write_session(engine) as session:
        actions.receive_report(session=session, operator="另一席位", report=ReportIn(
            channel="110", type="fire", address=line.strip()))
    print(time.clock_gettime(time.CLOCK_MONOTONIC), flush=True)
"""
"""Another desk: writes one incident per line it reads, and prints when the write committed."""

PROBE_HELPERS = r"""
async def until(done, what, timeout=30.0):
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit(f"the console never {what} within {timeout:.0f} s")
        await asyncio.sleep(0.001)


async def painted():
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


def shown(text):
    # A row is shown once one of the screen's tables holds a cell with the text.
    for table in app.screen.query(DataTable):
        for row in range(table.row_count):
            if any(text in str(cell) for cell in table.get_row_at(row)):
                return True
    return False


def desk_ready():
    return any(table.row_count for table in app.screen.query(DataTable))
"""
"""What every desk probe waits with (`app` is the console under Pilot): a state reached, a repaint
done, a text in a table cell, the desk's tables filled."""

PROBE = r"""
import asyncio, json, subprocess, sys, time
from pathlib import Path
from textual.widgets import DataTable
from console.app import make_app
from model import actions
from model.db import open_ledger, sqlite_url, write_session

path, keys, saves, writes, writer = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
engine = open_ledger(sqlite_url(path))
with write_session(engine) as session:  # at a seat: the desk's waits, not the seat prompt over it
    actions.sign_in(session=session, operator="bench", seat="duty")
engine.dispose()
app = make_app(path, "bench")


""" + PROBE_HELPERS + r"""
async def timed_key(pilot, key, changed):
    # Timed from the key to the repaint that shows its effect, as the intake save is. Pilot's press
    # returns only once the whole process has been idle for 20 ms, twice over: awaited inside the
    # timing, that floor alone is 60 ms on a bare Textual table, whatever the console does.
    started = time.perf_counter()
    pressing = asyncio.ensure_future(pilot.press(key))
    await until(changed, f"reacted to {key}")
    await painted()
    elapsed = (time.perf_counter() - started) * 1000
    await pressing
    return elapsed


async def keys_to_screen(pilot, rounds):
    times = []
    main = app.screen
    for _ in range(rounds):
        table = app.focused
        before = table.cursor_coordinate if isinstance(table, DataTable) else None
        key = "down" if before is None or before.row + 1 < table.row_count else "up"
        times.append(await timed_key(pilot, key, lambda: app.focused is not table or table.cursor_coordinate != before))
        focused = app.focused
        times.append(await timed_key(pilot, "tab", lambda: app.focused is not focused))
        await pilot.press("shift+tab")
        await until(lambda: app.focused is focused, "came back to the queue")
        times.append(await timed_key(pilot, "n", lambda: app.screen is not main))
        await pilot.press("escape")
        await until(lambda: app.screen is main, "closed the intake form")
        await painted()
    return times


async def intakes(pilot, count):
    times = []
    main = app.screen
    for n in range(count):
        address = f"测速{n}号{time.time_ns() % 100000:05d}"
        await pilot.press("n")
        await until(lambda: app.screen is not main, "opened the intake form")
        await pilot.press(*"fire", "tab", *address)
        started = time.perf_counter()
        pressing = asyncio.ensure_future(pilot.press("ctrl+s"))
        await until(lambda: app.screen is main and shown(address), "showed the saved report in the queue")
        await painted()
        times.append((time.perf_counter() - started) * 1000)
        await pressing
    return times


async def other_desk(count):
    other = await asyncio.create_subprocess_exec(sys.executable, "-c", writer, str(path), stdin=subprocess.PIPE,
                                                 stdout=subprocess.PIPE)
    await other.stdout.readline()
    times = []
    try:
        for n in range(count):
            address = f"邻席{n}号{time.time_ns() % 100000:05d}"
            other.stdin.write(f"{address}\n".encode())
            await other.stdin.drain()
            committed = float((await other.stdout.readline()).decode())
            await until(lambda: shown(address), "showed the other desk's report", timeout=60.0)
            await painted()
            times.append((time.clock_gettime(time.CLOCK_MONOTONIC) - committed) * 1000)
    finally:
        other.stdin.close()
        await other.wait()
    return times


async def main():
    async with app.run_test(size=(160, 48)) as pilot:
        await until(desk_ready, "showed its queue", timeout=120.0)
        await painted()
        figures = {"key_ms": await keys_to_screen(pilot, keys), "intake_ms": await intakes(pilot, saves),
                   "desk_to_desk_ms": await other_desk(writes)}
    # VmHWM is this program's own peak: ru_maxrss also keeps the peak of the process it was forked
    # from across the exec (the bench's, which had read the year's copy into memory: 973 MB).
    with open("/proc/self/status") as status:
        peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    figures["peak_mb"] = [peak_kb / 1024]
    print(json.dumps(figures), flush=True)

asyncio.run(main())
"""


def desk_probe(year: Path, keys: int, saves: int, writes: int) -> dict[str, list[float]]:
    """Milliseconds of each timed wait at the desk, in a console run on a copy of `year`, and its peak MB.

    `keys` rounds of a cursor move, a pane switch and opening the intake form; `saves` reports typed
    key by key and saved; `writes` incidents written by another desk's process, one at a time.
    """
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "year.db"
        shutil.copyfile(year, copy)
        result = subprocess.run([sys.executable, "-c", PROBE, str(copy), str(keys), str(saves), str(writes), WRITER],
                                capture_output=True, text=True, cwd=PROJECT, env=compiled_env())
    if result.returncode != 0:
        raise SystemExit(f"desk probe failed: {(result.stderr or result.stdout).strip().splitlines()[-1:]}")
    figures: dict[str, list[float]] = json.loads(result.stdout.splitlines()[-1])
    return figures

