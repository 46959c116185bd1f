"""`linkdesk --db FILE demo` paints its queue before it loads the ledger's libraries.

Until the first paint, the console needs Textual, the catalog, the center's settings and one
read-only query of the open incidents (`model.first_rows`, the standard library's sqlite3): the
ORM, the migrations, the plans' and forms' pydantic and the readers and writers of files are
loaded by the worker that opens the ledger, after the screen is up. A child Python process runs
the real entry point on a copy of the demo ledger, the console headless in place of the terminal,
and reports what was imported when the ledger-opening worker was about to start (the first
refresh of the screen) and what the queue held then.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import PROJECT

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "pydantic", "openpyxl", "fpdf", "psycopg")
"""Top-level packages the console must not import before its first paint (pydantic_core is not pydantic)."""

CHILD = """
import asyncio, json, sys
import console.app
from console.app import LinkDeskApp
from console.entry import main
from textual.widgets import DataTable

heavy = set(sys.argv[2].split(","))
seen = {}
open_ledger = LinkDeskApp.open_ledger


def first_refresh_then_open(self, *args, **kwargs):
    if not seen:
        seen["loaded"] = sorted({name.split(".")[0] for name in sys.modules} & heavy)
        seen["rows"] = self.main.query_one("#queue-table", DataTable).row_count
    return open_ledger(self, *args, **kwargs)


def headless(app, *, headless=False):
    async def run():
        async with app.run_test(size=(160, 48)):
            while not seen:
                await asyncio.sleep(0.01)
    asyncio.run(run())
    return 0


LinkDeskApp.open_ledger = first_refresh_then_open
console.app.run_console = headless
sys.argv = ["linkdesk", "--lang", "en", "--db", sys.argv[1], "demo"]
try:
    main()
except SystemExit:
    pass
print(json.dumps(seen))
"""


def test_the_demo_paints_its_queue_before_loading_the_orm_or_pydantic(demo_template: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "demo.db"
    shutil.copyfile(demo_template, ledger)
    result = subprocess.run([sys.executable, "-c", CHILD, str(ledger), ",".join(HEAVY)], capture_output=True,
                            text=True, cwd=PROJECT, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["loaded"] == [], f"imported before the first paint: {seen['loaded']}"
    assert seen["rows"] > 0, "the first paint shows the demo's open incidents"
