"""Writing to standard output for a reader that may stop early, as `linkdesk export … | head` does."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

READER_LEFT_EXIT = 141
"""The status a Unix tool killed by SIGPIPE leaves (128 + 13), so `set -o pipefail` scripts see the same."""


@contextmanager
def reader_may_leave() -> Iterator[None]:
    """Stop quietly when the reader of standard output closes the pipe, instead of a traceback.

    The rest of the output has nowhere to go, so standard output is pointed at the null device
    (as Python's documentation advises) and the interpreter's last flush cannot fail again.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(READER_LEFT_EXIT) from None
