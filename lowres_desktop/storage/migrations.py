"""Bring a database to the newest schema at start, safely.

Before an upgrade the old SQLite file is copied with the online backup API
(`storage.backups`) to a timestamped file beside it. The upgrade runs with foreign keys off (a
batch rebuild of a parent table would otherwise cascade-delete its children)
and `PRAGMA foreign_key_check` runs after: any finding rolls the upgrade back
and the backup stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect
from sqlalchemy.exc import DatabaseError

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.paths import migrations_dir
from lowres_desktop.storage.backups import backup_sqlite
from lowres_desktop.storage.engine import display_target, make_engine, sqlite_file


class UnopenableDatabase(DomainError):
    """A database this program cannot use as it is (damaged, or from a newer version).

    The UI answers it by offering to restore one of the file's backups.
    """


@dataclass(frozen=True)
class MigrationOutcome:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def _label(revisions: Iterable[str]) -> str | None:
    return "+".join(sorted(revisions)) or None


def head_revision() -> str:
    """The schema version this program writes: its heads joined by «+».

    Features developed side by side may each add a branch from the same
    parent; the database then carries every head, and a later merge
    revision joins them.
    """
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    label = _label(heads)
    assert label is not None
    return label


def current_revision(connection: Connection) -> str | None:
    return _label(MigrationContext.configure(connection).get_current_heads())


def upgrade_to_head(url: str, target: str | None = None) -> MigrationOutcome:
    """Create or upgrade the database at `url`; raises DomainError with a Russian message."""
    shown = display_target(target or url)
    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    head = head_revision()
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.connect() as connection:
            current = current_revision(connection)
            has_tables = bool(inspect(connection).get_table_names())
        if current == head:
            return MigrationOutcome(current, head, None)
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
        raise UnopenableDatabase(
            f"Не удалось открыть «{shown}»: файл повреждён или не является базой данных. ({error.orig})"
        ) from error
    finally:
        engine.dispose()
