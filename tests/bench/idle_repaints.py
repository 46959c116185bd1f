"""What an idle desk costs: layouts and screen updates per second, and CPU seconds per second.

An idle desk must do no work: the clock ticks every second, but a countdown, the step detail or
the status bar is repainted only when its words change. Run on the demo ledger at a frozen time
(nothing changes), 160×48, headless:

    uv run python tests/bench/idle_repaints.py
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import _compositor
from textual import screen as textual_screen

from console.app import make_app
from model import actions, clock, demo
from model.db import open_ledger, sqlite_url, write_session
from tests.conftest import FROZEN_AT

IDLE_SECONDS = 10
COUNTS = {"layouts": 0, "updates": 0, "full updates": 0}


def counted(owner: type, name: str, what: str) -> None:
    """Count every call of `owner.name` under `what`."""
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        COUNTS[what] += 1
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)


async def measure() -> None:
    path = Path(tempfile.mkdtemp()) / "ledger.db"
    with clock.frozen(FROZEN_AT):
        engine = open_ledger(sqlite_url(path))
        demo.seed(engine)
        with write_session(engine) as session:  # at a seat: the idle desk, not the seat prompt over it
            actions.sign_in(session=session, operator="值班员 甲", seat="duty")
        engine.dispose()
        app = make_app(path, "值班员 甲")
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause(4)  # the first load and paint
            COUNTS.update(dict.fromkeys(COUNTS, 0))
            started = time.process_time()
            await pilot.pause(IDLE_SECONDS)
            cpu = time.process_time() - started
    for what, count in COUNTS.items():
        print(f"{what} per idle second: {count / IDLE_SECONDS:.1f}")
    print(f"CPU seconds per idle second: {cpu / IDLE_SECONDS:.3f}")


if __name__ == "__main__":
    counted(textual_screen.Screen, "_refresh_layout", "layouts")
    counted(_compositor.Compositor, "render_update", "updates")
    counted(_compositor.Compositor, "render_full_update", "full updates")
    asyncio.run(measure())
