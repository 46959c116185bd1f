"""The garbage collector's full passes, moved to the desk's quiet moments.

Python runs a full pass (every tracked object) after enough allocation, so it lands where the
console allocates most: opening a form, redrawing a table, exactly while somebody waits for the
screen. On the 300-incident bench ledger one pass took 150-175 ms. From the console's start
automatic full passes are made rare; once the desk is loaded, what it holds for good (modules, the
roster's cells) is frozen out of them. The desk's one-second tick, when a pass is due and nobody
has pressed a key for a while, collects the young generations and freezes what survives; every
five minutes it runs the full pass over everything instead (a pass run just after a tick would
otherwise land in the key that came in between, whose repaint is the tick's "after refresh").
"""

from __future__ import annotations

import gc
import time

DUE_AFTER = 10
"""Younger passes between two full passes: Python's own default cadence."""
OVERDUE_AFTER = 200
"""The automatic full pass, for when the desk has no quiet moment for long (a dialog open for minutes)."""
QUIET_SECONDS = 1.5
"""How long after the last key a moment counts as quiet: a person typing or moving through the desk
presses keys well under a second apart."""

WHOLE_EVERY = 5 * 60
"""Seconds between two full passes over everything, frozen objects included: what a quiet moment
freezes and later drops in a reference cycle (a toast or a dialog removed) waits for one. In the
desk probe on the busy year (30 keys, 20 saves, 40 other-desk writes, 90 s) that was 127,000
objects against 16,000 unfrozen, and 1.2 MB more at the peak (123 MB)."""

_last_key = 0.0
_last_whole = time.monotonic()


def console_started() -> None:
    """The console is starting: no automatic full pass while it loads (imports, plans, the first
    reads allocate most of what the desk will hold), where one landed in the first key pressed as
    soon as the queue showed (110-200 ms on the busy year). The quiet moments run the pass instead."""
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, OVERDUE_AFTER)


def desk_loaded() -> None:
    """The desk has shown its first full read: keep what it holds now out of every later full pass."""
    gc.freeze()


def key_pressed() -> None:
    """A key came in: the next quiet moment is at least `QUIET_SECONDS` away."""
    global _last_key
    _last_key = time.monotonic()


def quiet_moment() -> None:
    """Nothing on the desk is being drawn and no key came lately: when a full pass is due, collect
    the young generations and freeze what survives, so that no pass looks at it again until the
    pass over everything, every `WHOLE_EVERY` seconds.

    A full pass looks at everything not frozen: on the busy year, after a spell of keys and saves,
    160-245 ms, and an incident from another desk arriving meanwhile showed that much later (desk →
    desk 435 ms against a median of 150). The young generations' pass takes a few milliseconds."""
    global _last_whole
    now = time.monotonic()
    if gc.get_count()[2] >= DUE_AFTER and now - _last_key >= QUIET_SECONDS:
        if now - _last_whole >= WHOLE_EVERY:
            gc.unfreeze()
            _last_whole = now
            gc.collect()
        else:
            gc.collect(1)
        gc.freeze()
