"""Shared fixtures: a fresh migrated ledger per test, on both backends, a frozen clock, an operator.

A test that asks for `ledger` (or `ledger_url`, `engine`, `session`, `run`, `demo_ledger`,
`fresh_ledger`) runs twice: on an SQLite file and on a PostgreSQL database (tests/pg.py). A test
that also asks for `ledger_path` works on the file itself (its page cap, its permissions, copying
it) and runs on SQLite only; its docstring says why.

Tests speak English, the language the messages are written in, whatever the machine's
locale; a test of the Chinese interface asks for it with the `chinese` fixture.

How the suite stays fast (keep it so): `uv run pytest` runs on every core (pytest-xdist,
`-n auto` in pyproject.toml), so no test may share a file with another or rely on the order
tests run in; each worker is its own session. A ledger is migrated once per worker
(`migrated_template`) and each test gets a copy (`ledger_url`), and the demo ledger is seeded
once and copied (`demo_template`, `pg_demo_template`, `demo_ledger`): running Alembic or the
demo seed per test costs far more than the test. A copied ledger keeps the template's ledger id;
a test that needs a second ledger with its own id opens one with `open_ledger`.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import xmlschema
from sqlalchemy import Engine
from sqlmodel import Session

from tests import pg

os.environ["LINKDESK_LANG"] = "en"
# A machine that forbids bytecode would make every `linkdesk` the tests start compile the
# project again; cached bytecode changes nothing but the wait.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# The project's modules come after: model.text picks its language once, at import.
from model import clock  # noqa: E402
from model.db import open_ledger, sqlite_url, write_session  # noqa: E402
from model.text import language, set_language  # noqa: E402

FROZEN_AT = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
"""10:00 in Asia/Shanghai: the middle of a day shift."""
SEATED = ("值班员", "值班员 甲", "officer")
"""Operators the Pilot tests start the demo desk as, signed in at a seat (the demo seats its own two), so
the seat prompt does not stand over the desk; a test of the prompt starts the desk as someone else."""


def seed_demo(engine: Engine) -> None:
    """The demo at the frozen time, with the tests' operators signed in at a seat."""
    from model import actions, demo

    with clock.frozen(FROZEN_AT):
        demo.seed(engine)
        with write_session(engine) as session:
            for operator in SEATED:
                actions.sign_in(session=session, operator=operator, seat="duty")


@pytest.fixture
def chinese() -> Iterator[None]:
    """The interface in Chinese for one test; the language before it comes back after."""
    before = language()
    set_language("zh")
    yield
    set_language(before)


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test of a ledger on both backends, but a test of the SQLite file itself on SQLite only."""
    if "backend" in metafunc.fixturenames:
        backends = BACKENDS if "ledger_path" not in metafunc.fixturenames else BACKENDS[:1]
        metafunc.parametrize("backend", backends, indirect=True, scope="function")


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The ledger's database: sqlite or postgresql."""
    return str(request.param)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty ledger brought to the newest revision once per session; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "ledger.db"
    open_ledger(sqlite_url(path)).dispose()
    return path


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[str]:
    """The admin URI of the tests' PostgreSQL server (LINKDESK_TEST_PG, else a pgserver started once
    per session, that is per xdist worker)."""
    with pg.server() as uri:
        yield uri


@pytest.fixture(scope="session")
def pg_ledger(pg_admin: str) -> str:
    """The URI of the session's migrated ledger database, emptied before each test that uses it."""
    return pg.make_ledger_database(pg_admin)


@pytest.fixture
def ledger(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where this test's fresh, migrated, empty ledger is: an SQLite file (a copy of the template, at
    `ledger_path`), or the libpq URI of the session's PostgreSQL ledger database, just emptied."""
    if backend == "sqlite":
        path = tmp_path / "ledger.db"
        shutil.copyfile(request.getfixturevalue("migrated_template"), path)
        return path
    uri = str(request.getfixturevalue("pg_ledger"))
    pg.reset(uri)
    return uri


@pytest.fixture
def fresh_ledger(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], Path | str]:
    """A maker of fresh, migrated, empty ledgers, for a test that needs one per call (a hypothesis
    example each): on SQLite a new copy of the template in the test's folder; on PostgreSQL the
    session's ledger database emptied again (`pg.reset`), so the ledger made before is gone: each
    call's ledger is used, and its engine disposed, before the next call."""
    made = itertools.count(1)
    if backend == "sqlite":
        template = request.getfixturevalue("migrated_template")

        def fresh_file() -> Path:
            path = tmp_path / f"ledger-{next(made)}.db"
            shutil.copyfile(template, path)
            return path

        return fresh_file
    uri = str(request.getfixturevalue("pg_ledger"))

    def fresh_database() -> str:
        pg.reset(uri)
        return uri

    return fresh_database


@pytest.fixture
def ledger_url(ledger: Path | str) -> str:
    """The URL of this test's fresh ledger, on either backend."""
    return ledger if isinstance(ledger, str) else sqlite_url(ledger)


@pytest.fixture
def engine(ledger_url: str) -> Iterator[Engine]:
    engine = open_ledger(ledger_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with write_session(engine) as session:
        yield session


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo ledger seeded once at the frozen time into an SQLite file; tests work on copies of it."""
    path = tmp_path_factory.mktemp("demo") / "ledger.db"
    with clock.frozen(FROZEN_AT):
        engine = open_ledger(sqlite_url(path))
    seed_demo(engine)
    engine.dispose()
    return path


DEMO_SEED = "demo_seed"
"""The schema of the session's PostgreSQL ledger database that keeps the demo's rows (tests/pg.py)."""


@pytest.fixture(scope="session")
def pg_demo_template(pg_ledger: str) -> str:
    """The demo seeded once at the frozen time into the session's PostgreSQL ledger and its rows
    saved (`pg.save_seed`); the schema's name, for `pg.reset` to put them back before each test."""
    pg.reset(pg_ledger)
    with clock.frozen(FROZEN_AT):
        engine = open_ledger(pg_ledger)
    seed_demo(engine)
    engine.dispose()
    pg.save_seed(pg_ledger, DEMO_SEED)
    return DEMO_SEED


@pytest.fixture
def demo_ledger(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """A fresh copy of the demo ledger: live incidents in every state, the sample roster, a shift; an
    SQLite file, or the libpq URI of the session's PostgreSQL ledger with the demo's rows put back."""
    if backend == "sqlite":
        path = tmp_path / "ledger.db"
        shutil.copyfile(request.getfixturevalue("demo_template"), path)
        return path
    from tests import pg

    seed = str(request.getfixturevalue("pg_demo_template"))
    uri = str(request.getfixturevalue("pg_ledger"))
    pg.reset(uri, seed=seed)
    return uri


@pytest.fixture
def frozen_clock() -> Iterator[datetime]:
    with clock.frozen(FROZEN_AT):
        yield FROZEN_AT


@pytest.fixture(scope="session")
def cap_schema() -> xmlschema.XMLSchema:
    """The official OASIS CAP 1.2 schema (provenance in tests/data/cap/README.md)."""
    return xmlschema.XMLSchema(Path(__file__).parent / "data" / "cap" / "CAP-v1.2.xsd")
