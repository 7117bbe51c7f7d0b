"""What went wrong with a file or a folder, told in Russian with what to do.

The operating system's own words arrive in English («Is a directory», «No
space left on device») and tell an office worker nothing; worse, SQLite calls
a full disk or a read-only folder «file is not a database», and a program that
repeats it offers to restore a backup over a sound file. Every layer that
touches a file turns its OSError into one of these sentences instead.
"""

from __future__ import annotations

import errno

from lowres_desktop.domain.errors import DomainError

_WINDOWS_LOCKED = {32, 33}
"""ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program holds the file open."""
_WINDOWS_FULL = {39, 112}
"""ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL."""

DISK_FULL = (
    "на диске нет свободного места: освободите место (удалите ненужные файлы, очистите корзину) и повторите"
)
READ_ONLY = (
    "файл или папка доступны только для чтения: снимите в свойствах файла отметку «Только чтение», "
    "попросите у администратора права на запись в папку или выберите другую папку"
)
LOCKED = (
    "файл открыт в другой программе (например, в Excel, Word или программе просмотра PDF): "
    "закройте его там и повторите"
)
MISSING = "папка или файл не найдены: проверьте, что диск подключён и папка существует"


def describe_os_error(error: OSError) -> str:
    """A Russian clause (lower case, ends with a full stop) saying what happened and what to do."""
    winerror = getattr(error, "winerror", None)
    code = error.errno
    if winerror in _WINDOWS_LOCKED or code in (errno.EBUSY, errno.ETXTBSY):
        text = LOCKED
    elif winerror in _WINDOWS_FULL or code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        text = DISK_FULL
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
        text = READ_ONLY
    elif code == errno.ENOENT:
        text = MISSING
    elif code == errno.EISDIR:
        text = "по этому пути находится папка, а не файл: укажите имя файла"
    elif code == errno.ENOTDIR:
        text = "часть пути — файл, а не папка: проверьте путь"
    elif code == errno.ENAMETOOLONG:
        text = "слишком длинное имя файла или путь: выберите папку ближе к корню диска или имя короче"
    elif code == errno.EIO:
        text = "ошибка чтения или записи на диске: диск отключён или неисправен; проверьте его и повторите"
    else:
        text = f"системная ошибка (код {winerror or code or 'неизвестен'}): проверьте диск и права на папку"
    return f"{text}."


class FileWriteFailed(DomainError):
    """A file was not written; the previous one, if any, is left as it was."""

    def __init__(self, target: str, error: OSError) -> None:
        self.target = target
        self.error = error
        super().__init__(
            f"Файл «{target}» не сохранён: {describe_os_error(error)} Прежний файл, если он был, не изменён."
        )
