"""Whom a desk's entries name: a login the system vouches for, not a name typed in.

On PostgreSQL every seat connects as its own database role and the server refuses an entry that
names anyone else (migration 0006), so the desk takes its operator from `session_user`. Only the
ledger database's owner, the administrator who runs upgrades and imports, may name one, since
its entries are not vouched for anyway. On an SQLite file the operator is the OS login; the
configuration's `typed_operator` says whether `--operator` may name another (tests, the demo,
a center that has not set up its roster).
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from model.config import load_config
from model.errors import LinkdeskError
from model.text import _

if TYPE_CHECKING:
    from sqlalchemy import Engine

WHO = "SELECT session_user, pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
"""Who this connection is and who owns the database (SQLAlchemy is imported only for a server: an SQLite
desk's console paints before it loads)."""


def os_login() -> str:
    return getpass.getuser()


def server_login(engine: Engine) -> tuple[str, bool]:
    """The database role this engine connects as, and whether it owns the ledger database."""
    from sqlalchemy import text

    from model.db import engine_name, translated

    with translated(engine_name(engine)), engine.connect() as connection:
        login, owner = connection.execute(text(WHO)).one()
    return str(login), login == owner


def desk_operator(typed: str | None, engine: Engine | None = None) -> str:
    """The operator of this desk's entries; `typed` is what `--operator` or LINKDESK_OPERATOR said.

    `engine` is the ledger's when it is on a server (an SQLite desk needs no connection to know).
    """
    if engine is not None and engine.dialect.name != "sqlite":
        login, owns = server_login(engine)
        return typed if typed and owns else login
    login = os_login()
    if not typed or typed == login:
        return login
    if not load_config().typed_operator:
        raise LinkdeskError(_("this center's configuration does not let the operator be typed in: entries name "
                              "the login ({login}); leave out --operator and LINKDESK_OPERATOR").format(login=login))
    return typed
