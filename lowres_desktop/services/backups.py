"""Use cases around copies of the database file: now, before an import, daily, restore.

Only a SQLite file has copies here: a shared PostgreSQL database is backed
up on its server (pg_dump) by whoever runs it. Restoring is itself undoable:
the current file is copied first, and that copy appears in the list like any
other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.storage.backups import (
    DEFAULT_KEEP,
    BackupFile,
    backup_problem,
    backup_sqlite,
    backups_folder,
    holds_only_what_a_new_database_has,
    is_sound_sqlite,
    list_backup_files,
    prune_backups,
    restore_sqlite,
)
from lowres_desktop.storage.engine import database_url, sqlite_file
from lowres_desktop.storage.migrations import UnopenableDatabase
from lowres_desktop.storage.unit_of_work import Database

__all__ = ["DEFAULT_KEEP", "Backup", "UnopenableDatabase"]

KEEP_SETTING = "backups.keep"

_REASONS = {
    "manual": "вручную",
    "daily": "ежедневная",
    "before-import": "перед импортом",
    "before-restore": "перед восстановлением",
}


@dataclass(frozen=True)
class Backup:
    path: Path
    created_at: datetime
    reason: str
    size_bytes: int

    @property
    def reason_text(self) -> str:
        """Why the copy was made, in the user's words."""
        if self.reason.startswith("before-") and self.reason not in _REASONS:
            return "перед обновлением программы"
        return _REASONS.get(self.reason, self.reason)


def backup_id(backup: Backup) -> str:
    """The copy's stable name for the command line: when it was made, to the microsecond."""
    return backup.created_at.strftime("%Y%m%d-%H%M%S-%f")


def _backup(found: BackupFile) -> Backup:
    return Backup(found.path, found.created_at, found.reason, found.size_bytes)


def database_file(target: str) -> Path | None:
    """The SQLite file behind a path or URL, or None for a server database."""
    return sqlite_file(database_url(target))


def supports_backups(target: str) -> bool:
    return database_file(target) is not None


def backups_location(target: str) -> Path | None:
    db_file = database_file(target)
    return backups_folder(db_file) if db_file is not None else None


def list_backups(target: str) -> list[Backup]:
    """The copies of the database at `target`, newest first (none for a server database)."""
    db_file = database_file(target)
    return [_backup(found) for found in list_backup_files(db_file)] if db_file else []


def backup_limit(db: Database) -> int:
    """How many copies to keep: the database's own setting, else DEFAULT_KEEP."""
    with db.unit_of_work() as uow:
        value = uow.settings.texts(KEEP_SETTING).get("", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_KEEP


def set_backup_limit(db: Database, keep: int) -> None:
    if keep < 1:
        raise DomainError("Храните хотя бы одну резервную копию.")
    with db.unit_of_work() as uow:
        uow.settings.set_text(KEEP_SETTING, str(keep))
        uow.commit()
    db_file = database_file(db.target)
    if db_file is not None:
        prune_backups(db_file, keep)


def _make(db: Database, reason: str) -> Backup | None:
    db_file = database_file(db.target)
    if db_file is None or not db_file.exists():
        return None
    path = backup_sqlite(db_file, reason, keep=backup_limit(db))
    return next(backup for backup in list_backups(db.target) if backup.path == path)


def backup_now(db: Database) -> Backup:
    """The «Создать копию сейчас» button."""
    made = _make(db, "manual")
    if made is None:
        raise DomainError(
            "Резервные копии создаются только для файла базы данных. Базу на сервере PostgreSQL "
            "копирует администратор сервера (pg_dump)."
        )
    return made


def backup_before_import(db: Database) -> Backup | None:
    """A copy right before an import writes, so a wrong file can be undone whole.

    None, and no copy, while the database holds only what a new one is created
    with (the first import into a new file): restoring that copy would give the
    same empty database as deleting the file, and making it (the copy, its
    integrity check, ten fsyncs) cost the first import of a region 25–180 ms.
    """
    db_file = database_file(db.target)
    if db_file is not None and db_file.exists() and holds_only_what_a_new_database_has(db_file):
        return None
    return _make(db, "before-import")


def daily_backup(db: Database, today: date | None = None) -> Backup | None:
    """One copy on the first start of each day; None if today's exists or there is no file."""
    today = today or date.today()
    if any(b.created_at.date() == today for b in list_backups(db.target) if b.reason == "daily"):
        return None
    return _make(db, "daily")


def restore_backup(target: str, backup: Path) -> Backup | None:
    """Put `backup` in place of the database at `target`, copying the current file first.

    The caller closes its `Database` before and opens it again after. Returns
    the copy of the replaced file (None if there was nothing sound to copy),
    which restores the state before this restore.
    """
    db_file = database_file(target)
    if db_file is None:
        raise DomainError("Восстановление из копии возможно только для файла базы данных.")
    problem = backup_problem(backup, thorough=True)
    if problem:
        raise DomainError(
            f"Копия «{backup.name}» не годится для восстановления ({problem}); выберите другую."
        )
    undo = None
    if db_file.exists() and is_sound_sqlite(db_file):
        # Not pruned now: the oldest copy may be the very one being restored.
        path = backup_sqlite(db_file, "before-restore")
        undo = next(b for b in list_backups(target) if b.path == path)
    restore_sqlite(backup, db_file)
    return undo
