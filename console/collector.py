"""The garbage collector's full passes, moved to the desk's quiet moments.

Python runs a full pass (every tracked object) after enough allocation, so it lands where the
console allocates most: opening a form, redrawing a table, exactly while somebody waits for the
screen. On the 300-incident bench ledger one pass took 150-175 ms. From the console's start
automatic full passes are made rare; once the desk is loaded, what it holds for good (modules, the
roster's cells) is frozen out of them, and the desk's one-second tick runs them itself when due and
nobody has pressed a key for a while: a pass (40-80 ms on that ledger) run just after a tick
would otherwise land in the key that came in between, whose repaint is the tick's "after refresh".
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

WHOLE_EVERY = 15 * 60
"""Seconds between two full passes over everything, frozen objects included: what a pass freezes
(`quiet_moment`) and later drops in a reference cycle (a toast or a dialog removed) waits for one."""

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
    """Nothing on the desk is being drawn: run the full pass if one is due and no key came lately.

    What survives the pass is frozen out of the next ones, which then look only at what came since
    (on the busy year a later pass took 52 ms, now 3): an incident from another desk arriving during
    a pass shows that much later. The first pass after a busy spell still looks at all the spell
    left (~200 ms there). Every `WHOLE_EVERY` seconds the pass looks at everything again."""
    global _last_whole
    now = time.monotonic()
    if gc.get_count()[2] >= DUE_AFTER and now - _last_key >= QUIET_SECONDS:
        if now - _last_whole >= WHOLE_EVERY:
            gc.unfreeze()
            _last_whole = now
        gc.collect()
        gc.freeze()
