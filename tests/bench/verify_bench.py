"""How many entries a second `ledger verify` checks, chain only and with the state replay.

Run on purpose, not by pytest: `uv run python tests/bench/verify_bench.py LEDGER.db`
(`tests/bench/generate.py --incidents 5000` makes a ledger of about 100,000 entries).
"""

from __future__ import annotations

import sys
import time

from model import ledger
from model.db import open_ledger, read_session, sqlite_url


def main() -> None:
    engine = open_ledger(sqlite_url(sys.argv[1]))
    for check_state in (False, True):
        with read_session(engine) as session:
            started, cpu = time.perf_counter(), time.process_time()
            report = ledger.verify(session, check_state=check_state)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert report.ok, report.problem
        what = "chain and state" if check_state else "chain only"
        print(f"{what:16s}: {report.entries} entries in {elapsed:.2f} s = {report.entries / elapsed:,.0f}/s "
              f"(CPU {cpu:.2f} s)")
    engine.dispose()


if __name__ == "__main__":
    main()
