"""The console's first rows: the desk's queue read with the standard library's sqlite3, so that the
first incident numbers paint before SQLAlchemy is imported.

Only a ledger whose schema is already current is read this way (otherwise None, and the rows come
with the follower's first read after the upgrade). The overdue counts come with that read too
(they are 0 here); it follows at once and replaces these rows.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from model.read_models import DESK_STATES, IncidentRow, desk_order
from model.schema_revision import head_revisions

QUEUE = ("SELECT no, level, type, address, state, received_at, is_drill, received_by, description, lat, lon "
         "FROM incident WHERE state IN ({marks})")


def _utc(text: str) -> datetime:
    """A time as the ledger's SQLite columns hold it (naive UTC text)."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def first_rows(path: Path) -> list[IncidentRow] | None:
    """The desk's queue in the queue's order, or None when the file is missing or its schema is behind."""
    if not path.is_file():
        return None
    states = sorted(DESK_STATES)
    try:
        # timeout=0: a ledger locked by another process (a checkpoint, a recovery) is not waited for here.
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0) as connection:
            stamped = {str(row[0]) for row in connection.execute("SELECT version_num FROM alembic_version")}
            if stamped != head_revisions():
                return None
            found = connection.execute(QUEUE.format(marks=", ".join("?" * len(states))), states).fetchall()
    except sqlite3.Error:
        return None
    return desk_order(IncidentRow(no=no, level=level, type=kind, address=address, state=state,
                                  received_at=_utc(received), is_drill=bool(drill), received_by=by,
                                  overdue_steps=0, description=description, lat=lat, lon=lon)
                      for no, level, kind, address, state, received, drill, by, description, lat, lon in found)
