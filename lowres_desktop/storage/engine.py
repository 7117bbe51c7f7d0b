"""Engines for a database given as a file path or a URL, with the SQLite pragmas the product relies on."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from lowres_desktop.storage.environment import network_reason


def database_url(target: str) -> str:
    """A SQLAlchemy URL for a file path or for a URL given as is."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def display_target(target: str) -> str:
    """A path as it is, a URL without its password: what messages, titles and recent lists show."""
    if "://" not in target:
        return target
    return make_url(target).render_as_string(hide_password=True)


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def file_signature(url: str) -> tuple[tuple[int, int], ...] | None:
    """Modification time and size of a SQLite file and its write-ahead log; None for a server.

    Another program's commit to the same file (the command line, a colleague on a
    shared folder) changes one of them, so a cache can tell that its data went stale.
    """
    path = sqlite_file(url)
    if path is None:
        return None
    signature = []
    for one in (path, path.with_name(path.name + "-wal")):
        try:
            stat = one.stat()
        except FileNotFoundError:
            signature.append((0, 0))
        else:
            signature.append((stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


READ_WAIT_MS = 5_000
WRITE_WAIT_MS = 40_000
"""How long one attempt of a writer waits for another writer (an import of a region's file takes
seconds); `Database.run_write` makes three attempts, so about two minutes in all."""


def set_journal_mode(connection: sqlite3.Connection, journal: str, wait_ms: int) -> None:
    """Switch the journal mode, waiting as long as any other lock would be waited for.

    Two programs opening a new file at once both switch it to WAL; SQLite answers
    the loser «database is locked» at once, without calling the busy handler (the
    switch would otherwise deadlock), so the busy timeout alone does not wait here.
    """
    deadline = time.monotonic() + wait_ms / 1000
    while True:
        try:
            connection.execute(f"PRAGMA journal_mode = {journal}").fetchall()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def journal_mode(url: str) -> str:
    """WAL on a local disk; the rollback journal on a network drive, where WAL cannot work."""
    path = sqlite_file(url)
    return "DELETE" if path is not None and network_reason(path) else "WAL"


def make_engine(url: str, *, foreign_keys: bool = True, writer: bool = False) -> Engine:
    """An engine; on SQLite every connection gets its journal mode and foreign keys as asked.

    Migrations ask for foreign keys off: Alembic's batch mode rebuilds a table
    by dropping it, which with foreign keys on cascades into its children.
    A `writer` engine on SQLite begins every transaction with BEGIN IMMEDIATE:
    it takes the one write lock before reading, so two imports at once run one
    after the other instead of both planning from the same state and the second
    failing on a row the first inserted (with deferred transactions SQLite
    refuses the second writer at once, busy timeout or not).
    """
    # A server's idle connections may be dropped by the office network: test each one before use.
    engine = create_engine(url, pool_pre_ping=make_url(url).get_backend_name() != "sqlite")
    if engine.dialect.name == "sqlite":
        pragma = "ON" if foreign_keys else "OFF"
        journal = journal_mode(url)
        wait = WRITE_WAIT_MS if writer else READ_WAIT_MS

        @event.listens_for(engine, "connect")
        def _set_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            if writer:
                dbapi_connection.isolation_level = None  # the "begin" listener below opens transactions
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {wait}")
            cursor.execute(f"PRAGMA foreign_keys = {pragma}")
            cursor.close()
            set_journal_mode(dbapi_connection, journal, wait)

        if writer:

            @event.listens_for(engine, "begin")
            def _begin_immediate(connection) -> None:  # type: ignore[no-untyped-def]
                connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
