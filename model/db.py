"""Opening the ledger database: engine, durability pragmas, migrations and readable failures.

A ledger is an SQLite file (the embedded default) or a PostgreSQL database named by a libpq URI
(`postgresql://user@host/db`, or `postgresql:///db?host=/run/postgresql` through a unix socket).
How each opens and takes the write lock lives here; what differs when an entry is appended lives
in model/backend.py; the action layer's SQL stays dialect-neutral.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from model.errors import LedgerUnavailable
from model.location import is_server as is_server
from model.location import ledger_location as ledger_location
from model.location import ledger_name as ledger_name
from model.location import ledger_url as ledger_url
from model.location import server_name
from model.location import sqlite_url as sqlite_url
from model.schema_revision import head_revisions
from model.text import N_, _


def busy_timeout_ms() -> int:
    """How long a writer waits for another desk's write to finish (LINKDESK_BUSY_TIMEOUT_MS)."""
    return int(os.environ.get("LINKDESK_BUSY_TIMEOUT_MS", "5000"))


def max_page_count() -> int | None:
    """A cap on the file's pages (LINKDESK_MAX_PAGE_COUNT): how the fault suite makes a disk full."""
    value = os.environ.get("LINKDESK_MAX_PAGE_COUNT")
    return int(value) if value else None


MIGRATIONS = Path(__file__).with_name("migrations")


RECORDED_IS_FINAL = "linkdesk: ledger entries and the ledger id are never updated or deleted"
"""What SQLite says when anything tries to change or remove a ledger entry or the ledger's id."""
IMMUTABLE_TABLES = ("ledger_entry", "ledger_meta")
OPERATOR_NOT_VOUCHED = "linkdesk: the operator of an entry is the database role that writes it"
"""What PostgreSQL says when a seat's role tries to record an entry under another name."""


def immutable_triggers() -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER statement) of the SQLite triggers that refuse UPDATE and DELETE.

    They stop a script, a tool or a slip in raw SQL from rewriting history in place; someone who
    drops them first is still caught by `ledger verify` and its anchors. The id table also
    refuses a second row, since a ledger has one id.
    """
    triggers = [(f"{table}_no_{verb.lower()}",
                 f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                 f"BEGIN SELECT RAISE(ABORT, '{RECORDED_IS_FINAL}'); END")
                for table in IMMUTABLE_TABLES for verb in ("UPDATE", "DELETE")]
    triggers.append(("ledger_meta_one_row",
                     "CREATE TRIGGER ledger_meta_one_row BEFORE INSERT ON ledger_meta "
                     "WHEN (SELECT count(*) FROM ledger_meta) > 0 "
                     f"BEGIN SELECT RAISE(ABORT, '{RECORDED_IS_FINAL}'); END"))
    return triggers


def make_engine(url: str) -> Engine:
    """Build the engine; nothing connects until the first session."""
    if not url.startswith("sqlite"):
        return _server_engine(ledger_url(url))
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(
        url,
        poolclass=StaticPool if in_memory else None,
        connect_args={"timeout": busy_timeout_ms() / 1000, "check_same_thread": False, "uri": True},
    )

    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Take over transaction control so writes can start with BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        pages = max_page_count()
        if pages is not None:
            cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        # A writer takes the write lock before it reads the chain head, so two desks never fork it.
        immediate = connection.get_execution_options().get("linkdesk_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _server_engine(url: str) -> Engine:
    """A PostgreSQL ledger: a writing transaction takes the ledger's append lock first of all.

    That is SQLite's BEGIN IMMEDIATE on a server: an action reads the state it checks (is the
    resource still available? is the incident still open?) under the lock, so of two seats acting
    on the same thing at once the second sees what the first did and is refused with it.
    """
    from model import backend

    engine = create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "connect")
    def set_timeouts(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {busy_timeout_ms()}")
            cursor.execute("SET TIME ZONE 'UTC'")
        dbapi_connection.commit()

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        if connection.get_execution_options().get("linkdesk_write", False):
            backend.serialize_appends(connection)

    return engine


SERVER_FAILURES = (
    (("lock timeout", "canceling statement due to lock"),
     N_("{where} is busy with another desk's write; nothing was recorded, try again")),
    (("password authentication failed", "no pg_hba.conf entry", "role \"", "peer authentication failed"),
     N_("{where} refused this login: {reason}")),
    (("permission denied",), N_("{where} does not let this login do that: {reason}")),
    (("database \"", "does not exist"), N_("{where}: {reason}")),
    (("connection refused", "could not connect", "no such file or directory", "connection is bad",
      "server closed the connection", "terminating connection", "connection timeout", "consuming input failed",
      "could not translate host name", "the connection is closed"),
     N_("cannot reach the ledger server {where}: {reason}")),
    (("could not extend file", "no space left"),
     N_("the disk of the ledger server {where} is full: nothing was recorded")),
)
"""PostgreSQL's failures as a desk meets them: words found in the server's message, and what to say."""


def _server_failure(error: BaseException, where: str) -> str | None:
    original = getattr(error, "orig", error)
    module = type(original).__module__
    if not module.startswith("psycopg"):
        return None
    reason = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    text = reason.lower()
    for needles, message in SERVER_FAILURES:
        if any(needle in text for needle in needles):
            return _(message).format(where=where, reason=reason)
    return f"{where}: {reason}"


def describe_failure(error: BaseException, where: str) -> str:
    """One line an officer can act on, for a database error from any layer."""
    text = str(getattr(error, "orig", error)).lower()
    if RECORDED_IS_FINAL.lower() in text:
        return _("{where} refused to change a recorded ledger entry (entries are never updated or deleted): "
                 "nothing was recorded").format(where=where)
    if OPERATOR_NOT_VOUCHED.lower() in text:
        return _("{where} refused the entry: a seat records entries only under the name it signed in "
                 "with (its database role)").format(where=where)
    server = _server_failure(error, where)
    if server is not None:
        return server
    if "not a database" in text or "file is encrypted" in text:
        return _("{where} is not a linkdesk ledger (the file is not an SQLite database)").format(where=where)
    if "readonly" in text or "read-only" in text:
        return _("{where} is read-only: nothing can be recorded; check the file's permissions").format(where=where)
    if "locked" in text or "busy" in text:
        return _("{where} is locked by another program; nothing was recorded, try again").format(where=where)
    if "disk is full" in text:
        return _("the disk holding {where} is full: nothing was recorded; free space and try again").format(where=where)
    if "unable to open" in text:
        return _("cannot open {where}: the folder is missing or not writable").format(where=where)
    if "malformed" in text or "corrupt" in text:
        return _("{where} is damaged (the database image is malformed); restore it from a backup").format(where=where)
    return f"{where}: {getattr(error, 'orig', error)}"


@contextmanager
def translated(where: str) -> Iterator[None]:
    """Turn driver errors into LedgerUnavailable with a one-line reason."""
    try:
        yield
    except (exc.OperationalError, exc.DatabaseError, exc.InterfaceError, sqlite3.Error) as error:
        raise LedgerUnavailable(describe_failure(error, where)) from error


def upgrade(engine: Engine, *, ledger_id: str | None = None) -> None:
    """Bring the schema to the newest Alembic revision (applied on every start).

    A ledger gets its id when migration 0003 runs: a new random one unless `ledger_id` is given
    (the benchmark year does, so two files written the same way are equal byte for byte). An
    existing ledger keeps the id it has; `ledger_id` is then ignored.
    """
    from alembic import command
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["ledger_id"] = ledger_id
    with translated(engine_name(engine)), engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def engine_name(engine: Engine) -> str:
    """The ledger an engine opens, as a message names it (a server's URI without its password)."""
    if engine.dialect.name == "sqlite":
        return str(engine.url.database or engine.url)
    return server_name(engine.url)


def write_session(engine: Engine) -> Session:
    """A session whose transaction starts with the write lock held."""
    return Session(engine.execution_options(linkdesk_write=True), expire_on_commit=False)


def read_session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)


def open_ledger(url: str) -> Engine:
    """Engine for a ledger whose schema is brought up to date; creates the folder of a new file.

    `url` is an SQLAlchemy URL or a libpq URI (`postgresql://…`).
    """
    url = ledger_url(url)
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        path = Path(url.removeprefix("sqlite:///"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LedgerUnavailable(_("cannot open {where}: the folder is missing or not writable")
                                    .format(where=path)) from error
    engine = make_engine(url)
    if not schema_current(engine):
        upgrade(engine)
    return engine


def schema_current(engine: Engine) -> bool:
    """True when the ledger's schema is at the newest revision already (Alembic need not run)."""
    try:
        with engine.connect() as connection:
            stamped = {str(row[0]) for row in connection.exec_driver_sql("SELECT version_num FROM alembic_version")}
    except exc.DBAPIError:
        return False
    return stamped == head_revisions()
