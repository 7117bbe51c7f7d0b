"""Problems found in a file, each placed at its sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass

from lowres_desktop.domain.errors import DomainError


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
