"""Problems found in a file, each placed at its sheet, row and column."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lowres_desktop.domain.errors import DomainError

_log = logging.getLogger(__name__)


def column_letters(number: int) -> str:
    """Excel's letters of column `number` (1 → «A», 28 → «AB»; 0 → «»), without importing openpyxl."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int
    column: int
    value: object
    why: str

    @property
    def place(self) -> str:
        return f"лист «{self.sheet}», строка {self.row}, столбец {column_letters(self.column)}"

    def __str__(self) -> str:
        shown = "" if self.value is None else f" значение «{self.value}»:"
        return f"{self.place}:{shown} {self.why}"


class FileRejected(DomainError):
    """The whole file is refused; nothing was written."""

    def __init__(self, file_name: str, reason: str, problems: list[CellProblem] | None = None):
        self.file_name = file_name
        self.problems = problems or []
        lines = [f"Файл «{file_name}» не импортирован, база не изменена. {reason}"]
        lines += [f"  • {problem}" for problem in self.problems[:20]]
        if len(self.problems) > 20:
            lines.append(f"  … и ещё {len(self.problems) - 20}")
        super().__init__("\n".join(lines))


def unreadable(file_name: str, reason: str, error: BaseException) -> FileRejected:
    """A file a library could not read, refused with `reason` in Russian.

    The library's own words («File is not a zip file», «unbound prefix: line 1»)
    are English and mean nothing to a clerk: they go to the log, for whoever
    looks into a file that should have been read, and not into the message.
    """
    _log.info("«%s» refused: %s (%s: %s)", file_name, reason, type(error).__name__, error)
    return FileRejected(file_name, reason)
