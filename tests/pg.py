"""A PostgreSQL server for the tests, and a fresh migrated ledger per test, cheaply.

`LINKDESK_TEST_PG` names a server (a libpq URI of a login that may create databases); without
it the tests start one from the `pgserver` wheel (PostgreSQL 16) in a temporary folder, once
per session. The schema is migrated once into one database; before each test it is emptied and
given a new ledger id (`reset`, about 65 ms here). A `CREATE DATABASE … TEMPLATE` copy per test
was the first design: it cost 1.5 to 2.4 s a test on this loaded 2-core machine (the copy
carries the whole catalog), which two hundred tests cannot afford.

A seeded ledger (the console's demo) is kept the same way: seeded once, its rows saved into a
schema of their own (`save_seed`), and put back after the emptying (`reset(uri, seed=…)`): about
30 ms here for the demo's 400 rows, against 120 to 150 ms for `CREATE DATABASE … TEMPLATE` of the
seeded database (measured on the idle machine, fsync off, before the per-test engine connects).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

DATABASE = f"linkdesk_test_{os.getpid()}"


def with_database(uri: str, database: str) -> str:
    """The same server and login, another database."""
    url = make_url(uri.replace("postgresql://", "postgresql+psycopg://", 1)).set(database=database)
    return url.render_as_string(hide_password=False).replace("postgresql+psycopg://", "postgresql://", 1)


@contextmanager
def server() -> Iterator[str]:
    """The admin URI of the tests' server: LINKDESK_TEST_PG's, or a pgserver started here."""
    named = os.environ.get("LINKDESK_TEST_PG")
    if named:
        yield named
        return
    import pgserver

    folder = Path(tempfile.mkdtemp(prefix="linkdesk-pg-"))
    started = pgserver.get_server(folder, cleanup_mode="delete")
    try:
        uri = started.get_uri()
        with admin(uri) as connection:
            # A throwaway server: durability costs the tests time and buys them nothing.
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                connection.execute(sql.SQL("ALTER SYSTEM SET {} = off").format(sql.Identifier(setting)))
            connection.execute("SELECT pg_reload_conf()")
        yield uri
    finally:
        started.cleanup()


def admin(uri: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(uri, autocommit=True)


def make_ledger_database(uri: str) -> str:
    """A database for this session's ledgers, migrated once; its URI."""
    from model.db import open_ledger

    with admin(uri) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    ledger_uri = with_database(uri, DATABASE)
    open_ledger(ledger_uri).dispose()
    return ledger_uri


def _tables() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the state tables, parents first; the tables whose rows are final: entries, the ledger's id)."""
    from model.db import IMMUTABLE_TABLES
    from model.ledger import TABLES

    return tuple(TABLES), IMMUTABLE_TABLES


def save_seed(ledger_uri: str, seed: str) -> None:
    """Keep a copy of every row of the ledger as it is now in the schema `seed`, for `reset` to put back."""
    state_tables, final_tables = _tables()
    with psycopg.connect(ledger_uri) as connection:
        connection.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(seed)))
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(seed)))
        for table in (*final_tables, *state_tables):
            connection.execute(sql.SQL("CREATE TABLE {}.{} AS SELECT * FROM public.{}").format(
                sql.Identifier(seed), sql.Identifier(table), sql.Identifier(table)))


def reset(ledger_uri: str, *, seed: str | None = None) -> None:
    """Empty every table of a migrated ledger and give it a new id: a fresh ledger in milliseconds;
    or, given a `seed` saved by `save_seed`, put that ledger's rows back (its ledger id with them).

    As the database's owner: the triggers that keep entries final are set aside for the one
    transaction (no desk is connected; any leftover connection is ended first).
    """
    import uuid as ids

    from model import clock

    state_tables, final_tables = _tables()
    with psycopg.connect(ledger_uri) as connection:
        connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        for table in final_tables:
            connection.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER USER").format(sql.Identifier(table)))
        # DELETE, children first: on the few rows a test writes it is quicker than TRUNCATE's new files.
        for table in (*reversed(state_tables), *final_tables):
            connection.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
        if seed is not None:
            for table in (*final_tables, *state_tables):
                connection.execute(sql.SQL("INSERT INTO public.{} SELECT * FROM {}.{}").format(
                    sql.Identifier(table), sql.Identifier(seed), sql.Identifier(table)))
        for table in final_tables:
            connection.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER USER").format(sql.Identifier(table)))
        if seed is None:
            connection.execute("INSERT INTO ledger_meta (ledger_id, created_at, identified_seq) VALUES (%s, %s, NULL)",
                               (str(ids.uuid4()), clock.now()))


def database_of(uri: str) -> str | None:
    return make_url(uri.replace("postgresql://", "postgresql+psycopg://", 1)).database


def as_role(uri: str, role: str) -> str:
    """The same server and database, logged in as `role` (trust authentication on the tests' server)."""
    url = make_url(uri.replace("postgresql://", "postgresql+psycopg://", 1)).set(username=role, password=None)
    return url.render_as_string(hide_password=False).replace("postgresql+psycopg://", "postgresql://", 1)
