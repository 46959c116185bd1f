"""Repaints paced at Textual's frame rate, without the frame Textual loses after each repaint.

A screen repaints from an interval timer of one frame (1/60 s, `Screen._update_timer`) that the
screen resumes when it idles with something to draw and that pauses itself in each repaint. Textual's
Timer (`Timer._run`, textual 8.2.8) then finds its next tick long past and skips ahead, one tick
too far: the next repaint after any repaint waits 17–33 ms, whatever is to be drawn. A key whose
effect takes two repaints (a cursor move: the queue, then the plan the follower reads for the new
incident; a pane switch: the focus, then the panes' borders) waited that long between them with
nothing to do. `FrameTimer` ticks as soon as it is resumed once a frame has passed since its last
tick began; `PacedScreen` repaints with it.

A widget restyled or changed tells the screen at its own next idle (`Widget._check_refresh`), and
the screen may go idle first: a pane switch drew the tables' new look in one repaint and the panes'
borders, restyled in the same handler, in the next. A resumed frame lets a few turns of the event
loop pass before it draws, so that what is already on its way is drawn with it.
"""

from __future__ import annotations

import asyncio
from typing import TypeVar

from textual import _time
from textual.screen import UPDATE_PERIOD, Screen
from textual.timer import EventTargetGone, Timer

ResultType = TypeVar("ResultType")
SETTLING_TURNS = 3
"""Turns of the event loop a resumed frame lets pass first: a widget restyled or changed posts its
repaint to the screen at its own next idle, after the screen may have resumed the frame."""


class FrameTimer(Timer):
    """A paused-and-resumed repeating timer that ticks when resumed, at most once a frame.

    Replaces `Timer._run`; repeats until stopped (`repeat` and `reset` are not used by a screen's
    update timer, and not served)."""

    async def _run(self) -> None:
        self._active  # noqa: B018 -- the event is made in this task's loop, as Timer._run does
        began = _time.get_time() - self._interval
        count = 0
        while True:
            await self._active.wait()
            for _turn in range(SETTLING_TURNS):
                await asyncio.sleep(0)
            wait = began + self._interval - _time.get_time()
            if wait > 0:
                await _time.sleep(wait)
                await self._active.wait()
            began = _time.get_time()
            count += 1
            try:
                await self._tick(next_timer=began, count=count)
            except EventTargetGone:
                break


class PacedScreen(Screen[ResultType]):
    """A screen whose next repaint comes one frame after the last began, not up to two later.

    Overrides `Screen._update_timer` (textual 8.2.8: the property that makes the screen's update
    timer on first use, with `set_interval`)."""

    _frame_timer: FrameTimer | None = None

    @property
    def _update_timer(self) -> Timer:
        if self._frame_timer is None:
            self._frame_timer = FrameTimer(self, UPDATE_PERIOD, name="screen_update",
                                           callback=self._on_timer_update, pause=True)
            self._frame_timer._start()
            self._timers.add(self._frame_timer)
        return self._frame_timer
