"""Copies of a SQLite database file: made with the online backup API, listed, pruned, restored.

A plain file copy of a database in use can catch it between two pages of a
write (and misses what still sits in the WAL file); SQLite's backup API reads
a consistent snapshot while other connections go on. The copies live in
`<name>.backups/` beside the database, so they move with it, and their file
names carry when and why each was made.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

DEFAULT_KEEP = 20
"""How many copies are kept beside a database unless the user chose otherwise."""

_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.*)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>.+)\.sqlite$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created_at: datetime
    reason: str
    size_bytes: int


def backups_folder(db_file: Path) -> Path:
    return db_file.parent / f"{db_file.stem}.backups"


def backup_sqlite(source: Path, reason: str, keep: int | None = None) -> Path:
    """Copy `source` with the online backup API into its backups folder; then keep the newest `keep`."""
    folder = backups_folder(source)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime(_STAMP_FORMAT)
    target = folder / f"{source.stem}-{stamp}-{reason}.sqlite"
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    if keep is not None:
        prune_backups(source, keep, spare=target)
    return target


def list_backup_files(db_file: Path) -> list[BackupFile]:
    """The copies of `db_file`, newest first."""
    folder = backups_folder(db_file)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite"):
        match = _NAME.match(path.name)
        if match is None or match["stem"] != db_file.stem:
            continue
        created = datetime.strptime(match["stamp"], _STAMP_FORMAT)
        found.append(BackupFile(path, created, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda backup: backup.created_at, reverse=True)


def prune_backups(db_file: Path, keep: int, spare: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` copies (never `spare`); returns what was deleted."""
    removed = []
    for backup in list_backup_files(db_file)[max(keep, 1) :]:
        if backup.path != spare:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def is_sound_sqlite(path: Path) -> bool:
    """Whether `path` opens as SQLite and passes `PRAGMA quick_check`."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            return connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
    except sqlite3.DatabaseError:
        return False


def restore_sqlite(backup: Path, target: Path) -> None:
    """Write the backup's pages over `target` through SQLite, so its WAL and locks stay coherent.

    The program's own engine must be closed first. A file too damaged for
    SQLite to open is moved aside (kept as `<name>.damaged-<time>`) and the
    copy takes its place.
    """
    if target.exists() and not is_sound_sqlite(target):
        stamp = datetime.now().strftime(_STAMP_FORMAT)
        target.rename(target.with_name(f"{target.name}.damaged-{stamp}"))
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    with closing(sqlite3.connect(backup)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
