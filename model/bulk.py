"""Help for work that builds hundreds of thousands of objects at once, such as a file import."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a bulk job builds objects that all live until it ends.

    Each generation-0 collection would walk the rows built so far and find nothing to free; on a
    file of 100,000 rows that was a fifth of the import's CPU time. Reference counting still
    frees everything as usual, and the collector resumes (if it was running) when the job ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
