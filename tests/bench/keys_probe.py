"""Key → screen alone, key by key: the desk probe's cursor move, pane switch and intake form.

Run: uv run python tests/bench/keys_probe.py [--rounds N] [--profile FILE] [--settle S] [--runs R]

Each round presses, in the desk probe's order (`waits.PROBE`), `down` in the queue, `tab` to the
plan pane (`shift+tab` back, untimed), `n` (then `escape`, untimed). Every key is timed from the
key to the repaint that shows its effect, and reported with the CPU the whole process spent in
that time and the moment its effect was seen (before the repaint). The first round starts as soon
as the queue is painted, as the desk probe's does (so its `n` may come before the form is built);
`--settle S` waits S seconds first instead. `--profile FILE` writes cProfile statistics of the
UI thread inside the timed windows only, one file per kind of key (FILE.down, FILE.tab, FILE.n).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import generate
from waits import PROBE_HELPERS, compiled_env, p95

PROJECT = Path(__file__).resolve().parents[2]

PROBE = r"""
import asyncio, cProfile, gc, json, sys, time
from pathlib import Path
from textual.widgets import DataTable
from console.app import make_app
from model import actions
from model.db import open_ledger, sqlite_url, write_session

path, rounds, settle, profile_to = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
engine = open_ledger(sqlite_url(path))
with write_session(engine) as session:
    actions.sign_in(session=session, operator="bench", seat="duty")
engine.dispose()
app = make_app(path, "bench")
profiles = {}
first = [time.perf_counter()]
collecting = {"since": 0.0, "ms": 0.0, "passes": []}


def collector_timed(phase, info):
    if phase == "start":
        collecting["since"] = time.perf_counter()
    else:
        spent = (time.perf_counter() - collecting["since"]) * 1000
        collecting["ms"] += spent
        collecting["passes"].append((info["generation"], round(spent, 1)))


gc.callbacks.append(collector_timed)
timers = {}


def timed(owner, name, label):
    # Wall milliseconds spent inside owner.name (outermost calls only) during the timed windows.
    original = getattr(owner, name)
    depth = [0]

    def wrapper(*args, **kwargs):
        if depth[0]:
            return original(*args, **kwargs)
        depth[0] += 1
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            timers[label] = timers.get(label, 0.0) + (time.perf_counter() - started) * 1000

    setattr(owner, name, wrapper)


if "--timers" in sys.argv:
    from textual.screen import Screen
    from textual.css.stylesheet import Stylesheet
    from textual._compositor import Compositor
    from textual.widgets._footer import Footer
    timed(Screen, "_update_focus_styles", "focus_styles")
    timed(Stylesheet, "update_nodes", "update_nodes")
    timed(Screen, "_refresh_layout", "layout")
    timed(Compositor, "render_update", "render")
    timed(Footer, "bindings_changed", "footer_bindings")
    from textual.widget import Widget
    from textual.widgets import DataTable as _Table
    timed(_Table, "_render_line", "table_lines")
    original_lines = Widget.render_lines

    def render_lines(self, crop):
        started = time.perf_counter()
        try:
            return original_lines(self, crop)
        finally:
            label = f"lines:{type(self).__name__}#{self.id or ''}"
            timers[label] = timers.get(label, 0.0) + (time.perf_counter() - started) * 1000

    Widget.render_lines = render_lines


""" + PROBE_HELPERS + r"""
async def timed_key(pilot, label, key, changed):
    if "--timers" in sys.argv:
        print(json.dumps({"key": label, "at_ms": (time.perf_counter() - first[0]) * 1000}), file=sys.stderr)
    profile = profiles.setdefault(label, cProfile.Profile()) if profile_to else None
    collecting["ms"], collecting["passes"] = 0.0, []
    timers.clear()
    started, cpu = time.perf_counter(), time.process_time()
    if profile is not None:
        profile.enable()
    pressing = asyncio.ensure_future(pilot.press(key))
    await until(changed, f"reacted to {key}")
    seen = time.perf_counter()
    await painted()
    ended, cpu_ended = time.perf_counter(), time.process_time()
    collected, passes = collecting["ms"], list(collecting["passes"])
    spent = {name: round(ms, 1) for name, ms in timers.items()}
    timers.clear()
    if profile is not None:
        profile.disable()
    await pressing
    return {"key": label, "ms": (ended - started) * 1000, "cpu_ms": (cpu_ended - cpu) * 1000,
            "seen_ms": (seen - started) * 1000, "gc_ms": collected, "gc": passes,
            "in": spent}


async def watch_loading(since):
    # Diagnostics only (the console's internals): when the roster and the kept intake form are there.
    marks = {}
    while len(marks) < 2:
        now = (time.perf_counter() - since) * 1000
        roster = app.screen.query("#roster-table")
        if "roster" not in marks and roster and roster.first().row_count:
            marks["roster"] = now
        form = getattr(getattr(app, "main", None), "intake", None)
        form = form.kept_form if form is not None else None
        if "form" not in marks and form is not None and form.composed:
            marks["form"] = now
        await asyncio.sleep(0.001)
    print(json.dumps({"loading_ms": marks}), file=sys.stderr, flush=True)


async def main():
    times = []
    async with app.run_test(size=(160, 48)) as pilot:
        await until(desk_ready, "showed its queue", timeout=120.0)
        await painted()
        shown_at = first[0] = time.perf_counter()
        if "--timers" in sys.argv:
            asyncio.ensure_future(watch_loading(shown_at))
        if settle:
            await asyncio.sleep(settle)
        main = app.screen
        for _ in range(rounds):
            table = app.focused
            before = table.cursor_coordinate if isinstance(table, DataTable) else None
            key = "down" if before is None or before.row + 1 < table.row_count else "up"
            times.append(await timed_key(pilot, "down", key,
                                         lambda: app.focused is not table or table.cursor_coordinate != before))
            focused = app.focused
            times.append(await timed_key(pilot, "tab", "tab", lambda: app.focused is not focused))
            await pilot.press("shift+tab")
            await until(lambda: app.focused is focused, "came back to the queue")
            times.append(await timed_key(pilot, "n", "n", lambda: app.screen is not main))
            await pilot.press("escape")
            await until(lambda: app.screen is main, "closed the intake form")
            await painted()
    if "--objects" in sys.argv:
        from collections import Counter
        young = gc.get_objects()
        kinds = Counter(type(thing).__module__ + "." + type(thing).__qualname__ for thing in young)
        print(json.dumps({"tracked": len(young), "frozen": gc.get_freeze_count(), "count": gc.get_count(),
                          "kinds": kinds.most_common(25)}), file=sys.stderr, flush=True)
    for label, profile in profiles.items():
        profile.dump_stats(f"{profile_to}.{label}")
    print(json.dumps(times), flush=True)

asyncio.run(main())
"""


def run_probe(year: Path, rounds: int, settle: float, profile_to: str, timers: bool,
              project: Path = PROJECT) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "year.db"
        copy.write_bytes(year.read_bytes())
        result = subprocess.run([sys.executable, "-c", PROBE, str(copy), str(rounds), str(settle), profile_to,
                                 *(["--timers"] if timers else [])],
                                capture_output=True, text=True, cwd=project, env=compiled_env())
    if result.returncode != 0:
        raise SystemExit(f"keys probe failed: {(result.stderr or result.stdout).strip().splitlines()[-1:]}")
    times: list[dict[str, object]] = json.loads(result.stdout.splitlines()[-1])
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--settle", type=float, default=0.0, help="seconds to wait after the queue shows")
    parser.add_argument("--profile", default="", help="cProfile statistics to FILE.<key>")
    parser.add_argument("--incidents", type=int, default=300)
    parser.add_argument("--timers", action="store_true", help="time some of Textual's steps in each key")
    parser.add_argument("--project", type=Path, default=PROJECT,
                        help="the checkout whose console runs (another worktree, to compare back to back)")
    parser.add_argument("--dump", action="store_true", help="print every key's record")
    arguments = parser.parse_args()
    year = generate.generate(arguments.incidents)
    every: list[float] = []
    for _ in range(arguments.runs):
        times = run_probe(year, arguments.rounds, arguments.settle, arguments.profile, arguments.timers,
                          arguments.project)
        every += [float(str(t["ms"])) for t in times]
        if arguments.dump:
            for record in times:
                print(json.dumps(record))
        for label in ("down", "tab", "n"):
            mine = [t for t in times if t["key"] == label]
            walls = [float(str(t["ms"])) for t in mine]
            cpus = [float(str(t["cpu_ms"])) for t in mine]
            print(f"{label:5} wall ms: first {walls[0]:6.1f}  median {statistics.median(walls):6.1f}  "
                  f"p95 {p95(walls):6.1f}  max {max(walls):6.1f}   cpu ms median {statistics.median(cpus):6.1f} "
                  f"max {max(cpus):6.1f}   gc ms {sum(float(str(t['gc_ms'])) for t in mine):6.1f}")
    with open("/proc/loadavg") as load:
        print(f"all keys: median {statistics.median(every):.1f} ms, p95 {p95(every):.1f} ms "
              f"(n={len(every)}); load average {' '.join(load.read().split()[:3])}")


if __name__ == "__main__":
    main()
