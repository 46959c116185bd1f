"""The newest schema revision, known without Alembic or SQLAlchemy: read from the migration files'
own lines. A start whose ledger is already at it skips Alembic, whose import alone takes longer
than the console's first paint."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

VERSIONS = Path(__file__).with_name("migrations") / "versions"
REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+)$", re.MULTILINE)
"""`revision = '0004'` and `down_revision = '0003'` (annotated or not) in a migration file."""


@cache
def head_revisions() -> frozenset[str]:
    """The revisions no other migration builds on."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        found = dict(REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        revisions.add(ast.literal_eval(found["revision"].strip()))
        down = ast.literal_eval(found.get("down_revision", "None").strip())
        parents.update(down if isinstance(down, tuple) else (down,) if down else ())
    return frozenset(revisions - parents)
