"""Run many `linkdesk` command lines through the real entry point, each in its own process.

Starting Python and importing the CLI takes seconds on a shared machine; the entry point itself
runs in a fraction of that. This driver imports once, then forks one child per command line:
each child has its own standard output and error (files), its own environment and exit status,
and calls `console.entry:main` exactly as the `linkdesk` script does. Whatever escapes `main` is
printed the way the interpreter would print it, traceback included, so the test sees what a user
would see.

Input (stdin): a JSON list of {"args": [...], "env": {...}, "out": path, "err": path}.
Output (stdout): a JSON list of exit statuses, in the same order.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback

PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHILD_SECONDS = 60
"""A child still running after this long (a console started by mistake) is killed and reported."""


def warm() -> None:
    """Import what the commands import lazily, so each child starts where a real run would be after import."""
    import alembic.command  # noqa: F401

    import console.cli
    import console.reports  # noqa: F401
    import model.actions
    import model.db  # noqa: F401


def child(case: dict[str, object]) -> int:
    stdin = os.open(os.devnull, os.O_RDONLY)
    out = os.open(str(case["out"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(str(case["err"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(stdin, 0)
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.environ.update({str(k): str(v) for k, v in dict(case["env"]).items()})  # type: ignore[call-overload]
    sys.argv = ["linkdesk", *(str(arg) for arg in case["args"])]  # type: ignore[attr-defined]
    signal.alarm(CHILD_SECONDS)
    from console.entry import main

    code = 0
    try:
        main()
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:
            print(done.code, file=sys.stderr)
            code = 1
    except BaseException:  # what the interpreter does with an exception nobody caught
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def run(cases: list[dict[str, object]]) -> list[int]:
    """Fork one child per case, as many at a time as there are cores; statuses in case order."""
    statuses: dict[int, int] = {}
    running: dict[int, int] = {}
    pending = list(enumerate(cases))
    while pending or running:
        while pending and len(running) < (os.cpu_count() or 1):
            number, case = pending.pop(0)
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    code = child(case)
                finally:
                    os._exit(code)
            running[pid] = number
        pid, status = os.wait()
        statuses[running.pop(pid)] = os.waitstatus_to_exitcode(status)
    return [statuses[number] for number in range(len(cases))]


if __name__ == "__main__":
    sys.path.insert(0, PROJECT)
    os.chdir(PROJECT)
    warm()
    print(json.dumps(run(json.load(sys.stdin))))
