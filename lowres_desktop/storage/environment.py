"""Where a database file lives, and what went wrong there, told apart from a damaged file.

SQLite reports a full disk, a read-only folder or a missing folder in words
(«unable to open database file», «file is not a database», «disk I/O error»)
that a program easily turns into «the file is damaged» — and then offers to
restore a backup over a sound file. Here the error and the place are looked
at together: only a file that SQLite itself cannot read as a database, in a
folder that is reachable, writable and not full, is called damaged
(`UnopenableDatabase`); every other case gets its own Russian message with
what to do, and the database is left as it is.

SQLite's write-ahead log needs shared memory that network file systems do not
provide (https://sqlite.org/wal.html): a database on a network drive is opened
without WAL, and the program warns that such a file is for one user at a time.
"""

from __future__ import annotations

import ntpath
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.files.faults import DISK_FULL, LOCKED, MISSING, READ_ONLY, describe_os_error

NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "ncpfs", "davfs"}
)
_DRIVE_REMOTE = 4
"""GetDriveTypeW's answer for a network drive."""
MIN_FREE_BYTES = 1024 * 1024
"""Less free space than this and a write of a few pages may already fail."""


class UnopenableDatabase(DomainError):
    """A database this program cannot use as it is (damaged, or from a newer version).

    The only case the UI answers by offering to restore one of the file's backups.
    """


class DatabaseBusy(DomainError):
    """Another program holds the database's write lock longer than the program waits."""


class DatabaseEnvironmentError(DomainError):
    """The disk, the folder or the file's permissions stop the database: the file itself is sound."""


SHARED_FILE_WARNING = (
    "База данных «{path}» находится на сетевом диске. Такой файл можно открывать только с одного "
    "компьютера одновременно: если его откроют двое, база может быть повреждена. Программа работает с ним "
    "без журнала WAL. Для совместной работы отдела используйте базу на сервере PostgreSQL "
    "(Файл → Открыть базу… → адрес сервера)."
)


def network_reason(path: Path) -> str | None:
    """Why `path` is on a network drive («UNC-путь», «диск сети», «nfs»), or None for a local disk."""
    if sys.platform == "win32":
        return windows_network_reason(str(Path(path).expanduser().absolute()), _windows_drive_type)
    if sys.platform.startswith("linux"):
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        return linux_network_reason(path, mounts)
    return None


def linux_network_reason(path: Path, mounts: str) -> str | None:
    """The network file system type of the mount that holds `path`, from /proc/mounts text."""
    resolved = str(Path(path).expanduser().absolute())
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind if kind in NETWORK_FILE_SYSTEMS else None


def windows_network_reason(text: str, drive_type: Callable[[str], int]) -> str | None:
    """«UNC-путь» for \\\\server\\share\\…, «сетевой диск» for a letter whose drive type is remote."""
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return "UNC-путь"
    if text.upper().startswith("\\\\?\\UNC\\"):
        return "UNC-путь"
    drive = ntpath.splitdrive(text)[0]
    if drive and drive_type(drive + "\\") == _DRIVE_REMOTE:
        return "сетевой диск"
    return None


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def database_error(path: Path, error: BaseException) -> DomainError:
    """The message for an error SQLite raised on the database file `path` (opening or writing)."""
    text = str(getattr(error, "orig", None) or error).lower()
    shown = str(path)
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            f"База данных «{shown}» занята: в неё сейчас пишет другая программа (другое окно lowres-desktop, "
            "команда lowres или программа резервного копирования). Подождите минуту и повторите; "
            "ничего не записано."
        )
    place = place_problem(path)
    if place is not None:
        return DatabaseEnvironmentError(f"База данных «{shown}»: {place} Ничего не записано.")
    if "readonly" in text or "read-only" in text:
        return DatabaseEnvironmentError(f"База данных «{shown}»: {READ_ONLY}. Ничего не записано.")
    if "full" in text:
        return DatabaseEnvironmentError(f"База данных «{shown}»: {DISK_FULL}. Ничего не записано.")
    if file_is_sound(path):
        return DatabaseEnvironmentError(
            f"С базой данных «{shown}» не удалось работать: {error_words(text)} Сам файл базы исправен; "
            "проверьте диск и повторите."
        )
    return UnopenableDatabase(
        f"Не удалось открыть «{shown}»: файл повреждён или не является базой данных ({error_words(text)})"
    )


def error_words(text: str) -> str:
    """SQLite's own words, translated where they are known."""
    known = {
        "disk i/o error": "ошибка чтения или записи на диске.",
        "unable to open database file": "файл базы не открывается.",
        "file is not a database": "файл не является базой данных SQLite.",
        "database disk image is malformed": "структура файла нарушена.",
    }
    return next((words for phrase, words in known.items() if phrase in text), f"«{text}».")


def place_problem(path: Path) -> str | None:
    """What about the folder or the file stops the database, or None when the place is fine."""
    folder = path.parent
    if not folder.is_dir():
        return f"{MISSING} (папка «{folder}»)."
    if path.is_dir():
        return "по этому пути находится папка, а не файл базы: выберите файл."
    try:
        if shutil.disk_usage(folder).free < MIN_FREE_BYTES:
            return f"{DISK_FULL}."
    except OSError as error:
        return describe_os_error(error)
    if path.exists() and not os.access(path, os.R_OK):
        return f"{READ_ONLY}."
    if path.exists() and not os.access(path, os.W_OK):
        return f"{READ_ONLY}."
    if not os.access(folder, os.W_OK):
        return f"{READ_ONLY} (SQLite записывает служебный файл рядом с базой)."
    if _locked_by_another_program(path):
        return f"{LOCKED}."
    return None


def _locked_by_another_program(path: Path) -> bool:
    """Windows refuses to open a file another program holds exclusively; elsewhere files are not locked so."""
    if sys.platform != "win32" or not path.exists():
        return False
    try:
        with path.open("rb+"):
            return False
    except PermissionError as error:
        return getattr(error, "winerror", None) in (32, 33)
    except OSError:
        return False


def file_is_sound(path: Path) -> bool:
    """Whether the file reads as a SQLite database (header and a quick check), opened read-only."""
    try:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return False
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
        finally:
            connection.close()
    except (OSError, sqlite3.Error):
        return False
