"""Where a ledger is: an SQLite file or a PostgreSQL database, as `--db` names it and messages show it.

Apart from model/db.py so the console can name its ledger before SQLAlchemy has loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path).expanduser()}"


SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
"""How a ledger on a PostgreSQL server is named: a libpq URI (psycopg 3 is the driver)."""


def is_server(location: Path | str) -> bool:
    """Whether `--db` names a ledger on a database server rather than a file."""
    return isinstance(location, str) and location.startswith(SERVER_SCHEMES)


def ledger_location(text: str) -> Path | str:
    """What `--db` (or LINKDESK_DB) names: a server URI kept as written, else a file path."""
    return text if is_server(text) else Path(text).expanduser()


def ledger_url(location: Path | str) -> str:
    """The SQLAlchemy URL of a ledger given as a file path, an SQLAlchemy URL or a libpq URI."""
    if isinstance(location, str) and location.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + location.split("://", 1)[1]
    if isinstance(location, str) and location.startswith(("postgresql+psycopg://", "sqlite:")):
        return location
    return sqlite_url(location)


def ledger_name(location: Path | str) -> str:
    """The ledger as messages name it: the file, or the server URI without its password."""
    if not is_server(location):
        return str(location)
    from sqlalchemy.engine import make_url

    return server_name(make_url(ledger_url(location)))


def server_name(url: Any) -> str:
    """A server URL as messages show it: no password, the socket folder readable."""
    from urllib.parse import unquote

    if not url.password:
        url = url._replace(password=None)
    return unquote(url.render_as_string(hide_password=True)).replace("postgresql+psycopg://", "postgresql://", 1)
