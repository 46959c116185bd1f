"""The garbage collector's full passes, moved to the desk's quiet moments.

Python runs a full pass (every tracked object) after enough allocation, so it lands where the
console allocates most: opening a form, redrawing a table, exactly while somebody waits for the
screen. On the 300-incident bench ledger one pass took 150-175 ms. Once the desk is loaded, what it
holds for good (modules, the roster's cells) is frozen out of those passes, automatic full passes
are made rare, and the desk's one-second tick runs them itself when the collector is due.
"""

from __future__ import annotations

import gc

DUE_AFTER = 10
"""Younger passes between two full passes: Python's own default cadence."""
OVERDUE_AFTER = 200
"""The automatic full pass, for when the desk has no quiet moment for long (a dialog open for minutes)."""


def desk_loaded() -> None:
    """The desk has shown its first full read: keep what it holds now out of every later full pass."""
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, OVERDUE_AFTER)


def quiet_moment() -> None:
    """Nothing on the desk is being drawn: run the full pass if one is due."""
    if gc.get_count()[2] >= DUE_AFTER:
        gc.collect()
