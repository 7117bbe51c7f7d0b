"""Copies of a SQLite database file: made with the online backup API, listed, pruned, restored.

A plain file copy of a database in use can catch it between two pages of a
write (and misses what still sits in the WAL file); SQLite's backup API reads
a consistent snapshot while other connections go on. The copies live in
`<name>.backups/` beside the database, so they move with it, and their file
names carry when and why each was made.

A copy is written under a temporary name, checked (`PRAGMA integrity_check`
and the program's tables), and only then renamed to its final name, so a copy
interrupted by a crash or a full disk never looks like a copy. Listing checks
again (a file may have been truncated since, or be an empty file that SQLite
would happily open as an empty database): only sound copies are offered.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.files.atomic import atomic_path
from lowres_desktop.storage.environment import database_error, error_words, place_problem
from lowres_desktop.storage.seed_rows import SEED_ROWS

_log = logging.getLogger(__name__)

DEFAULT_KEEP = 20
"""How many copies are kept beside a database unless the user chose otherwise."""

_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.*)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>.+)\.sqlite$")
EXPECTED_TABLES = frozenset({"alembic_version", "districts", "schools", "procedures", "results"})
"""Tables every database of the program has had since its first schema: a copy without them is not one."""
_SOUND: dict[tuple[str, int, int], bool] = {}
"""Checked copies by (path, size, modification time): listing twice does not read every copy twice."""


class BackupFailed(DomainError):
    """No copy was made; the database itself is untouched."""


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
    with atomic_path(target) as temporary:
        try:
            with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(temporary)) as dst:
                src.backup(dst)
                # One self-contained file: a copy in WAL mode grows -wal/-shm files whenever it is read.
                dst.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error as error:
            place = place_problem(target)
            reason = place or f"{database_error(source, error)}"
            raise BackupFailed(f"Резервная копия в папке «{folder}» не создана: {reason}") from error
        problem = backup_problem(temporary, thorough=True)
        if problem:
            raise BackupFailed(f"Резервная копия не создана: копия не прошла проверку ({problem}).")
    if keep is not None:
        prune_backups(source, keep, spare=target)
    return target


def holds_only_what_a_new_database_has(db_file: Path) -> bool:
    """Whether the committed database holds nothing but its schema version and the seed rows.

    Such a database is what opening a missing file creates: a copy of it keeps
    nothing that deleting the file would lose. Any other row in any table (a
    school, a setting, an audit entry, an edited problem type), or a database
    that cannot be read, counts as something to keep.
    """
    try:
        with closing(sqlite3.connect(db_file)) as connection:
            listed = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            for (table,) in listed.fetchall():
                if table == "alembic_version":
                    continue
                seeded = SEED_ROWS.get(table)
                if seeded is None:
                    if connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
                        return False
                    continue
                columns = list(seeded[0])
                named = ", ".join(f'"{column}"' for column in columns)
                stored = connection.execute(f'SELECT {named} FROM "{table}" ORDER BY rowid').fetchall()
                if stored != [tuple(row[column] for column in columns) for row in seeded]:
                    return False
    except sqlite3.Error:
        return False
    return True


def list_backup_files(db_file: Path) -> list[BackupFile]:
    """The sound copies of `db_file`, newest first (an incomplete or damaged one is left out)."""
    folder = backups_folder(db_file)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite"):
        match = _NAME.match(path.name)
        if match is None or match["stem"] != db_file.stem:
            continue
        if not _listed_sound(path):
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
    """Whether `path` is a non-empty SQLite file that opens and passes `PRAGMA quick_check`."""
    return _sqlite_problem(path, "quick_check") is None


def backup_problem(path: Path, thorough: bool = False) -> str | None:
    """Why `path` is not a usable copy of a program database, or None when it is.

    `thorough` runs the full `integrity_check` (when the copy is made and before
    it is restored); listing runs the quicker `quick_check`.
    """
    problem = _sqlite_problem(path, "integrity_check" if thorough else "quick_check")
    if problem is not None:
        return problem
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        listed = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {name for (name,) in listed}
        missing = EXPECTED_TABLES - tables
        if missing:
            return "нет таблиц " + ", ".join(sorted(missing))
        if connection.execute("SELECT count(*) FROM alembic_version").fetchone() == (0,):
            return "не указана версия схемы"
    return None


def _sqlite_problem(path: Path, check: str) -> str | None:
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        return f"файл не читается ({error.errno})"
    if header != b"SQLite format 3\x00":
        return "пустой или неполный файл" if len(header) < 16 else "это не файл базы данных SQLite"
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            result = connection.execute(f"PRAGMA {check}").fetchone()
    except sqlite3.DatabaseError as error:
        return f"файл не открывается: {error_words(str(error))}"
    if result == ("ok",):
        return None
    _log.info("%s failed on %s: %s", check, path, result)
    return "проверка целостности не пройдена: структура файла нарушена"


def _listed_sound(path: Path) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _SOUND:
        _SOUND[key] = backup_problem(path) is None
    return _SOUND[key]


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
