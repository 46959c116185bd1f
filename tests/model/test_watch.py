"""The follower's wake-up: a commit by any other connection is noticed, and nothing else is."""

from __future__ import annotations

from pathlib import Path

from model import actions
from model.db import open_ledger, sqlite_url, write_session
from model.watch import watch


def test_another_connections_commit_is_noticed_and_quiet_is_quiet(tmp_path: Path) -> None:
    engine = open_ledger(sqlite_url(tmp_path / "ledger.db"))
    actions.load()
    follower = watch(engine)
    try:
        assert follower.changed() is True  # the first call: read what is there
        assert follower.changed() is False
        with write_session(engine) as session:
            actions.start_shift(session=session, operator="王芳", name="白班", officers=["王芳"])
            session.commit()
        assert follower.changed() is True
        assert follower.changed() is False
        assert follower.cut_off() is None
    finally:
        follower.close()
