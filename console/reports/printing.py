"""Sending a written report to the system printer (CUPS `lp`), and saying plainly when there is none."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from model.errors import LinkdeskError
from model.text import _


class NoPrinter(LinkdeskError):
    """No printer is configured on this machine; the report file is still written."""


def send_to_printer(path: Path) -> str:
    """Queue `path` on the default printer; returns what `lp` said (the job id)."""
    lp, lpstat = shutil.which("lp"), shutil.which("lpstat")
    if lp is None or lpstat is None:
        raise NoPrinter(_("no printer: the print system (CUPS lp) is not installed; the report is at {path}").format(
            path=path))
    default = subprocess.run([lpstat, "-d"], capture_output=True, text=True, check=False)
    if default.returncode != 0 or "no system default" in default.stdout.lower() or ":" not in default.stdout:
        raise NoPrinter(_("no printer is configured (lpstat -d names no default printer); the report is at "
                          "{path}").format(path=path))
    queued = subprocess.run([lp, str(path)], capture_output=True, text=True, check=False)
    if queued.returncode != 0:
        reason = (queued.stderr or queued.stdout).strip().splitlines()
        raise NoPrinter(_("the printer refused the report ({reason}); the report is at {path}").format(
            reason=reason[0] if reason else "lp failed", path=path))
    return queued.stdout.strip()
