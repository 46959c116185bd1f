"""Run the real `linkdesk` entry point in a child process, as a user or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def linkdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m console ARGS` with a clean, predictable environment."""
    environment = {**os.environ, "LINKDESK_OPERATOR": "tester", **(env or {})}
    return subprocess.run([sys.executable, "-m", "console", *args], capture_output=True, text=True,
                          cwd=PROJECT, env=environment, timeout=120)
