"""How many entries a second `ledger verify` checks, chain only and with the state replay.

Run on purpose, not by pytest: `uv run python tests/bench/verify_bench.py LEDGER.db [RUNS]`
(`tests/bench/generate.py --incidents 5000` makes a ledger of about 100,000 entries). Each figure
is the best of RUNS runs (default 3) in CPU seconds (`time.process_time()`): on a shared machine
wall time moves with the load, and the least CPU time is the one least disturbed by it.
"""

from __future__ import annotations

import sys
import time

from model import ledger
from model.db import open_ledger, read_session, sqlite_url


def main() -> None:
    engine = open_ledger(sqlite_url(sys.argv[1]))
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for check_state in (False, True):
        best_cpu, best_wall, entries = float("inf"), float("inf"), 0
        for _ in range(runs):
            with read_session(engine) as session:
                started, cpu = time.perf_counter(), time.process_time()
                report = ledger.verify(session, check_state=check_state)
                best_wall = min(best_wall, time.perf_counter() - started)
                best_cpu = min(best_cpu, time.process_time() - cpu)
            assert report.ok, report.problem
            entries = report.entries
        what = "chain and state" if check_state else "chain only"
        print(f"{what:16s}: {entries} entries, best of {runs}: CPU {best_cpu:.2f} s = {entries / best_cpu:,.0f} "
              f"entries/CPU-s (wall {best_wall:.2f} s = {entries / best_wall:,.0f}/s)")
    engine.dispose()


if __name__ == "__main__":
    main()
