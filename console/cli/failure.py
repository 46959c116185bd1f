"""How a failed command ends: one line on standard error and a non-zero status, never a traceback.

Refusals (`LinkdeskError`) and usage mistakes already carry a message meant for the desk. A
failure nobody foresaw still ends in one line, naming the error and the file its traceback was
saved to, so the officer is not left with a screen of code and whoever maintains the desk still
has what they need.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

import typer

from model.text import _


def usage_line(error: typer._click.exceptions.UsageError) -> str:
    """Click's usage error as one line: the problem, and where the command's help is."""
    context = error.ctx
    if context is None:
        return error.format_message()
    return _("{problem} (see '{command} --help')").format(problem=error.format_message().rstrip("."),
                                                          command=context.command_path)


def os_line(error: OSError) -> str:
    """A file the system would not read or write (a missing folder, a full disk): which file, and why."""
    reason = error.strerror or str(error)
    if error.filename is None:
        return reason
    return _("cannot use {path}: {reason}").format(path=error.filename, reason=reason)


def crash_file() -> Path:
    """Where an unforeseen failure's traceback is kept: the user log folder (LINKDESK_LOG_DIR overrides)."""
    import os

    from platformdirs import user_log_path

    folder = os.environ.get("LINKDESK_LOG_DIR")
    base = Path(folder).expanduser() if folder else user_log_path("linkdesk")
    return base / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"


def crash_line(error: BaseException) -> str:
    """One line for a failure linkdesk did not foresee; its traceback goes to a file, not the screen."""
    reason = f"{type(error).__name__}: {error}"
    path = crash_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    except OSError:
        return _("unexpected failure: {reason}").format(reason=reason)
    return _("unexpected failure: {reason} (details in {path})").format(reason=reason, path=path)
