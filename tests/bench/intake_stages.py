"""Where an intake save's time goes: the desk probe's intake part alone, with each stage stamped.

Run: uv run python tests/bench/intake_stages.py [--saves N] [--incidents N] [--runs N] [--project DIR]

The console runs under Pilot on a copy of the generated ledger (as `waits.desk_probe` runs it,
with the same helpers); the form is typed key by key and saved with ctrl+s. Timestamps, in ms
from ctrl+s, of: the key handled (`FormScreen.action_save`), each read and write in a worker
(start and end, with the thread), every message of interest posted and handled, each screen's
layout and paint, the toast, and the probe seeing the row (`seen`) and the repaint after it
(`painted`, where `waits.desk_probe` stops its clock). Instrumentation wraps the console's
functions from outside; the console itself is unchanged. Prints one timeline per save, then the
median of each stage over the saves (the first save left out: it builds what later ones reuse).
`--project DIR` runs another checkout's console (e.g. /work/main), to compare back to back.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import generate
import waits

INSTRUMENT = r"""
import threading
from textual.app import App
from textual.screen import Screen
from textual.message_pump import MessagePump
from textual.widgets._toast import ToastRack
from textual.css.stylesheet import Stylesheet
from console.desk import Desk
from console.screens.form import FormScreen
from console.panes.incident_queue import IncidentQueue
from console.controllers.base import Controller

EVENTS = []
CLOCK = time.perf_counter
WATCHED = {"Fetched", "Recorded", "Refused", "QueueRead", "PlanRead", "RosterRead", "LedgerAdvanced", "Selected",
           "ScreenResume", "ScreenSuspend", "Key"}


def stamp(what):
    EVENTS.append((CLOCK(), threading.current_thread().name == "MainThread", what))


def wrap(owner, name, label=None, *, end=True, describe=None):
    original = getattr(owner, name)

    def wrapped(self, *args, **kwargs):
        tag = label or name
        if describe is not None:
            tag = f"{tag}:{describe(self, *args, **kwargs)}"
        stamp(tag + (" start" if end else ""))
        try:
            return original(self, *args, **kwargs)
        finally:
            if end:
                stamp(tag + " end")
    setattr(owner, name, wrapped)


def query_name(self, query, *args, **kwargs):
    return getattr(query, "__name__", "?").replace("<lambda>", "lambda")


wrap(FormScreen, "action_save", "save key")
wrap(Desk, "read", "read", describe=query_name)
wrap(Desk, "write", "write", describe=lambda self, action, **kw: action.__name__)
wrap(IncidentQueue, "show", "queue.show")
wrap(IncidentQueue, "_render_rows", "queue.render_rows")
wrap(Controller, "close_saved", "close_saved")
wrap(App, "notify", "notify")
wrap(Screen, "_refresh_layout", "layout", describe=lambda self, *a, **k: type(self).__name__)
wrap(Screen, "_compositor_refresh", "paint", describe=lambda self, *a, **k: type(self).__name__)
wrap(Screen, "dismiss", "dismiss", end=False, describe=lambda self, *a, **k: type(self).__name__)
wrap(ToastRack, "show", "toasts", describe=lambda self, *a, **k: type(self.screen).__name__)
wrap(Stylesheet, "update_nodes", "restyle")
wrap(Screen, "_on_timer_update", "update", describe=lambda self, *a, **k: type(self).__name__ + " " + ",".join(
    sorted({type(w).__name__ for w in self._dirty_widgets})[:6]) + (" L" if self._layout_required else "")
    + (" R" if self._repaint_required else ""))

import traceback, os
if os.environ.get("TRACE_REFRESH"):
    original_refresh = Screen.refresh
    def traced_refresh(self, *regions, **kwargs):
        if EVENTS and not regions:
            stamp(type(self).__name__ + " refresh from " + " < ".join(
                f"{f.name}@{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in traceback.extract_stack()[-8:-1]))
        return original_refresh(self, *regions, **kwargs)
    Screen.refresh = traced_refresh
    from textual.widget import Widget
    original_widget_refresh = Widget.refresh
    def traced_widget_refresh(self, *regions, **kwargs):
        try:
            hidden = self.screen is not self.app.screen
        except Exception:
            hidden = False
        if EVENTS and hidden:
            stamp(type(self).__name__ + " hidden refresh from " + " < ".join(
                f"{f.name}@{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in traceback.extract_stack()[-9:-1]))
        return original_widget_refresh(self, *regions, **kwargs)
    Widget.refresh = traced_widget_refresh
if os.environ.get("PROFILE"):
    exec(open(os.environ["PROFILE"]).read())
original_post = MessagePump.post_message
def post_message(self, message):
    name = type(message).__name__
    if name in WATCHED and name != "Key":
        stamp(f"post {name}")
    return original_post(self, message)
MessagePump.post_message = post_message

original_dispatch = MessagePump._dispatch_message
async def dispatch(self, message):
    name = type(message).__name__
    if name not in WATCHED:
        return await original_dispatch(self, message)
    target = type(self).__name__
    stamp(f"handle {name}>{target} start")
    try:
        return await original_dispatch(self, message)
    finally:
        stamp(f"handle {name}>{target} end")
MessagePump._dispatch_message = dispatch
"""

MAIN = r"""
async def timed_intakes(pilot, count):
    timelines = []
    main = app.screen
    for n in range(count):
        address = f"测速{n}号{time.time_ns() % 100000:05d}"
        await pilot.press("n")
        await until(lambda: app.screen is not main, "opened the intake form")
        await pilot.press(*"fire", "tab", *address)
        EVENTS.clear()
        started = time.perf_counter()
        pressing = asyncio.ensure_future(pilot.press("ctrl+s"))
        await until(lambda: app.screen is main and shown(address), "showed the saved report in the queue")
        stamp("seen")
        await painted()
        stamp("painted")
        await pressing
        await asyncio.sleep(0.3)  # what follows the row (the follower's read back) is stamped too
        timelines.append([(round((at - started) * 1000, 2), ui, what) for at, ui, what in EVENTS])
    return timelines


async def main():
    async with app.run_test(size=(160, 48)) as pilot:
        await until(desk_ready, "showed its queue", timeout=120.0)
        await painted()
        await asyncio.sleep(1.5)  # the kept form is built in the desk's first idle second
        timelines = await timed_intakes(pilot, saves)
    print(json.dumps(timelines), flush=True)

asyncio.run(main())
"""


def probe_script() -> str:
    """waits.PROBE's set-up and helpers, the instrumentation, and the intake loop above."""
    head = waits.PROBE[:waits.PROBE.index("async def main():")]
    set_up, helpers = head.split("app = make_app(path, \"bench\")\n", 1)
    return set_up + INSTRUMENT + "app = make_app(path, \"bench\")\n" + helpers + MAIN


def run(year: Path, saves: int, project: Path = waits.PROJECT) -> list[list[tuple[float, bool, str]]]:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "year.db"
        copy.write_bytes(year.read_bytes())
        result = subprocess.run([sys.executable, "-c", probe_script(), str(copy), "0", str(saves), "0", ""],
                                capture_output=True, text=True, cwd=project, env=waits.compiled_env())
    if result.returncode != 0:
        raise SystemExit(f"intake probe failed: {(result.stderr or result.stdout).strip()[-2000:]}")
    if os.environ.get("PROFILE"):
        sys.stderr.write(result.stderr)
    timelines: list[list[tuple[float, bool, str]]] = json.loads(result.stdout.splitlines()[-1])
    return timelines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=6)
    parser.add_argument("--incidents", type=int, default=300)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--quiet", action="store_true", help="only the summary")
    parser.add_argument("--project", type=Path, default=waits.PROJECT,
                        help="the checkout whose console is measured (default: this one)")
    arguments = parser.parse_args()
    year = generate.generate(arguments.incidents)
    stages: dict[str, list[float]] = {}
    totals: list[float] = []
    for _ in range(arguments.runs):
        for index, timeline in enumerate(run(year, arguments.saves, arguments.project)):
            if not arguments.quiet:
                print(f"--- save {index}")
                for at, ui, what in timeline:
                    print(f"{at:8.2f} {'ui' if ui else '  '} {what}")
            if index == 0:
                continue
            firsts: dict[str, float] = {}
            for at, _ui, what in timeline:
                firsts.setdefault(what, at)
            for what, at in firsts.items():
                stages.setdefault(what, []).append(at)
            totals.append(firsts.get("painted", float("nan")))
    every = sorted(round(total) for total in totals)
    print(f"load {os.getloadavg()[0]:.2f}; saves after the first: {len(totals)}; painted ms: "
          f"median {statistics.median(totals):.1f}, p95 {waits.p95(totals):.1f}, all {every}")
    for what, ats in sorted(stages.items(), key=lambda item: statistics.median(item[1])):
        if len(ats) >= len(totals) // 2:
            print(f"{statistics.median(ats):8.2f}  {what}  (n={len(ats)})")


if __name__ == "__main__":
    main()
