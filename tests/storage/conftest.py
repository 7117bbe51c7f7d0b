"""Storage tests run against SQLite and, where a server is given, PostgreSQL.

`.ci/run` starts a PostgreSQL server on loopback and exports
`LOWRES_TEST_PG_URL` (a URL to a maintenance database such as `postgres`);
each test gets a database of its own, created and dropped here. In CI a
missing variable fails the PostgreSQL variants, so a broken server start can
never pass as «skipped»; on a developer's machine they are skipped with the
reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lowres_desktop.storage.unit_of_work import Database

PG_URL_VAR = "LOWRES_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def postgres_admin_url() -> str:
    """The server to test against, or fail (CI) / skip (elsewhere) saying why."""
    url = os.environ.get(PG_URL_VAR, "")
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{PG_URL_VAR} is not set: in CI .ci/run must start PostgreSQL and export it")
    pytest.skip(f"PostgreSQL variant: set {PG_URL_VAR}=postgresql+psycopg://user@host:port/postgres")


def _admin_execute(admin_url: str, statement: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def fresh_postgres_database() -> Iterator[str]:
    """A new empty database on the test server for one test; dropped afterwards."""
    admin_url = postgres_admin_url()
    name = f"lowres_t_{uuid.uuid4().hex[:12]}"
    _admin_execute(admin_url, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def database_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """What `Database.open` takes: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.sqlite")
    else:
        yield from fresh_postgres_database()


@pytest.fixture
def postgres_target() -> Iterator[str]:
    """A PostgreSQL database only, for what SQLite cannot show (several writers at once)."""
    yield from fresh_postgres_database()


@pytest.fixture
def any_db(database_target: str) -> Iterator[Database]:
    database = Database.open(database_target)
    try:
        yield database
    finally:
        database.close()
