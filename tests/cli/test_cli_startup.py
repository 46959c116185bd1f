"""Asking the command line for help or its version loads none of the slow libraries.

A duty officer who types `linkdesk --help` should not wait for SQLAlchemy, the spreadsheet reader
or the PDF writer: each command imports them when it runs. A child Python process (nothing of
this test's own imports in it) runs every help page through the real entry point, the way the
`linkdesk` script does, and reports which of those libraries ended up in `sys.modules`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version as installed_version

import pytest

from tests.cli.conftest import PROJECT

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "openpyxl", "fpdf", "pydantic", "yaml", "textual")
"""Top-level packages that `--help` and `--version` must not import."""

CHILD = """
import contextlib, io, json, sys
from typer.main import get_command
from console.entry import main
import console.cli

heavy = set(sys.argv[1].split(","))
root = get_command(console.cli.app)
pages = [["--version"], ["--help"]]
for group_name, group in root.commands.items():
    pages.append([group_name, "--help"])
    for command_name in getattr(group, "commands", {}):
        pages.append([group_name, command_name, "--help"])
results = []
for args in pages:
    sys.argv = ["linkdesk", "--lang", sys.argv[2], *args]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main()
        except SystemExit as done:
            code = done.code
    loaded = sorted({name.split(".")[0] for name in sys.modules} & heavy)
    results.append({"args": args, "code": code, "out": out.getvalue(), "loaded": loaded})
print(json.dumps(results))
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_and_version_load_no_heavy_library(lang: str) -> None:
    env = {key: value for key, value in os.environ.items() if key != "LINKDESK_LANG"}
    result = subprocess.run([sys.executable, "-c", CHILD, ",".join(HEAVY), lang], capture_output=True,
                            text=True, cwd=PROJECT, env=env, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout)
    assert len(pages) > 40, "every group and every command has a help page"
    for page in pages:
        assert page["code"] == 0, page
        assert page["loaded"] == [], f"linkdesk {' '.join(page['args'])} imported {page['loaded']}"
    version, root_help = pages[0], pages[1]
    assert version["out"].strip() == f"linkdesk {installed_version('linkdesk')}"
    usage = "用法" if lang == "zh" else "Usage"
    assert all(usage in page["out"] for page in pages[1:]), "every help page is printed, in the chosen language"
    assert ("台账" if lang == "zh" else "ledger") in root_help["out"]
