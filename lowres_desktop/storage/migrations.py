"""Bring a database to the newest schema at start, safely and quickly.

Opening a database is on every start's path, so the common cases do not
import Alembic: the packaged head is read from the revision files' first
lines, and a database already at it is opened as it is; a new, empty
database gets the current schema from the models' metadata in one
transaction (what the migrations would build, without replaying each step —
a test compares the two), stamped with the head. Only an older database is
upgraded by Alembic.

Before an upgrade the old SQLite file is copied with the online backup API
(`storage.backups`) to a timestamped file beside it. The upgrade runs with foreign keys off (a
batch rebuild of a parent table would otherwise cascade-delete its children)
and `PRAGMA foreign_key_check` runs after: any finding rolls the upgrade back
and the backup stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Connection,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DatabaseError

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.paths import migrations_dir
from lowres_desktop.storage.engine import display_target, make_engine, sqlite_file
from lowres_desktop.storage.environment import UnopenableDatabase, database_error
from lowres_desktop.storage.seed_rows import SEED_ROWS

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)
"""Alembic's own bookkeeping table, as Alembic creates it, for reading and stamping without it."""

CREATION_LOCK_KEY = 0x6C6F7763  # "lowc": held while a new database's tables are created
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*[\"']([^\"']+)[\"']\s*$", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(\([^)]*\)|.+)$", re.MULTILINE)
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


@dataclass(frozen=True)
class MigrationOutcome:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def _label(revisions: Iterable[str]) -> str | None:
    return "+".join(sorted(revisions)) or None


def head_revision() -> str:
    """The schema version this program writes: its heads joined by «+».

    Features developed side by side may each add a branch from the same
    parent; the database then carries every head, and a later merge
    revision joins them. Read from each revision file's `revision` and
    `down_revision` lines (a test checks it against Alembic's own answer),
    since importing Alembic to ask it costs more than the rest of opening.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (migrations_dir() / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = _REVISION.search(text)
        down = _DOWN_REVISION.search(text)
        if revision is None or down is None:
            raise DomainError(f"Файл миграции «{script.name}» без строк revision и down_revision.")
        revisions.add(revision.group(1))
        parents.update(_QUOTED.findall(down.group(1)))
    label = _label(revisions - parents)
    assert label is not None
    return label


def current_revision(connection: Connection) -> str | None:
    """The revisions the database is stamped with; None for a database without the stamp."""
    if not inspect(connection).has_table(VERSION_TABLE.name):
        return None
    return _label(connection.execute(select(VERSION_TABLE.c.version_num)).scalars())


def _create_at_head(connection: Connection, head: str) -> None:
    """An empty database gets the models' schema, the rows migrations seed, and the head's stamp.

    The caller found no table, holding the write lock: nothing is asked of the
    database before each CREATE. A SQLite file runs the generated statements of
    `storage.sqlite_schema` when they are of this head, without importing every
    model (see `storage.schema`); otherwise the models' metadata creates it.
    """
    from lowres_desktop.storage import sqlite_schema

    if connection.dialect.name == "sqlite" and sqlite_schema.HEAD == head:
        for statement in sqlite_schema.STATEMENTS:
            connection.exec_driver_sql(statement)
    else:
        from lowres_desktop.storage.schema import metadata

        metadata.create_all(connection, checkfirst=False)
        for table_name, rows in SEED_ROWS.items():
            connection.execute(metadata.tables[table_name].insert(), rows)
    VERSION_TABLE.create(connection)
    connection.execute(VERSION_TABLE.insert(), [{"version_num": v} for v in head.split("+")])


def _create_unless_created_meanwhile(url: str, head: str) -> MigrationOutcome | None:
    """Create the empty database holding the one write lock, so two programs starting on a new
    file at once do not both create its tables; None if the other one finished first at another head."""
    writer = make_engine(url, foreign_keys=False, writer=True)
    try:
        with writer.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CREATION_LOCK_KEY})
            current = current_revision(connection)
            if current is None and not inspect(connection).get_table_names():
                _create_at_head(connection, head)
                return MigrationOutcome(None, head, None)
        return MigrationOutcome(current, head, None) if current == head else None
    finally:
        writer.dispose()


def upgrade_to_head(url: str, target: str | None = None) -> MigrationOutcome:
    """Create or upgrade the database at `url`; raises DomainError with a Russian message."""
    shown = display_target(target or url)
    head = head_revision()
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.connect() as connection:
            current = current_revision(connection)
            # A stamped database has tables (the stamp's): only an unstamped one is asked for them.
            has_tables = current is not None or bool(inspect(connection).get_table_names())
            if current is None and has_tables:
                # Another program may have created it between the two reads: a new database's
                # tables and stamp are committed together, so the stamp is there now if it is its.
                current = current_revision(connection)
        if current == head:
            return MigrationOutcome(current, head, None)
        if current is None and not has_tables:
            created = _create_unless_created_meanwhile(url, head)
            if created is not None:
                return created
            with engine.connect() as connection:
                current = current_revision(connection)
                has_tables = True
        from alembic import command
        from alembic.script import ScriptDirectory

        config = alembic_config()
        scripts = ScriptDirectory.from_config(config)
        known = {script.revision for script in scripts.walk_revisions()}
        if current is not None and not set(current.split("+")) <= known:
            raise UnopenableDatabase(
                f"База данных «{shown}» создана более новой версией программы "
                f"(версия схемы {current}). Обновите программу или откройте другую базу."
            )
        if current is None and has_tables:
            raise DomainError(f"Файл «{shown}» содержит чужие таблицы и не является базой lowres-desktop.")
        backup = None
        db_file = sqlite_file(url)
        if db_file is not None and current is not None:
            from lowres_desktop.storage.backups import backup_sqlite

            backup = backup_sqlite(db_file, f"before-{head}")
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
            if connection.dialect.name == "sqlite":
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DomainError(
                        "Обновление базы данных отменено: нарушены связи между таблицами "
                        f"({len(problems)} записей, например {tuple(problems[0])}). "
                        f"База не изменена, копия сохранена: {backup}"
                    )
        return MigrationOutcome(current, head, backup)
    except DatabaseError as error:
        if sqlite_file(url) is None:
            raise DomainError(
                f"Не удалось подключиться к базе «{shown}»: {error.orig}. Проверьте адрес сервера, "
                "имя базы, пользователя и пароль и что сервер доступен из этой сети."
            ) from error
        raise database_error(sqlite_file(url) or Path(shown), error) from error
    finally:
        engine.dispose()
